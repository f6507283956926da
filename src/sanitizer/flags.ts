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
  // ripgrep runs this program on every file it searches; go build runs this one on every tool
  "--pre",
  "-toolexec",
  "--toolexec",
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
  // npm runs every script through this shell, and this file when it loads
  "script-shell",
  "onload-script",
];

const isBoundaryBefore = (c: string | undefined) =>
  c === undefined || c === " " || c === "\t" || c === '"' || c === "'" || c === "\n";
const isBoundaryAfter = (c: string | undefined) =>
  c === undefined || c === " " || c === "\t" || c === "=" || c === '"' || c === "'" || c === "\n";

const FLAG_SET: ReadonlySet<string> = new Set(FLAGS);
const LONGEST_FLAG = Math.max(...FLAGS.map((f) => f.length));

/**
 * True when the value carries a known dangerous flag or option fragment. One pass over the
 * option-looking words (a `-` after a boundary), each looked up whole in a set: searching
 * for every flag separately is slow on a value full of near-misses (`--exe---exe-…`).
 */
export function hasDangerousFlag(value: string): boolean {
  const s = value.toLowerCase();
  for (const f of FRAGMENTS) if (s.includes(f)) return true;
  return hasDangerousOptionIn(s);
}

/**
 * Only the whole option words of FLAGS (no fragments, which a file or display name may hold:
 * `docs/proxycommand.md`), after a blank: `a.tar --to-command=sh`, `x.zip -TT 'sh -c id'`.
 */
export function hasDangerousOptionWord(value: string): boolean {
  if (!/\s-/.test(value)) return false;
  const s = value.toLowerCase();
  // ssh's `-oProxyCommand=…` is one option word whose name runs on.
  return /\s-oproxy/.test(s) || hasDangerousOptionIn(s);
}

function hasDangerousOptionIn(s: string): boolean {
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

/**
 * An option after a blank inside one operand (`requests --index-url http://…`,
 * `nginx --privileged -v /:/mnt`): a name, ref or package never holds one, and a server
 * that splices the value into a command line unquoted hands the program a second option.
 * Only from the second word on (a leading dash is `arg.leading-dash`).
 */
const OPTION_AFTER_BLANK = /\S\s+-{1,2}[A-Za-z][\w.-]*/;
export function hasOptionAfterBlank(value: string): boolean {
  return OPTION_AFTER_BLANK.test(value);
}

/**
 * The same in a URL, where an unencoded search may hold `-word` (`?q=rust -tokio`): an
 * option that takes a path, a file reference or a URL (`http://x -K /etc/shadow`,
 * `http://x -o ~/.ssh/authorized_keys`, `--post-file=/etc/passwd`).
 */
const OPTION_WITH_OPERAND =
  /\s-{1,2}[A-Za-z][\w-]{0,40}(?:=|\s+)['"]?(?:[/~@]|\.{1,2}\/|[a-z]+:\/\/)/i;
export function hasOptionInUrl(value: string): boolean {
  return OPTION_WITH_OPERAND.test(value);
}
/** The same shape in a path (`in.png -write /var/www/html/x.php`, ImageMagick's writer). */
export const hasOptionWithOperand = hasOptionInUrl;

/** find(1)'s actions that run or delete, ended as find wants (`-exec sh -c id ;`, `{} +`). */
const FIND_ACTION =
  /(?:^|\s)-(?:exec|execdir|ok|okdir)\s+\S[^\n]{0,200}?(?:\s\\?;|\{\}\s*\+)\s*$|\s-delete\s*$/;

/**
 * A search pattern or a name handed to a program as one operand (`grep <pattern>`, `find
 * -name <name>`) that is an option of it instead: it starts with a flag that runs code or
 * writes files (`--open-files-in-pager=sh -c id`, `-exec rm -rf / ;`), or carries a find
 * action after the name (`*.log -exec sh -c id ;`), or starts with an option handed a path
 * outside the project (`-f /etc/shadow`: grep reads its patterns, and shows them, from there).
 * Prose about such flags ("git clone --upload-pack option") starts with a word and passes.
 */
export function isOptionInOperand(value: string): boolean {
  const v = value.trimStart();
  if (startsLikeOption(v) && (hasDangerousFlag(v) || OPTION_WITH_PATH.test(v))) return true;
  return v.includes("-") && FIND_ACTION.test(v);
}

/**
 * Options, then a path outside the project (`-f /etc/shadow`, `--exclude-dir=. -r . /etc`):
 * the program reads, or searches, there.
 */
const OPTION_WITH_PATH = /^-{1,2}[A-Za-z][^\n]{0,200}?(?:=|\s)['"]?(?:\/|~|\.\.[/\\])/;
