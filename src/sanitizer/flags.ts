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

/** True when the value carries a known dangerous flag or option fragment. */
export function hasDangerousFlag(value: string): boolean {
  const s = value.toLowerCase();
  for (const f of FRAGMENTS) if (s.includes(f)) return true;
  for (const f of FLAGS) {
    let from = 0;
    for (;;) {
      const i = s.indexOf(f, from);
      if (i < 0) break;
      if (isBoundaryBefore(s[i - 1]) && isBoundaryAfter(s[i + f.length])) return true;
      from = i + 1;
    }
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
