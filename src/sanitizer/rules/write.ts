import { canonicalPath, resolveSegments } from "../paths.js";

/**
 * Places where a written file runs code later or grants access: shell start-up files,
 * SSH and cloud credentials, git hooks and config, cron, systemd and launchd units,
 * autostart entries, sudoers, system directories. Reading most of them is harmless;
 * writing them is persistence.
 */
const NAMES = new Set([
  ".bashrc",
  // directories the distributions' rc files source every file of
  ".bashrc.d",
  ".zshrc.d",
  ".bash_profile",
  ".bash_login",
  ".bash_logout",
  ".profile",
  ".zshrc",
  ".zshenv",
  ".zprofile",
  ".zlogin",
  ".cshrc",
  ".tcshrc",
  ".kshrc",
  ".inputrc",
  ".xinitrc",
  ".xprofile",
  ".ssh",
  "authorized_keys",
  "authorized_keys2",
  ".aws",
  ".kube",
  ".docker",
  ".gnupg",
  ".npmrc",
  ".pypirc",
  ".netrc",
  ".gitconfig",
  ".git-credentials",
  ".pgpass",
  // editors, terminals, REPLs and clients that run commands from these at start-up
  ".vimrc",
  ".gvimrc",
  ".exrc",
  ".emacs",
  ".tmux.conf",
  ".screenrc",
  ".curlrc",
  ".wgetrc",
  ".irbrc",
  ".pryrc",
  ".psqlrc",
  ".rprofile",
  ".pythonrc",
  ".pythonrc.py",
  // AI agents' own configuration: MCP servers it starts, hooks it runs, what it may do
  ".mcp.json",
  ".claude.json",
]);
/**
 * Names that are system places only outside the project: `/etc/crontab`, `~/Library/
 * LaunchAgents`, `../../etc/sudoers.d`. A repository's own `deploy/crontab` or
 * `ansible/files/sudoers` is copied there by a reviewed deploy, not run from where it is.
 */
const OUTSIDE_NAMES = new Set([
  "crontab",
  "crontabs",
  "launchagents",
  "launchdaemons",
  "sudoers",
  "sudoers.d",
]);
/** Multi-segment places, slash-wrapped. */
const SEQUENCES = [
  "/.git/hooks/",
  "/.git/config/",
  "/.config/systemd/",
  "/.config/autostart/",
  "/.config/fish/",
  "/.config/git/",
  "/.vscode/tasks.json/",
  "/.husky/",
  // a program placed in the user's own bin directory shadows the system one on PATH
  "/.local/bin/",
  // pip's own configuration chooses the index every later install fetches code from
  "/.pip/pip.conf/",
  "/.config/pip/pip.conf/",
  "/.vscode/mcp.json/",
  "/.cursor/mcp.json/",
  "/.claude/settings.json/",
  "/.claude/settings.local.json/",
  "/.gemini/settings.json/",
  "/.codeium/windsurf/mcp_config.json/",
  // the desktop app's own config, under its `Claude` folder (an `examples/` copy is docs)
  "/claude/claude_desktop_config.json/",
];
const PREFIXES = [
  "/etc",
  "/var/spool/cron",
  "/var/at",
  "/usr/lib/systemd",
  "/lib/systemd",
  "/usr/bin",
  "/usr/sbin",
  "/usr/local/bin",
  "/usr/local/sbin",
  "/bin",
  "/sbin",
  "/boot",
  "/root",
  "/library/launchdaemons",
  "/library/launchagents",
  "/windows/system32",
  "/windows/syswow64",
  "/windows/tasks",
  "/programdata/microsoft/windows/start menu/programs/startup",
];

/** True when writing `path` would plant code or credentials somewhere that runs them. */
export function isSensitiveWrite(forms: readonly string[]): boolean {
  for (const f of forms) {
    const { absolute, segments } = resolveSegments(canonicalPath(f));
    for (const s of segments) if (NAMES.has(s)) return true;
    const wrapped = `/${segments.join("/")}/`;
    for (const q of SEQUENCES) if (wrapped.includes(q)) return true;
    if (wrapped.includes("/start menu/programs/startup/")) return true;
    let climbed = 0;
    while (segments[climbed] === "..") climbed++;
    if (!absolute && climbed === 0 && !f.trimStart().startsWith("~")) continue;
    for (const s of segments) if (OUTSIDE_NAMES.has(s)) return true;
    const full = `/${segments.slice(climbed).join("/")}`;
    for (const p of PREFIXES) if (full === p || full.startsWith(`${p}/`)) return true;
  }
  return false;
}
