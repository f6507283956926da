import { hasNoSqlInjection, hasQuoteBreakout, hasSqlInjection } from "./rules/sql.js";
import type { RuleId } from "./rules.js";

/**
 * Traversal and file inclusion carried by a URL to the server it names (PayloadsAllTheThings
 * "Directory Traversal" and "File Inclusion"). A client normalises a plain `/../` in the
 * path away before sending, so what reaches the server, and is never a link's ordinary
 * form, is: an encoded dot-dot beside a separator anywhere (`..%2f`, `%2e%2e/`, twice
 * encoded, overlong UTF-8), and in a query value a path that climbs (`?page=../../etc/x`,
 * `....//`) or a stream wrapper (`php://filter`, `expect://id`, `file:///etc/passwd`).
 */
const ENCODED_DOT_DOT =
  /(?:%(?:25){0,4}2e|\.){2}(?:%(?:25){0,4}(?:2f|5c)|%c0%af|%c1%9c|%e0%80%af)|%(?:25){0,4}2e%(?:25){0,4}2e|%c0%ae%c0%ae|%uff0e%uff0e|\.\.%u22(?:15|16)/i;

/** Two climbing segments, `....//`, or one climb into a system tree. */
const CLIMBS =
  /\.\.[\\/][^?#&]*\.\.[\\/]|\.{4}[\\/]{2}|(?:^|[\\/=])\.\.[\\/]+(?:etc|windows|winnt|boot|proc|root|var|usr|home|users)\b/i;

/** PHP and other stream wrappers, and file URLs, as a query value. */
const WRAPPER =
  /^(?:php|expect|phar|zip|glob|compress\.(?:zlib|bzip2)|ogg|rar|ssh2(?:\.\w+)?|data|file):\/\//i;

/** The `key=value` pairs of the query (without the fragment) of a decoded URL. */
function queryPairs(url: string): string[] {
  const q = url.indexOf("?");
  if (q === -1) return [];
  const h = url.indexOf("#", q);
  return url.slice(q + 1, h === -1 ? undefined : h).split("&");
}

/**
 * The rule a payload a URL carries to the server it names breaks, or undefined: traversal
 * and file inclusion (above), and in the query, which the server reads as filters, SQL
 * injection (`?id=1' OR '1'='1`, `?id=1 UNION SELECT …--`) and NoSQL operators in keys
 * (`?user[$ne]=x`). Free-text searches (`?q=select name from t`, `?q=O'Brien`) pass.
 */
export function urlPayload(plain: string, decoded: string | undefined): RuleId | undefined {
  if (plain.includes("%") && ENCODED_DOT_DOT.test(plain)) return "path.traversal";
  const url = decoded ?? plain;
  if (!url.includes("?")) return undefined;
  for (const pair of queryPairs(url)) {
    const v = pair.slice(pair.indexOf("=") + 1);
    if (v.includes("..") && CLIMBS.test(v)) return "path.traversal";
    if (v.includes("://") && WRAPPER.test(v)) return "path.file-url";
    if (hasSqlInjection([v]) || hasQuoteBreakout(v) || hasNoSqlInjection([pair], true))
      return "sql.injection";
  }
  return undefined;
}
