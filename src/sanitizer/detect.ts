import type { CompiledSanitizer } from "./compile.js";
import {
  hasDangerousFlag,
  hasDangerousOptionWord,
  hasOptionAfterBlank,
  hasOptionInUrl,
  hasOptionWithOperand,
  startsLikeOption,
} from "./flags.js";
import { findInjectedCommand, hasWordsAfterHost } from "./injection.js";
import type { FieldKind } from "./kinds.js";
import { checkWords } from "./line-words.js";
import { formsOf, type Normalized, normalizeValue } from "./normalize.js";
import {
  canonicalPath,
  checkPath,
  hasTraversal,
  isFileUrl,
  isSensitive,
  isUncOrDevice,
} from "./paths.js";
import { isFieldPath, isProviderId } from "./rules/id-shapes.js";
import { isVersionSpec } from "./rules/package-spec.js";
import type { Report } from "./scan-types.js";
import { judgeCommand, PENDING } from "./shell/judge.js";
import { scanIdentifier, scanSubstitution } from "./shell.js";
import { checkUrl } from "./ssrf.js";
import { urlPayload } from "./url-payloads.js";

/** checkString could not judge the value yet: the bash parser is still loading. */
export const NEEDS_PARSER = "needs-parser" as const;

const CONTROL = /[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]/;
/** Also U+2028/2029: JavaScript and Python's splitlines end a line there; no name holds one. */
const CONTROL_OR_BREAK = /[\x01-\x1f\x7f-\x9f\u2028\u2029]/;
const WHITESPACE = /\s/;
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

function beforeQuery(url: string): string {
  const q = url.indexOf("?");
  const h = url.indexOf("#");
  const end = q < 0 ? h : h < 0 ? q : Math.min(q, h);
  return end < 0 ? url : url.slice(0, end);
}

function checkPathForms(
  forms: string[],
  c: CompiledSanitizer,
  report: Report,
  plainAsSent: boolean,
): boolean {
  for (const f of forms) {
    // Path rules first: `..;/` is a traversal (Tomcat's path parameter), not a command.
    if (CONTROL_OR_BREAK.test(f) && report("ctrl.control-char")) return true;
    const rule = checkPath(f, c.sensitive, c.roots, plainAsSent && f === forms[0]);
    if (rule && report(rule)) return true;
    if (findInjectedCommand(f) && report("shell.injection")) return true;
    // `a.tar --to-command=sh`: a path spliced into tar's or find's line gains an option.
    if ((hasDangerousOptionWord(f) || hasOptionWithOperand(f)) && report("arg.dangerous-flag"))
      return true;
  }
  return startsLikeOption(forms[0] as string) && report("arg.leading-dash");
}

function checkIdentifierForms(forms: string[], c: CompiledSanitizer, report: Report): boolean {
  for (const f of forms) {
    const hit = scanIdentifier(f);
    if (hit && !isVersionSpec(f) && !isProviderId(f) && !isFieldPath(f) && report(hit.rule))
      return true;
    if (CONTROL.test(f) && report("ctrl.control-char")) return true;
    // No name holds a backslash (git refuses one in a ref): a written `\n` or `\x0a` before
    // a command is a line break once the server unescapes the value.
    if (f.includes("\\") && findInjectedCommand(f) && report("shell.injection")) return true;
    if (hasDangerousFlag(f) && report("arg.dangerous-flag")) return true;
    if (hasOptionAfterBlank(f) && report("arg.leading-dash")) return true;
    const canon = canonicalPath(f);
    if (hasTraversal(canon) && report("path.traversal")) return true;
    if ((isUncOrDevice(f) || isFileUrl(f)) && report(isFileUrl(f) ? "path.file-url" : "path.unc"))
      return true;
    if (isSensitive(canon, c.sensitive) && report("path.sensitive")) return true;
  }
  return startsLikeOption(forms[0] as string) && report("arg.leading-dash");
}

function checkUnknownForms(forms: string[], c: CompiledSanitizer, report: Report): boolean {
  for (const f of forms) {
    const hit = scanSubstitution(f);
    if (hit && report(hit.rule)) return true;
    // One token then a command (`photo.png;id`); prose (`fix it; update docs`) has blanks first.
    const injected = findInjectedCommand(f);
    if (injected && !WHITESPACE.test(f.slice(0, injected.at).trim()) && report("shell.injection"))
      return true;
    if (hasDangerousFlag(f) && report("arg.dangerous-flag")) return true;
    if (WHITESPACE.test(f.trim())) continue;
    if (URL_START.test(f.trim()) && !isFileUrl(f)) {
      const rule = checkUrl(f, c.hosts, false);
      if (rule && report(rule)) return true;
      continue;
    }
    if (/[/\\]/.test(f) || f.startsWith("~")) {
      const rule = checkPath(f, c.sensitive, []);
      if (rule && report(rule)) return true;
    }
  }
  return false;
}

function checkUrlForms(n: Normalized, forms: string[], c: CompiledSanitizer, report: Report): void {
  if (CONTROL_OR_BREAK.test(n.plain) && report("ctrl.control-char")) return;
  // Decoded line breaks are legitimate in a query (`?text=a%0Ab`), not before it (CRLF injection).
  if (n.decoded !== undefined && CONTROL_OR_BREAK.test(beforeQuery(n.decoded)))
    if (report("ctrl.control-char")) return;
  const carried = urlPayload(n.plain, n.decoded);
  if (carried !== undefined && report(carried)) return;
  // A URL handed to git or ssh can be read as an option (`--upload-pack=…`, `ext::`).
  for (const f of forms) {
    // A percent-decoded query is search text (`?q=a%20%7C%7C%20b`): a shell handed the URL
    // sees it still encoded. Its raw spelling and the decoded part before it are judged.
    const spliced = f === n.plain || !URL_START.test(f.trimStart()) ? f : beforeQuery(f);
    if (
      (findInjectedCommand(spliced, URL_START.test(f.trimStart()) ? "url" : "host") ||
        hasWordsAfterHost(f)) &&
      report("shell.injection")
    )
      return;
    if (startsLikeOption(f) && report("arg.leading-dash")) return;
    if ((hasDangerousFlag(f) || hasOptionInUrl(f)) && report("arg.dangerous-flag")) return;
    const rule = checkUrl(f, c.hosts, true);
    if (rule && report(rule)) return;
  }
}

/** A path or identifier field holding a web URL (`source: https://…`, `repo: https://…`). */
const looksLikeWebUrl = (s: string) => URL_START.test(s.trimStart()) && !isFileUrl(s);

/**
 * Runs every rule that applies to a field of `kind` on one string value (or key). Each
 * rule looks at the normalised spelling and, where decoding can matter, the decoded one.
 */
export function checkString(
  value: string,
  kind: FieldKind,
  c: CompiledSanitizer,
  report: Report,
): typeof NEEDS_PARSER | undefined {
  if (kind === "text") return;
  const n = normalizeValue(value, true);
  if (n.hiddenChars && report("evasion.invisible")) return;
  const forms = formsOf(n);
  for (const f of forms) if (f.includes("\0") && report("ctrl.null-byte")) return;
  // Paths and identifiers that are URLs (download sources, clone targets) get the URL rules,
  // also when only the decoded spelling is a URL.
  const pathLike = kind === "path" || kind === "identifier";
  const plainUrl = pathLike && looksLikeWebUrl(n.plain);
  if (pathLike && !plainUrl && n.decoded !== undefined && looksLikeWebUrl(n.decoded)) {
    let stopped = false;
    checkUrlForms(n, forms, c, (rule) => {
      stopped = report(rule);
      return stopped;
    });
    if (stopped) return;
  }
  const effective = plainUrl ? "url" : kind;
  switch (effective) {
    case "path":
      checkPathForms(forms, c, report, n.plain === value);
      return;
    case "identifier":
      checkIdentifierForms(forms, c, report);
      return;
    case "url":
      checkUrlForms(n, forms, c, report);
      return;
    case "command": {
      // The shell runs the value as written; NFKC (`；` → `;`) is judged too, in case
      // something on the way normalises. Percent-decoding is not a shell's business.
      const spellings = n.plain === value ? [value] : [value, n.plain];
      // U+2028/2029 end a line for whatever splits the value the Unicode way on its way
      // to a shell (JavaScript, Python's splitlines): judge that reading too.
      if (/[\u2028\u2029]/.test(value)) spellings.push(value.replace(/[\u2028\u2029]/g, "\n"));
      const quoted = (w: string, before?: () => string) => checkWords(w, c, report, before);
      for (const f of spellings) {
        const r = judgeCommand(f, report, 0, quoted);
        if (r === PENDING) return NEEDS_PARSER;
        if (r) return;
      }
      for (const f of forms) if (checkWords(f, c, report)) return;
      return;
    }
    case "argument":
      // One argv word: `|`, `;`, `$` are data; exec-shaped calls are judged whole by the
      // sanitizer (judgeArgv). Paths and URLs inside the word still count.
      for (const f of forms) if (checkWords(f, c, report)) return;
      return;
    default:
      checkUnknownForms(forms, c, report);
  }
}
