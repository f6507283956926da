import type { SecretDetector } from "./detectors.js";
import { isHashOrId, isPlaceholder, shannonEntropy } from "./entropy.js";

/**
 * Unprefixed credentials, found the way gitleaks' `generic-api-key` rule finds them: a key
 * word, at most 20 name characters, an assignment (`=`, `:`, `:=`, `=>`, `?=`, quotes
 * around either side), then a value whose Shannon entropy is above 3.5 bits per character
 * and which is not only letters. Facts carried from config/gitleaks.toml (2026-07); the
 * patterns are ours. The value is the last capture and ends the match (a lookahead holds
 * the terminator), so redaction keeps the name: `password=[REDACTED:password]`.
 */

/** Where a value ends: gitleaks' terminators (quote, space, `;`, `\n`) and URL/code punctuation. */
const END = String.raw`(?=[\x60'"\s;,&)}\]<>|]|\\[nrt]|$)`;
/** A password may hold `&`: it ends at a quote, space, `;` or bracket only. */
const PASSWORD_END = String.raw`(?=[\x60'"\s;,)}\]<>|]|\\[nrt]|$)`;
/** gitleaks' assignment operators, without `,`, `>` and `||` (code arguments, not assignments). */
const ASSIGN = String.raw`[ \t\w.-]{0,20}?[\s'"]{0,3}(?:=|:{1,3}=|:|=>|\?=)[\x60'" \t=]{0,5}`;
/** gitleaks' value shapes: word characters, or base64. */
const VALUE = String.raw`([\w.=-]{10,150}|[a-z0-9][a-z0-9+/]{11,}={0,3})`;

/**
 * Names a key word sits in that are not credentials: gitleaks' generic-api-key allowlist
 * (matched on the whole name): accessibility, author, api version, primary or public key,
 * key id or length, secret name, CSRF token, token URL, key file, monkey…
 */
const NOT_A_CREDENTIAL_NAME =
  /access(?:ibility|or)|access[_.-]?id|random[_.-]?access|api[_.-]?(?:id|name|version)|rapid|capital|author|authentication-results|credentials?[_.-]?id|withcredentials|(?:bucket|foreign|hot|idx|natural|primary|pub(?:lic)?|schema|sequence|sort|partition|cache|row|map|object|dict|hash|lookup|unique|composite|index)[_.-]?key|turkey|[dm]onkey|keying|key[_.-]?(?:alias|board|code|frame|id|length|mesh|name|pair|press(?:ed)?|ring|selector|signature|size|stone|storetype|word|up|down|left|right|s|of|path|type|format|value)|key[_.-]?vault[_.-]?(?:id|name)|key(?:store|tab)[_.-]?(?:file|path)|issuerkeyhash|secret[_.-]?(?:length|name|size|ref|key[_.-]?ref)|usersecretsid|csrf[_.-]?token|xsrf[_.-]?token|(?:api|credentials|token|auth)[_.-]?(?:endpoint|ur[il]|type|header|scheme|provider|method|mode|kind)|public[_.-]?token|(?:key|token)[_.-]?file|token(?:s|izer|ize[drs]?|type|count|limit|usage|s?_?used)|max[_.-]?tokens?/i;

/** How far back a name may start before its key word (gitleaks: 50 name characters). */
const NAME_BEFORE = /[\w.-]{0,50}$/;

/** The variable-like name around the key word: from the characters before it to the operator. */
function nameOf(m: RegExpExecArray): string {
  const before = NAME_BEFORE.exec(m.input.slice(Math.max(0, m.index - 50), m.index))?.[0] ?? "";
  const head = m[0].slice(0, m[0].length - (m[m.length - 1] as string).length);
  return before + (/^[\w.-]+/.exec(head)?.[0] ?? "");
}

/** gitleaks' "only letters" allowlist: a value needs a digit or a symbol to be a key. */
const LETTERS_ONLY = /^[a-zA-Z_.-]+$/;
/** Key words after which hashes and UUIDs are not credentials (cache keys, request ids). */
const WEAK_KEYWORD = /^(?:access|auth|api|key)$/i;

function genericAccept(value: string, m: RegExpExecArray): boolean {
  if (LETTERS_ONLY.test(value) || isPlaceholder(value)) return false;
  if (shannonEntropy(value) <= 3.5) return false;
  if (WEAK_KEYWORD.test(m[1] as string) && isHashOrId(value)) return false;
  return !NOT_A_CREDENTIAL_NAME.test(nameOf(m));
}

export const KEYWORD_DETECTORS: readonly SecretDetector[] = [
  {
    // An AWS secret access key is 40 base64 characters after a name with `secret` in it.
    type: "aws-secret-access-key",
    pattern: new RegExp(`(secret)${ASSIGN}([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])`, "gi"),
    anchor: /secret/i,
    group: 2,
    accept: (v, m) =>
      /[0-9]/.test(v) &&
      /[A-Z]/.test(v) &&
      shannonEntropy(v) > 4 &&
      !NOT_A_CREDENTIAL_NAME.test(nameOf(m)),
  },
  {
    type: "authorization-header",
    pattern: new RegExp(
      String.raw`\b(authorization)["']?[ \t]*[:=][ \t]*["']?(?:Bearer|Basic|Token|Bot|Digest)[ \t]+([\w~+/.=-]{8,})${END}`,
      "gi",
    ),
    anchor: /authorization/i,
    group: 2,
    // gitleaks' curl-auth-header floor.
    accept: (v) => !isPlaceholder(v) && shannonEntropy(v) > 2.75,
  },
  {
    // Passwords are short: 6 characters with a digit or symbol, entropy above 2.5.
    type: "password",
    pattern: new RegExp(
      String.raw`(passw(?:or)?d|pwd|passphrase)[ \t\w.-]{0,20}?[\s'"]{0,3}(?:=|:{1,3}=|:|=>|\?=)[\x60'" \t]{0,5}([^\s'"\x60;,<>{}()[\]|\\]{6,128})${PASSWORD_END}`,
      "gi",
    ),
    anchor: /passw|pwd|passphrase/i,
    group: 2,
    accept: (v, m) =>
      !LETTERS_ONLY.test(v) &&
      !isPlaceholder(v) &&
      shannonEntropy(v) > 2.5 &&
      !NOT_A_CREDENTIAL_NAME.test(nameOf(m)),
  },
  {
    type: "generic-secret",
    pattern: new RegExp(
      `(access|auth|api|credential|creds|key|secret|token)${ASSIGN}${VALUE}${END}`,
      "gi",
    ),
    anchor: /access|auth|api|credential|creds|key|secret|token/i,
    group: 2,
    accept: genericAccept,
  },
];
