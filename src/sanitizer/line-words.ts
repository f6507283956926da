/**
 * Paths and URLs inside a command line or an argv word, found from the source text (words()
 * cuts at blanks, quotes and `=`): what the shell rules, which judge behaviour, leave to
 * the path and URL checks. A key used or a pattern searched for is not a file read.
 */
import type { CompiledSanitizer } from "./compile.js";
import { normalizeValue } from "./normalize.js";
import { canonicalPath, isFileUrl, isSensitive } from "./paths.js";
import type { Report } from "./scan-types.js";
import { checkUrl } from "./ssrf.js";
import { urlPayload } from "./url-payloads.js";

/**
 * Blanks, quotes and `=` end a word; so do the shell's operators, so a path next to one is
 * read alone (`cat /etc/shadow;id`, `cat /etc/passwd>x`, `$(</etc/shadow)`, `` `cat
 * ~/.ssh/id_rsa` ``, `cat /etc/shadow&`): a table,
 * as this runs for every character of a command line.
 */
const WORD_BREAKS = new Uint8Array(128);
for (const ch of " \t\n\r'\"=;|&<>()`") WORD_BREAKS[ch.charCodeAt(0)] = 1;
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
 * made or fingerprinted by ssh-keygen (`-f`; it never prints a private key), or its
 * permissions tightened (`chmod 600`). SSH authenticates with the key without sending
 * it; `cat`, `curl -d @…` and `cp` of the same path stay blocked.
 */
const KEY_USE_BEFORE =
  /(?:^|[\s;&|(])(?:(?:ssh|scp|sftp|ssh-copy-id|autossh)\s(?:[^;&|\n]*\s)?-i|ssh-keygen\s(?:[^;&|\n]*\s)?-[a-zA-Z]*f|IdentityFile=|ssh-add(?:\s+-[a-zA-Z]+)*|chmod\s+(?:-R\s+)?0?[4-7]00)\s*['"]?$/;
/**
 * Before a search pattern: the first operand of grep, rg, ag, ack or git grep (or `-e`'s
 * value), after options only. `grep -rn '/etc/passwd' src/` searches code for the text;
 * `grep root /etc/passwd` and `grep -f /etc/passwd x` (patterns read from the file) do not
 * match, so they stay refused.
 */
const PATTERN_BEFORE =
  /(?:^|[\s;&|(])(?:[ef]?grep|rg|ag|ack|git\s+grep)(?:\s+-(?![a-zA-Z]*f\b|-file\b)[a-zA-Z-][\w-]*(?:=\S*)?)*\s+(?:(?:-e|--regexp)\s+)?['"]?$/;

/** Host keys appended by `ssh-keyscan host >> ~/.ssh/known_hosts`, CI's step before a clone over ssh. */
const KEYSCAN_BEFORE = /(?:^|[\s;&|(])ssh-keyscan\s[^;&|\n<>]*>>?\s*['"]?$/;

export function usedAsKey(s: string, w: string): boolean {
  // Every mention must be such a use (`scp -i K K host:` copies K as well).
  let at = s.indexOf(w);
  if (at < 0) return false;
  for (; at >= 0; at = s.indexOf(w, at + w.length)) {
    // A longer word that starts the same (`~/.ssh/id_rsa.pub`) is another file.
    if (/[\w.-]/.test(s[at + w.length] ?? "")) continue;
    const before = s.slice(Math.max(0, at - 80), at);
    if (KEY_USE_BEFORE.test(before) || PATTERN_BEFORE.test(before)) continue;
    if (!(w.endsWith("/known_hosts") && KEYSCAN_BEFORE.test(before))) return false;
  }
  return true;
}

/**
 * A path as the program reads it: without curl's `@` (`-d @/etc/passwd` sends the file) or
 * a `$` the word break left in front. The shell's operators already end a word (words()).
 */
const unglued = (w: string): string =>
  w.charCodeAt(0) === 64 || w.charCodeAt(0) === 36 ? w.replace(/^[@$]+/, "") : w;

/** Paths and URLs inside a command line or an argv word (a key used or a pattern searched for is not read). */
export function checkWords(
  s: string,
  c: CompiledSanitizer,
  report: Report,
  before?: () => string,
): boolean {
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
      const p = unglued(w);
      if (
        p !== "" &&
        isSensitive(canonicalPath(p), c.sensitive) &&
        !usedAsKey(before === undefined ? s : `${before()} ${s}`, p) &&
        report("path.sensitive")
      )
        return true;
    }
  }
  return false;
}
