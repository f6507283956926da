import { type Analysis, argTexts, type Cmd, type Hit } from "../facts.js";
import { inlineCode } from "../resolve.js";
import { configRuns, GIT_PROGRAM_KEYS } from "./config-set.js";
import { NODE_PRELOAD } from "./env-assign.js";
import { sedExecutes } from "./sed.js";

/**
 * Options that make a program run a command or load code, per program. Provenance:
 * GTFOBins (git, ssh, tar, rsync, zip, find, apt, awk, wget entries) and the programs' man
 * pages (git-config(1) core.sshCommand/core.pager/…, ssh_config(5) ProxyCommand and
 * LocalCommand, tar(1) --to-command/--checkpoint-action, rsync(1) -e/--rsync-path).
 * An entry ending in `=` matches that prefix; others match the whole option or `opt=…`.
 */
const TABLE: Readonly<Record<string, readonly string[]>> = {
  git: [
    "--upload-pack",
    "--receive-pack",
    "--exec",
    "--config-env",
    "--template",
    "--open-files-in-pager",
    "--extcmd",
  ],
  // env(1) -S splits its value into a command and its arguments (SonarSource env vector).
  env: ["-S", "--split-string"],
  // sendmail(8): -X logs every message to any file, -C loads another configuration (whose
  // mailers are programs), -be expands `${run{…}}` (exim), -O QueueDirectory moves the spool.
  sendmail: ["-X*", "-C*", "-be", "-oqueuedirectory="],
  exim: ["-be", "-C*"],
  ssh: ["-oproxycommand=", "-olocalcommand=", "-opermitlocalcommand=", "-oproxyusefdpass="],
  scp: ["-oproxycommand=", "-olocalcommand=", "-S"],
  sftp: ["-oproxycommand=", "-S"],
  tar: [
    "--to-command",
    "--checkpoint-action",
    "--use-compress-program",
    "-I",
    "--rsh-command",
    "--info-script",
    "--new-volume-script",
    "-F",
  ],
  rsync: ["-e", "--rsh", "--rsync-path"],
  zip: ["-TT", "--unzip-command"],
  // psql(1) -o/-L "|cmd" pipes output into a command.
  psql: ["-o|*", "--output=|*", "-L|*", "--log-file=|*"],
  wget: ["--post-file", "-e", "--execute", "--use-askpass"],
  curl: ["-K", "--config"],
  "apt-get": [
    "-oapt::update::pre-invoke",
    "-odpkg::pre-invoke",
    "-odpkg::post-invoke",
    "-oapt::update::post-invoke",
  ],
  apt: ["-oapt::update::pre-invoke", "-odpkg::pre-invoke", "-odpkg::post-invoke"],
  less: ["--lesskey-src"],
  man: ["-P", "--pager", "-H", "--html"],
  tcpdump: ["-z"],
  make: ["--eval", "-E"],
  // groff's unsafe mode lets documents run commands; dvips -R0 allows backquoted commands
  pic: ["-U"],
  groff: ["-U"],
  troff: ["-U"],
  dvips: ["-R0"],
  nmap: ["--interactive"],
  gimp: ["--batch-interpreter"],
  rpm: ["--eval", "--pipe", "-E"],
  capsh: ["--"],
  // gcc(1) -wrapper runs every subprogram through the given command (GTFOBins gcc).
  gcc: ["-wrapper"],
  "g++": ["-wrapper"],
  cc: ["-wrapper"],
  "c++": ["-wrapper"],
};
/** TABLE as a Map: looked up for every command, where hasOwn on a record cost more. */
const OPTION_TABLE = new Map(Object.entries(TABLE));

/**
 * Chromium-based browsers and Electron apps: these switches name a program the browser
 * starts for its child processes (SonarSource chrome vector; Chromium's content switches).
 */
const BROWSER_LAUNCH = [
  "--gpu-launcher",
  "--renderer-cmd-prefix",
  "--utility-cmd-prefix",
  "--gpu-cmd-prefix",
  "--plugin-launcher",
  "--ppapi-plugin-launcher",
  "--browser-subprocess-path",
];
const BROWSERS =
  /^(?:chrome|chromium|chromium-browser|google-chrome(?:-\w+)?|msedge|microsoft-edge(?:-\w+)?|brave(?:-browser)?|electron|chrome\.exe|msedge\.exe)$/;

/**
 * An option whose name says its value is run (`--password-command=…`, `--pre-hook`,
 * `--conf-script`, `-o ssh_command=…`, `--editor`), given a program as its value: in an
 * argv the agent was asked to fill with data, that is argument injection whatever the
 * program. `--no-exec`, `--exec-path` and `--script-name`-style names are not values run.
 */
const RUNS_VALUE =
  /^(?:--?(?!no-)[a-z0-9-]*?|-o\s*[a-z0-9_.-]*?)(?:command|cmd|exec|execute|hook|script|editor|pager|shell|wrapper|rsh|askpass)(?:=|$)/i;
const PROGRAM_VALUE =
  /^(?:\/|\.\/|~\/|!)|^(?:sh|bash|zsh|dash|ksh|python[0-9.]*|perl|ruby|node|php|nc|ncat|socat|curl|wget)(?:\s|$)/;

function runsValue(opt: string, next: string | undefined): string | undefined {
  const eq = opt.indexOf("=");
  if (opt === "-o" && next !== undefined) return runsValue(`-o${next}`, undefined);
  if (!RUNS_VALUE.test(eq >= 0 ? opt.slice(0, eq + 1) : opt)) return undefined;
  const value = eq >= 0 ? opt.slice(eq + 1) : next;
  return value !== undefined && PROGRAM_VALUE.test(value) ? opt : undefined;
}
/** find's actions that run commands: allowed in a command line the agent wrote, not smuggled into argv. */
const FIND_EXEC = ["-exec", "-execdir", "-ok", "-okdir"];
/**
 * Programs that only read or report on the files find hands them (`-exec grep -l TODO {} +`,
 * `-exec wc -l {} +`): in an argv they run nothing the agent did not name. What they read
 * is still judged by the path rules.
 */
const READER =
  /^(?:grep|egrep|fgrep|rg|wc|ls|stat|file|head|tail|du|md5sum|sha1sum|sha256sum|sha512sum|basename|dirname|realpath|readlink)$/;
/** find's actions that write their output to any file named (find(1)). */
const FIND_WRITES = ["-fprint", "-fprint0", "-fprintf", "-fls"];

/**
 * hg(1) `--config` settings that run commands: a shell alias (`alias.x=!cmd`), a hook, the
 * ssh or editor program, an extension loaded from a path (SonarSource hg vector, hgrc(5)).
 */
const HG_CONFIG =
  /^(?:alias\.[^=]+=\s*!|hooks\.|ui\.(?:ssh|editor|merge)=|extensions\.[^=]*=\s*[/~.])/i;
function hgConfigRuns(a: string, next: string | undefined): boolean {
  if (a.startsWith("--config=")) return HG_CONFIG.test(a.slice(9));
  return a === "--config" && HG_CONFIG.test(next ?? "");
}

/** `env -S 'sh -c …'`: env splits the string into the command it runs (its own options only). */
function splitsString(words: readonly { text: string | undefined }[]): boolean {
  let i = words.findIndex((w) => /(?:^|\/)env$/.test(w.text ?? ""));
  for (i++; i > 0 && i < words.length; i++) {
    const x = words[i]?.text ?? "";
    if (!x.startsWith("-")) return false;
    if (/^-[a-zA-Z]*S/.test(x) || x.startsWith("--split-string")) return true;
  }
  return false;
}

/** `rsync -e ssh …`, `--rsh='ssh -p 2222'`: the remote shell rsync is meant to use. */
function rsyncSsh(n: string, opt: string, next: string | undefined): boolean {
  if (n !== "rsync") return false;
  const eq = opt.indexOf("=");
  const v = eq >= 0 ? opt.slice(eq + 1) : opt === "-e" || opt === "--rsh" ? next : undefined;
  return (
    v !== undefined &&
    /^(?:\/usr\/bin\/)?ssh(?:\s+-[\w-]+(?:\s+[\w.@:/-]+)?)*\s*$/.test(v) &&
    !/proxy|localcommand/i.test(v)
  );
}

/** Git subcommands whose `-u` is `--upload-pack` (git-clone(1), git-fetch(1), git-ls-remote(1), git-archive(1)). */
const GIT_FETCHING = new Set(["clone", "fetch", "pull", "ls-remote", "archive"]);

/** The first operand of git that is not the value of a global option (`git -C dir clone`). */
function gitSubcommand(t: readonly string[]): string {
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    if (a === "-C" || a === "-c" || a === "--git-dir" || a === "--work-tree") i++;
    else if (!a.startsWith("-")) return a;
  }
  return "";
}

/** Git `-c key=value` settings that run commands (git-config(1)). */
const GIT_CONFIG = new RegExp(
  `^(?:${GIT_PROGRAM_KEYS}|core\\.hookspath|protocol\\.ext\\.allow|credential\\.helper|alias\\.[^=]+=!)`,
  "i",
);
/** Inline code that runs commands. */
const SPAWNS =
  /child_process|\bexecSync\b|\bspawn|\bexec\(|\b(?:exec|system)\s+["'/]|os\.system|subprocess|\bpty\b|\bsystem\(|`[^`]*`|popen|proc_open|passthru|shell_exec|Runtime\.getRuntime/;

function matches(opt: string, next: string | undefined, entry: string): boolean {
  // `-X*`: a short option with its value glued on (`-X/tmp/log`), as written (case matters).
  if (entry.endsWith("*")) {
    const p = entry.slice(0, -1);
    return opt.startsWith(p) || (opt === p.replace(/\|$/, "") && (next ?? "").startsWith("|"));
  }
  const o = opt.toLowerCase();
  const e = entry.toLowerCase();
  if (e.startsWith("-o") && e.length > 2 && !e.startsWith("--")) {
    // ssh/apt `-oKey=…` and `-o Key=…`
    const joined = o === "-o" && next !== undefined ? `-o${next.toLowerCase()}` : o;
    return joined.replace(/\s+/g, "").startsWith(e.replace(/=$/, ""));
  }
  if (e.endsWith("=")) return o.startsWith(e);
  return o === e || o.startsWith(`${e}=`);
}

/** The first code-running option of one resolved command, or undefined. */
export function dangerousOption(c: Cmd, inArgv: boolean): string | undefined {
  const n = c.r.name;
  const t = argTexts(c.r);
  // Own entries only: a program called `constructor` is not Object's constructor.
  if (c.r.wrappers.includes("env") && splitsString(c.sc.words)) return "env -S";
  // node(1) preloading a module from outside the project (`--require /tmp/x.js`, `--import data:`).
  if (n === "node" && NODE_PRELOAD.test(t.join(" "))) return "node --require";
  if (n === "git" || n === "npm" || n === "pnpm" || n === "yarn") {
    const set = configRuns(n, t);
    if (set) return set;
  }
  const entries = OPTION_TABLE.get(n) ?? (BROWSERS.test(n) ? BROWSER_LAUNCH : []);
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    if (a === "--") break;
    if (!a.startsWith("-") && !a.startsWith("ext::")) continue;
    if (n === "git" && a.startsWith("ext::")) return a;
    // `-u` is `--upload-pack` only for the commands that fetch (`git push -u` sets upstream).
    if (n === "git" && a === "-u" && GIT_FETCHING.has(gitSubcommand(t))) return a;
    for (const e of entries) if (matches(a, t[i + 1], e) && !rsyncSsh(n, a, t[i + 1])) return a;
    // D-Bus `unixexec:` addresses start a program (busctl, dbus-send, gdbus --address=).
    if (a.includes("unixexec:")) return a;
    // zip's -TT may follow other short options in one word (`-TmTT=cmd`).
    if (n === "zip" && /^-[a-zA-Z]*TT/.test(a)) return a;
    // git's -O/-x take a program for the commands that have them (grep pager, difftool, rebase).
    if (n === "git" && (a === "-O" || a.startsWith("-O")) && gitSubcommand(t) === "grep") return a;
    if (n === "git" && a === "-x" && /^(?:difftool|rebase)$/.test(gitSubcommand(t))) return a;
    // git's --output into the repository's own .git (config, hooks): the next git command runs it.
    if (n === "git" && a.startsWith("--output=") && /(?:^|\/)\.git\//.test(a.slice(9))) return a;
    if (n === "hg" && hgConfigRuns(a, t[i + 1])) return a;
    if (n === "git" && a === "-c" && GIT_CONFIG.test(t[i + 1] ?? "")) return `${a} ${t[i + 1]}`;
    if (n === "git" && a.startsWith("-c") && GIT_CONFIG.test(a.slice(2))) return a;
    if (inArgv && n === "find" && FIND_WRITES.includes(a)) return a;
    if (inArgv && n === "find" && FIND_EXEC.includes(a)) {
      if (READER.test((t[i + 1] ?? "").replace(/^.*\//, ""))) continue;
      return a;
    }
    if (inArgv && runsValue(a, t[i + 1]) !== undefined) return a;
  }
  for (const a of t) if (n === "git" && a.startsWith("ext::")) return a;
  if (
    (n === "awk" || n === "gawk" || n === "mawk" || n === "nawk") &&
    t.some((a) => /system\s*\(|\|\s*getline|\|&|print\s*[^;]*\|\s*"/.test(a))
  )
    return "awk system()";
  // A shared library handed to an option that loads it (`openssl req -engine /tmp/x.so`,
  // `ssh-keygen -D ./x.so`, `--plugin`, `--load`): GTFOBins "library load".
  if (!COMPILERS.test(n))
    for (let i = 0; i < t.length - 1; i++)
      if (
        LOADS_LIBRARY.test(t[i] as string) &&
        /\.(?:so(?:\.\d+)*|dylib|dll)$/.test(t[i + 1] ?? "")
      )
        return `${t[i]} ${t[i + 1]}`;
  if (n === "sed" || n === "gsed") {
    const cmd = sedExecutes(t);
    if (cmd) return cmd;
  }
  // A command escape in a value handed to an editor, pager, debugger or database shell:
  // `vim -c ':!id'`, `less '+!id'`, `psql -c '\\! id'`, `gdb -ex 'shell id'`, `sqlite3 db '.shell id'`.
  // (An escape to a shell itself is shell.shell-escape's to report.)
  for (const a of t) {
    // git's pathspec magic `:!dir`/`:^dir` excludes paths (gitglossary(7)); git has no `:!cmd`.
    if (n === "git" && /^:[!^]/.test(a)) continue;
    // also in an option's value (`mysql --init-command='\\! id'`)
    const v = a.startsWith("-") && a.includes("=") ? a.slice(a.indexOf("=") + 1) : a;
    if ((COMMAND_ESCAPE.test(a) || (v !== a && COMMAND_ESCAPE.test(v))) && !ESCAPE_TO_SHELL.test(v))
      return a;
  }
  if (DEBUGGERS.has(n))
    for (let i = 0; i < t.length - 1; i++)
      if (
        /^(?:-ex|--eval-command|-iex|-o|--one-line)$/.test(t[i] as string) &&
        GDB_RUNS.test(t[i + 1] ?? "") &&
        !ESCAPE_TO_SHELL.test(t[i + 1] ?? "")
      )
        return `${t[i]} ${t[i + 1]}`;
  const code = inlineCode(c.r);
  if (code && SPAWNS.test(code)) return code;
  return undefined;
}

const LOADS_LIBRARY = /^--?(?:engine|D|load|plugin|preload|module|load-extension)$/;
const COMPILERS =
  /^(?:gcc|g\+\+|cc|c\+\+|clang|clang\+\+|ld|ld\.\w+|ar|strip|objcopy|install|cp|mv|ln|patchelf)$/;
const ESCAPE_TO_SHELL = /^\S*!\s*(?:\/[\w/]*\/)?(?:ba|z|da|k|c|tc|fi|a)?sh\s*$/;
const COMMAND_ESCAPE = /^(?::|\\|\+)!\s*\S|^\.(?:shell|system)\s+\S/;
const DEBUGGERS = new Set(["gdb", "lldb", "cgdb", "gdb-multiarch"]);
const GDB_RUNS = /^\s*(?:!|shell\b|python\b|pipe\b|platform shell\b|script\b)/;

/**
 * arg.dangerous-flag over a command line or an argv: a known code-running option of the
 * resolved program (table above), or inline interpreter code that spawns commands.
 */
export function optionRules(inArgv: boolean) {
  return (a: Analysis, hit: Hit): boolean => {
    for (const c of a.cmds) {
      const bad = dangerousOption(c, inArgv);
      if (bad !== undefined) return hit("arg.dangerous-flag", bad);
    }
    return false;
  };
}
