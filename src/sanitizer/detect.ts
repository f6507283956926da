import type { CompiledSanitizer } from "./compile.js";
import { hasDangerousFlag, startsLikeOption } from "./flags.js";
import { findInjectedCommand, hasWordsAfterHost } from "./injection.js";
import type { FieldKind } from "./kinds.js";
import { formsOf, type Normalized, normalizeValue } from "./normalize.js";
import {
  canonicalPath,
  checkPath,
  hasTraversal,
  isFileUrl,
  isSensitive,
  isUncOrDevice,
} from "./paths.js";
import type { RuleId } from "./rules.js";
import { judgeCommand, PENDING } from "./shell/judge.js";
import { scanIdentifier, scanSubstitution } from "./shell.js";
import { checkUrl } from "./ssrf.js";
import { urlPayload } from "./url-payloads.js";

/**
 * Receives each rule that matched (and, for the shell rules, the offending part of the
 * value); returns true to stop scanning this value.
 */
export type Report = (rule: RuleId, part?: string) => boolean;

/** checkString could not judge the value yet: the bash parser is still loading. */
export const NEEDS_PARSER = "needs-parser" as const;

const CONTROL = /[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]/;
/** Also U+2028/2029: JavaScript and Python's splitlines end a line there; no name holds one. */
const CONTROL_OR_BREAK = /[\x01-\x1f\x7f-\x9f\u2028\u2029]/;
const WHITESPACE = /\s/;
const URL_START = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Blanks, quotes and `=` end a word; so do the shell's operators, so a path next to one is
 * read alone (`cat /etc/shadow;id`, `$(</etc/shadow)`, `` `cat ~/.ssh/id_rsa` ``): a table,
 * as this runs for every character of a command line.
 */
const WORD_BREAKS = new Uint8Array(128);
for (const ch of " \t\n\r'\"=;|<>()`") WORD_BREAKS[ch.charCodeAt(0)] = 1;
const isWordBreak = (c: number) => c < 128 && WORD_BREAKS[c] === 1;
// `:` `/` `\` `~`: only words holding one of these can be URLs or paths.
const isInteresting = (c: number) => c === 58 || c === 47 || c === 92 || c === 126;

/**
 * Words of a command line (quotes and `=` split too) that could be a URL or a path. Words
 * without `:`, `/`, `\` or `~` are skipped without allocating, so a long line of short
 * words costs one pass.
 */
function words(s: string): string[] {
  const out: string[] = [];
  let start = -1;
  let interesting = false;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 32;
    if (isWordBreak(c)) {
      if (start >= 0 && interesting) out.push(s.slice(start, i));
      start = -1;
      interesting = false;
    } else {
      if (start < 0) start = i;
      if (isInteresting(c)) interesting = true;
    }
  }
  return out;
}

const isSchemeChar = (ch: string) => /[a-z0-9+.-]/i.test(ch);

/** Where a URL starts inside a word (`--url=http://…`), found by walking back from `:`; -1 if none. */
function urlStart(w: string): number {
  const colon = w.indexOf(":");
  if (colon <= 0) return -1;
  let j = colon;
  while (j > 0 && isSchemeChar(w[j - 1] as string)) j--;
  while (j < colon && !/[a-z]/i.test(w[j] as string)) j++;
  return j < colon ? j : -1;
}

function beforeQuery(url: string): string {
  const q = url.indexOf("?");
  const h = url.indexOf("#");
  const end = q < 0 ? h : h < 0 ? q : Math.min(q, h);
  return end < 0 ? url : url.slice(0, end);
}

/**
 * Device, sysfs and procfs words in a command line are how tools are used (`/dev/stdin`,
 * `device=/dev/video0`, `/sys/fs/cgroup/…`); the shell rules judge what is done to them
 * (dd, mkfs, `/dev/tcp`). Secrets under /proc stay sensitive.
 */
const DEVICE_WORD =
  /^(?:[\w.-]+=)?\/(?:dev|sys)\/|^(?:[\w.-]+=)?\/proc\/(?!(?:self|\d+|thread-self)\/(?:environ|mem|maps|cmdline|fd))/;

/**
 * A UNC or device path as a word of a command line or argv: `\\host\share`, `\\?\…`.
 * Slash spellings (XPath `//x/@id`, sed `s/a/\1/p`) are syntax of those programs there.
 */
const UNC_WORD = /^\\\\(?:[?.]|[\w.$-]+)\\/;
/**
 * The developer's own services: a command line may talk to them (`curl localhost:3000/health`).
 * Not the local control planes whose HTTP API runs code or writes files: Docker (2375/2376),
 * etcd (2379), Redis (6379), kubelet (10250/10255), memcached (11211), Consul (8500),
 * Elasticsearch (9200).
 */
const LOOPBACK_URL =
  /^[a-z][a-z0-9+.-]*:\/\/(?:localhost|127\.\d{1,3}\.\d{1,3}\.\d{1,3}|\[::1\])(?::(?!(?:2375|2376|2379|6379|10250|10255|11211|8500|9200)\b)\d{1,5})?(?:[/?#]|$)/i;

/**
 * A URL in a command line, whole (words() cuts at `=` and quotes, which a query holds). It
 * starts only where a scheme starts (the lookbehind), so a long word is not rescanned from
 * every letter (quadratic without it: 39 s for 200,000 letters).
 */
const URL_IN_TEXT = /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}:\/\/[^\s'"<>]+/gi;

/**
 * Before a key file that is used, not read out: the identity of ssh, scp, sftp or
 * ssh-copy-id (`-i ~/.ssh/deploy_key`, `IdentityFile=…`), loaded into the agent (`ssh-add`),
 * or its permissions tightened (`chmod 600`). SSH authenticates with the key without sending
 * it; `cat`, `curl -d @…` and `cp` of the same path stay blocked.
 */
const KEY_USE_BEFORE =
  /(?:^|[\s;&|(])(?:(?:ssh|scp|sftp|ssh-copy-id|autossh)\s(?:[^;&|\n]*\s)?-i|IdentityFile=|ssh-add(?:\s+-[a-zA-Z]+)*|chmod\s+(?:-R\s+)?0?[4-7]00)\s*['"]?$/;
/** Host keys appended by `ssh-keyscan host >> ~/.ssh/known_hosts`, CI's step before a clone over ssh. */
const KEYSCAN_BEFORE = /(?:^|[\s;&|(])ssh-keyscan\s[^;&|\n<>]*>>?\s*['"]?$/;
export function usedAsKey(s: string, w: string): boolean {
  // Every mention must be such a use (`scp -i K K host:` copies K as well).
  let at = s.indexOf(w);
  if (at < 0) return false;
  for (; at >= 0; at = s.indexOf(w, at + w.length)) {
    const before = s.slice(Math.max(0, at - 80), at);
    if (KEY_USE_BEFORE.test(before)) continue;
    if (!(w.endsWith("/known_hosts") && KEYSCAN_BEFORE.test(before))) return false;
  }
  return true;
}

/** Paths and URLs inside a command line or an argv word. */
function checkWords(s: string, c: CompiledSanitizer, report: Report): boolean {
  // What a URL carries to the server it names (`curl 'http://x/?id=1%27%20OR%20…'`).
  if (s.includes("://") && (s.includes("?") || s.includes("%"))) {
    for (const m of s.matchAll(URL_IN_TEXT)) {
      if (LOOPBACK_URL.test(m[0])) continue;
      const payload = urlPayload(m[0], normalizeValue(m[0], true).decoded);
      if (payload && report(payload)) return true;
    }
  }
  for (const w of words(s)) {
    if (DEVICE_WORD.test(w)) continue;
    const start = urlStart(w);
    if (start >= 0 && !LOOPBACK_URL.test(w.slice(start))) {
      const rule = checkUrl(w.slice(start), c.hosts, false);
      if (rule && report(rule)) return true;
    }
    if (w.includes("/") || w.includes("\\") || w.startsWith("~")) {
      if (isFileUrl(w) && report("path.file-url")) return true;
      if (UNC_WORD.test(w) && report("path.unc")) return true;
      if (
        isSensitive(canonicalPath(w), c.sensitive) &&
        !usedAsKey(s, w) &&
        report("path.sensitive")
      )
        return true;
    }
  }
  return false;
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
  }
  return startsLikeOption(forms[0] as string) && report("arg.leading-dash");
}

function checkIdentifierForms(forms: string[], c: CompiledSanitizer, report: Report): boolean {
  for (const f of forms) {
    const hit = scanIdentifier(f);
    if (hit && report(hit.rule)) return true;
    if (CONTROL.test(f) && report("ctrl.control-char")) return true;
    // No name holds a backslash (git refuses one in a ref): a written `\n` or `\x0a` before
    // a command is a line break once the server unescapes the value.
    if (f.includes("\\") && findInjectedCommand(f) && report("shell.injection")) return true;
    if (hasDangerousFlag(f) && report("arg.dangerous-flag")) return true;
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
    if (
      (findInjectedCommand(f, URL_START.test(f.trimStart()) ? "url" : "host") ||
        hasWordsAfterHost(f)) &&
      report("shell.injection")
    )
      return;
    if (startsLikeOption(f) && report("arg.leading-dash")) return;
    if (hasDangerousFlag(f) && report("arg.dangerous-flag")) return;
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
      const quoted = (w: string) => checkWords(w, c, report);
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
