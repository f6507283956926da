import { type Analysis, argTexts, type Cmd, type Hit } from "../facts.js";
import { inlineCode } from "../resolve.js";

/**
 * Options that make a program run a command or load code, per program. Provenance:
 * GTFOBins (git, ssh, tar, rsync, zip, find, apt, awk, wget entries) and the programs' man
 * pages (git-config(1) core.sshCommand/core.pager/…, ssh_config(5) ProxyCommand and
 * LocalCommand, tar(1) --to-command/--checkpoint-action, rsync(1) -e/--rsync-path).
 * An entry ending in `=` matches that prefix; others match the whole option or `opt=…`.
 */
const TABLE: Readonly<Record<string, readonly string[]>> = {
  git: ["--upload-pack", "--receive-pack", "--exec", "--config-env", "--template"],
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
};

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
const GIT_CONFIG =
  /^(core\.(sshcommand|pager|editor|hookspath|fsmonitor|gitproxy|askpass)|diff\.external|diff\.[^.]+\.(textconv|command)|filter\.[^.]+\.(clean|smudge|process)|protocol\.ext\.allow|uploadpack\.packobjectshook|credential\.helper|sequence\.editor|gpg\.program|merge\.[^.]+\.driver|alias\.[^=]+=!)/i;
/** Inline code that runs commands. */
const SPAWNS =
  /child_process|\bexecSync\b|\bspawn|\bexec\(|\b(?:exec|system)\s+["'/]|os\.system|subprocess|\bpty\b|\bsystem\(|`[^`]*`|popen|proc_open|passthru|shell_exec|Runtime\.getRuntime/;

function matches(opt: string, next: string | undefined, entry: string): boolean {
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
  const entries = (Object.hasOwn(TABLE, n) ? TABLE[n] : undefined) ?? [];
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    if (a === "--") break;
    if (!a.startsWith("-") && !a.startsWith("ext::")) continue;
    if (n === "git" && a.startsWith("ext::")) return a;
    // `-u` is `--upload-pack` only for the commands that fetch (`git push -u` sets upstream).
    if (n === "git" && a === "-u" && GIT_FETCHING.has(gitSubcommand(t))) return a;
    for (const e of entries) if (matches(a, t[i + 1], e)) return a;
    if (n === "git" && a === "-c" && GIT_CONFIG.test(t[i + 1] ?? "")) return `${a} ${t[i + 1]}`;
    if (n === "git" && a.startsWith("-c") && GIT_CONFIG.test(a.slice(2))) return a;
    if (inArgv && n === "find" && FIND_EXEC.includes(a)) return a;
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
  for (const a of t) if (COMMAND_ESCAPE.test(a) && !ESCAPE_TO_SHELL.test(a)) return a;
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
 * GNU sed's `e` command and the `e` flag of `s` run a command (sed(1), GTFOBins sed):
 * `sed -n '1e id' f`, `sed 's/x/id/e'`. Each `;`- or newline-separated command of each
 * script is looked at past its address.
 */
function sedExecutes(t: readonly string[]): string | undefined {
  const scripts: string[] = [];
  let sawScript = false;
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    if (a === "-e" || a === "--expression") {
      scripts.push(t[i + 1] ?? "");
      sawScript = true;
      i++;
    } else if (a.startsWith("--expression=")) {
      scripts.push(a.slice(13));
      sawScript = true;
    } else if (a === "-f" || a === "--file" || a === "-l" || a === "--line-length") i++;
    else if (!a.startsWith("-") && !sawScript) {
      scripts.push(a);
      sawScript = true;
    }
  }
  for (const s of scripts)
    for (const part of s.split(/[;\n]/)) {
      const cmd = part.replace(
        /^\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/)?(?:\s*,\s*(?:\d+|\$|\/(?:[^/\\]|\\.)*\/))?\s*!?\s*/,
        "",
      );
      if (/^e(?:\s|$)/.test(cmd)) return s;
      const sub = /^s(.)(?:(?!\1)[^\\]|\\.)*\1(?:(?!\1)[^\\]|\\.)*\1([a-zA-Z0-9]*)/.exec(cmd);
      if (sub && (sub[2] ?? "").replace(/w.*$/, "").includes("e")) return s;
    }
  return undefined;
}

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
