/**
 * Settings written by a tool's own config command that make it run a program later: `git
 * config core.pager 'sh -c …'` (git-config(1): core.sshCommand, core.pager, core.editor,
 * core.fsmonitor, diff.external, filter drivers, credential helpers, `!` aliases),
 * `npm config set script-shell /tmp/x.sh` (npm-config(7):
 * script-shell, node-options, onload-script). Each key is everyday configuration with an
 * ordinary value (`core.pager "diff-so-fancy | less -RFX"`, `alias.lg "!git log --oneline"`);
 * what counts is a value that runs fetched or shell code.
 */

/**
 * git-config(1) keys whose value is a program git runs: the one list behind both `git config
 * KEY VALUE` here and `git -c KEY=VALUE` in options.ts, which adds the keys that are
 * dangerous whatever their value.
 */
export const GIT_PROGRAM_KEYS =
  "core\\.(?:sshcommand|pager|editor|fsmonitor|gitproxy|askpass)|diff\\.external|diff\\.[^.]+\\.(?:textconv|command)|filter\\.[^.]+\\.(?:clean|smudge|process)|uploadpack\\.packobjectshook|sequence\\.editor|gpg\\.program|merge\\.[^.]+\\.driver";
/** Also credential helpers, aliases and pagers per command, which may hold `!` shell code. */
const GIT_COMMAND_KEYS = new RegExp(
  `^(?:${GIT_PROGRAM_KEYS}|credential(?:\\.[^.]+)?\\.helper|alias\\.[^.]+|pager\\.[^.]+)$`,
  "i",
);
const NPM_CODE_KEYS = /^(?:script-shell|node-options|onload-script)$/i;

/** Shell code, a fetch or a scratch-directory program inside a setting's value. */
const CODE_IN_VALUE =
  /\$\(|`|;|&&|\|\s*(?:sh|bash|zsh|dash|python\d?|perl|ruby|node)\b|\b(?:curl|wget|nc|ncat|socat|base64)\b|\b(?:sh|bash|zsh|dash)\s+-c\b|(?:^|[\s='"])\/(?:tmp|dev\/shm|var\/tmp)\//;
/** A hooks directory outside the project: absolute, in the home directory or climbing out. */
const OUTSIDE = /^(?:\/|~|\$HOME|\.\.(?:\/|$))/;

/** The `config` call's key and value, past its scope options (`--global`, `--file f`). */
function keyAndValue(t: readonly string[], from: number): [string, string] | undefined {
  let i = from;
  for (; i < t.length; i++) {
    const a = t[i] as string;
    if (a === "-f" || a === "--file" || a === "--blob" || a === "--type") i++;
    else if (a === "set")
      continue; // npm/pnpm/yarn `config set KEY VALUE`
    else if (!a.startsWith("-")) break;
  }
  const key = t[i];
  if (key === undefined) return undefined;
  // The value may start with a dash (`node-options "--require x"`); `script-shell=/tmp/x.sh`.
  const value = t[i + 1];
  if (value === undefined && key.includes("=")) {
    const eq = key.indexOf("=");
    return [key.slice(0, eq), key.slice(eq + 1)];
  }
  return value === undefined ? undefined : [key, value];
}

/** The setting that will run code, as `key value`, or undefined. */
export function configRuns(n: string, t: readonly string[]): string | undefined {
  const at = t.indexOf("config");
  if (at < 0) return undefined;
  if (n === "git") {
    const kv = keyAndValue(t, at + 1);
    if (!kv) return undefined;
    const [key, value] = kv;
    return GIT_COMMAND_KEYS.test(key) && CODE_IN_VALUE.test(value) ? `${key} ${value}` : undefined;
  }
  if (n === "npm" || n === "pnpm" || n === "yarn") {
    const kv = keyAndValue(t, at + 1);
    if (!kv) return undefined;
    const [key, value] = kv;
    if (
      NPM_CODE_KEYS.test(key) &&
      (key.toLowerCase() !== "node-options" ||
        /--(?:require|import|loader|experimental-loader)\b|-r\b/.test(value))
    )
      return `${key} ${value}`;
  }
  return undefined;
}

/**
 * `git config core.hooksPath DIR` (or `core.hooksPath=DIR`) naming a directory outside the
 * project, whose hooks then run on every commit (shell.persistence). `.githooks`, `.husky`
 * inside the project are how teams share hooks, and pass.
 */
export function hooksOutside(t: readonly string[]): boolean {
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    if (!/^core\.hookspath/i.test(a)) continue;
    const eq = a.indexOf("=");
    const value = eq > 0 ? a.slice(eq + 1) : (t[i + 1] ?? "");
    if (OUTSIDE.test(value)) return true;
  }
  return false;
}
