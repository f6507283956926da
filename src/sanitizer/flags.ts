/**
 * Flags that turn a harmless tool invocation into code execution or arbitrary file writes
 * (git, ssh, find, tar, rsync, curl). Matched case-insensitively as whole options: at the
 * start of the value or after a blank or quote, ending at a blank, `=` or the end.
 */
const FLAGS = [
  "--upload-pack",
  "--receive-pack",
  "--exec",
  "-exec",
  "-execdir",
  "-ok",
  "-okdir",
  "-fprintf",
  "--rsh",
  "--rsync-path",
  "--config-env",
  "--use-compress-program",
  "--to-command",
  "--checkpoint-action",
  "--post-file",
  "--eval",
  "--template",
  "--unzip-command",
  "--open-files-in-pager",
  "--extcmd",
  "-tt",
];

/** Substrings dangerous anywhere in an option value (`-oProxyCommand=`, `-c core.sshCommand=`). */
const FRAGMENTS = [
  "proxycommand",
  "localcommand",
  "core.sshcommand",
  "core.pager",
  "core.editor",
  "core.hookspath",
  "core.fsmonitor",
  "core.gitproxy",
  "protocol.ext.allow",
  "diff.external",
  "ext::",
  "-oproxy",
];

const isBoundaryBefore = (c: string | undefined) =>
  c === undefined || c === " " || c === "\t" || c === '"' || c === "'" || c === "\n";
const isBoundaryAfter = (c: string | undefined) =>
  c === undefined || c === " " || c === "\t" || c === "=" || c === '"' || c === "'" || c === "\n";

const FLAG_SET: ReadonlySet<string> = new Set(FLAGS);
const LONGEST_FLAG = Math.max(...FLAGS.map((f) => f.length));

/**
 * True when the value carries a known dangerous flag or option fragment (`optionsOnly`: only
 * options, not a fragment such as `proxycommand` in prose). One pass over the
 * option-looking words (a `-` after a boundary), each looked up whole in a set: searching
 * for every flag separately is slow on a value full of near-misses (`--exe---exe-…`).
 */
export function hasDangerousFlag(value: string, optionsOnly = false): boolean {
  const s = value.toLowerCase();
  if (optionsOnly) {
    if (s.includes("-oproxy")) return true;
  } else {
    for (const f of FRAGMENTS) if (s.includes(f)) return true;
  }
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 45 /* - */ || !isBoundaryBefore(s[i - 1])) continue;
    let j = i + 1;
    while (j < s.length && !isBoundaryAfter(s[j])) j++;
    if (j - i <= LONGEST_FLAG && FLAG_SET.has(s.slice(i, j))) return true;
    i = j;
  }
  return false;
}

/** A positional value that a command would read as an option: `-x…` or `--x…`. */
export function startsLikeOption(value: string): boolean {
  const s = value.trimStart();
  if (s[0] !== "-") return false;
  const next = s[1];
  return next !== undefined && !(next >= "0" && next <= "9") && next !== " ";
}
