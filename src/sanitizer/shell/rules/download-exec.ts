import type { SimpleCommand } from "../ast.js";
import {
  type Analysis,
  type Cmd,
  FETCHERS,
  fetchedFiles,
  fetchesToStdout,
  type Hit,
  operands,
  reachesNetwork,
} from "../facts.js";
import {
  inlineCode,
  isShellOrInterpreter,
  programName,
  readsProgramFromStdin,
} from "../resolve.js";
import { interactiveClient } from "./exfil-channels.js";
import { windowsIngress } from "./windows-ingress.js";

const base = (p: string) => p.replace(/\/+$/, "").split("/").pop() ?? p;

/** A substitution inside an argument that runs a fetcher: `bash <(curl …)`, `sh -c "$(wget -O- …)"`. */
const FETCH_IN_SUBST = /(?:\$\(|`|<\()\s*(?:[\w./-]*\/)?(?:curl|wget|fetch)\b/;

/**
 * shell.download-exec: content fetched from the network and run — a fetcher piped into a
 * shell or interpreter that reads its program from stdin, a shell or `eval`/`source` fed
 * by a substitution that fetches, or a file saved by a fetcher that is later made
 * executable or run, or a Windows ingress program (certutil -urlcache, bitsadmin).
 * `curl … | jq .` passes: jq runs no code.
 */
export function downloadExec(a: Analysis, hit: Hit): boolean {
  const extracted: string[] = [];
  for (const { p, stages } of a.pipes) {
    let fetched = false;
    for (const stage of stages) {
      if (fetched && stage.some(runsInput)) return hit("shell.download-exec", p.raw);
      // Fetched content unpacked: the directory it lands in holds fetched programs.
      if (fetched) for (const c of stage) extracted.push(...extractDirs(c));
      if (stage.some(receivesToStdout)) fetched = true;
    }
  }
  for (const c of a.cmds) {
    const runsCode =
      isShellOrInterpreter(c.r.name) ||
      c.r.name === "eval" ||
      c.r.name === "source" ||
      c.r.name === ".";
    // The fetch may feed it as an argument or as a here-string (`bash <<< "$(curl …)"`).
    if (runsCode) {
      const fed = [
        ...c.r.args,
        ...c.sc.redirects.map((r) => r.target).filter((w) => w !== undefined),
      ];
      if (fed.some((w) => w.subst && FETCH_IN_SUBST.test(w.raw)))
        return hit("shell.download-exec", c.sc.raw);
    }
    // `git clone URL dir` fetches a tree of programs.
    if (c.r.name === "git" && reachesNetwork(c)) {
      const ops = operands(c.r).map((w) => w.text ?? "");
      if (ops[0] === "clone") extracted.push(ops[2] ?? base(ops[1] ?? "").replace(/\.git$/, ""));
    }
    if (reachesNetwork(c)) extracted.push(...outputDirs(c));
    if (extracted.length > 0 && runsFrom(c, extracted)) return hit("shell.download-exec", c.sc.raw);
    if (fetchedWords(c) || runsRemotePackage(c)) return hit("shell.download-exec", c.sc.raw);
  }
  for (const c of a.cmds) {
    if (windowsIngress(c)) return hit("shell.download-exec", c.sc.raw);
    const code = inlineCode(c.r);
    if (code && FETCH_API.test(code) && RUN_API.test(code))
      return hit("shell.download-exec", c.sc.raw);
  }
  const saved = new Set<string>();
  const savedPaths: string[] = [];
  // Saved into a directory on $PATH, a file runs by its bare name (`curl -o ~/.local/bin/x; x`).
  const onPath = new Set<string>();
  // Lines after an interactive transfer client are typed at its prompt (`tftp host` then
  // `get x /tmp/x`): every file they name may be what it received.
  let client = false;
  const teed = teedFromNetwork(a);
  for (const c of a.cmds) {
    if (teed.has(c.sc))
      for (const w of operands(c.r)) {
        const f = w.text ?? "";
        saved.add(base(f));
        if (/(?:^|\/)s?bin\/[^/]+$/.test(f)) onPath.add(base(f).toLowerCase());
      }
    if (onPath.has(c.r.name) && !(c.r.program?.text ?? "").includes("/"))
      return hit("shell.download-exec", c.sc.raw);
    if (client && !runsSaved(c, saved))
      for (const w of c.r.args) if (w.text && !w.text.startsWith("-")) saved.add(base(w.text));
    if (interactiveClient(c)) client = true;
    for (const f of fetchedFiles(c)) {
      saved.add(base(f));
      if (/(?:^|\/)s?bin\/[^/]+$/.test(f)) onPath.add(base(f).toLowerCase());
    }
    for (const f of networkOutputs(c, savedPaths)) {
      saved.add(base(f));
      savedPaths.push(f);
    }
    if (saved.size === 0 || FETCHERS.has(c.r.name)) continue;
    if (runsSaved(c, saved)) return hit("shell.download-exec", c.sc.raw);
  }
  return false;
}

/**
 * An unquoted substitution that only fetches: `$(curl -s URL)`, `` `wget -qO- URL` ``, also
 * behind a literal prefix (`--env=$(curl -s URL)`): unquoted, its output still splits into words.
 */
const BARE_FETCH =
  /^[^\s"'$`\\]*(?:\$\(|`)\s*(?:[\w./-]*\/)?(?:curl|wget|fetch|aria2c|lwp-request|GET)\s[^|;&<>`]*(?:\)|`)$/;
/** Programs whose arguments are only printed or compared. */
const PRINTERS = new Set(["echo", "printf", "test", "[", "[["]);

/**
 * Remote text spliced in as the words of a command (`ls $(curl -s URL)`): the server
 * chooses the program or its options and operands. A fetch filtered by a parser
 * (`$(curl … | jq -r .tag)`), assigned to a variable, quoted, or only printed passes.
 */
function fetchedWords(c: Cmd): boolean {
  if (PRINTERS.has(c.r.name)) return false;
  for (const w of c.sc.words) if (w.subst && BARE_FETCH.test(w.raw)) return true;
  return false;
}

const PACKAGE_RUNNERS = new Set(["npx", "bunx", "pnpx", "uvx", "pnpm", "yarn", "npm", "pipx"]);

/** Package runners handed a URL run code straight from it (`npx https://x/p.tgz`, `uvx git+https://…`). */
const REMOTE_SPEC = /^(?:git\+)?(?:https?|ssh):\/\/|^(?:github|gitlab|bitbucket|gist):/i;

function runsRemotePackage(c: Cmd): boolean {
  const n = c.r.name;
  if (!PACKAGE_RUNNERS.has(n)) return false;
  const t = c.r.args.map((w) => w.text ?? "");
  const runner =
    n === "npx" ||
    n === "bunx" ||
    n === "pnpx" ||
    n === "uvx" ||
    ((n === "pnpm" || n === "yarn") && t[0] === "dlx") ||
    (n === "npm" && t[0] === "exec") ||
    (n === "pipx" && t[0] === "run");
  // a URL, or a repository shorthand npm and pnpm fetch the same way (`github:user/repo`)
  return runner && t.some((a) => REMOTE_SPEC.test(a.replace(/^--(?:spec|package)=/, "")));
}

/**
 * A pipeline stage that runs what it reads: a shell or interpreter reading its program from
 * stdin, `source /dev/stdin`, or a shell's `-c` left for xargs to fill (`xargs -0 sh -c`).
 */
function runsInput(c: Cmd): boolean {
  if (readsProgramFromStdin(c.r)) return true;
  const t = c.r.args.map((w) => w.text ?? "");
  if ((c.r.name === "source" || c.r.name === ".") && /^\/dev\/(?:stdin|fd\/0)$/.test(t[0] ?? ""))
    return true;
  if (!c.r.wrappers.includes("xargs") || !isShellOrInterpreter(c.r.name)) return false;
  // `xargs sh -c` (the input is the script) or `xargs -I{} sh -c {}` (it is substituted in).
  const last = t[t.length - 1] ?? "";
  return (
    /^-[a-z]*c$/.test(last) || (/^-[a-z]*c$/.test(t[t.length - 2] ?? "") && last.includes("{}"))
  );
}

/** Writes what it received from the network to stdout: a fetcher, or any client naming a remote host (`lynx -source URL`, `w3m -dump URL`). */
const receivesToStdout = (c: Cmd) =>
  fetchesToStdout(c) ||
  (!FETCHERS.has(c.r.name) &&
    reachesNetwork(c) &&
    !c.sc.redirects.some((r) => r.op === ">" || r.op === ">>"));

/**
 * tee commands fed by what a network command received (`curl -s URL | sudo tee
 * /usr/local/bin/x`): their files hold the download as much as `curl -o` would.
 */
const NONE: ReadonlySet<SimpleCommand> = new Set();
function teedFromNetwork(a: Analysis): ReadonlySet<SimpleCommand> {
  if (!a.cmds.some((c) => c.r.name === "tee")) return NONE;
  const out = new Set<SimpleCommand>();
  for (const { stages } of a.pipes) {
    let received = false;
    for (const stage of stages) {
      if (received) for (const c of stage) if (c.r.name === "tee") out.add(c.sc);
      received ||= stage.some(receivesToStdout);
    }
  }
  return out;
}

/** Where `tar x`/`unzip`/`bsdtar` unpack (their `-C`/`-d` directory, or the working one). */
function extractDirs(c: Cmd): string[] {
  if (!/^(?:tar|bsdtar|unzip|cpio|7z)$/.test(c.r.name)) return [];
  const t = c.r.args.map((w) => w.text ?? "");
  const i = t.findIndex((x) => x === "-C" || x === "-d" || x === "--directory");
  return [i >= 0 ? (t[i + 1] ?? ".") : "."];
}

/** Options naming the directory a download lands in (`wget -P d`, `aria2c -d d`, `--target d`). */
const DIR_OPTION = /^(?:-P|-d|--dir|--directory-prefix|--output-dir|--target|--dest(?:ination)?)$/;

function outputDirs(c: Cmd): string[] {
  const t = c.r.args.map((w) => w.text ?? "");
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    const eq = a.indexOf("=");
    if (eq > 0 && DIR_OPTION.test(a.slice(0, eq))) out.push(a.slice(eq + 1));
    else if (DIR_OPTION.test(a) && t[i + 1]) out.push(t[i + 1] as string);
  }
  return out.filter((d) => d.length > 1 && d !== ".");
}

/** Runs a program from one of `dirs` (`/tmp/x/install.sh`, `bash /tmp/r/install.sh`). */
function runsFrom(c: Cmd, dirs: readonly string[]): boolean {
  const paths = [c.r.program?.text ?? ""];
  if (isShellOrInterpreter(c.r.name) || c.r.name === "source")
    paths.push(...operands(c.r).map((w) => w.text ?? ""));
  return paths.some((p) =>
    dirs.some((d) => {
      const dir = d.replace(/\/+$/, "");
      if (dir === "." || dir === "") return p.startsWith("./") && p.split("/").length > 2;
      return p.startsWith(`${dir}/`) || p.startsWith(`./${dir}/`);
    }),
  );
}

/**
 * Inline code that fetches and then evaluates or runs what it fetched: `php -r
 * 'eval(file_get_contents("http://…"))'`, `python -c "exec(urlopen(…).read())"`, `node -e
 * "https.get(…, r => … eval(d))"`, `powershell -c "IEX (New-Object Net.WebClient).DownloadString(…)"`.
 */
const FETCH_API =
  /https?:\/\/|ftp:\/\/|urlopen|urlretrieve|requests\.get|file_get_contents|URI\.open|open-uri|Net::HTTP|LWP::|HTTP::Tiny|DownloadString|DownloadFile|Invoke-WebRequest|\biwr\b|Invoke-RestMethod|\birm\b|https?\.get\(|\bfetch\(|axios|curl_exec/i;
const RUN_API =
  /(?:^|[\s;&(])\.[\\/][\w.-]+\.(?:ps1|exe|bat|cmd|vbs|sh)\b|\beval\b|\bexec\b|\bIEX\b|Invoke-Expression|\bload\s*\(|instance_eval|new Function|\bFunction\(|\bcompile\(|execfile|runpy|\bsystem\s*\(|\bpopen|subprocess|child_process|Start-Process|\bassert\s*\(/i;

/** Absolute, home or `./` paths inside a word (also inside quoted inline code). */
const PATHS_IN = /(?:^|[\s"'=(,<>]|:(?!\/\/))((?:\/|~\/|\.\/)[\w./-]*[\w/])/g;

/**
 * Files that may hold what a network-reaching command received: its output redirects and
 * the paths in its words (`nc host 4444 >/tmp/x`, `scp host:/x /tmp/x`, `php -r
 * 'file_put_contents("/tmp/x", file_get_contents("http://…"))'`, an `sshfs` mount point),
 * and the copy target of a file taken from one of those (`cp /mnt/remote/x /tmp/x`).
 */
function networkOutputs(c: Cmd, tainted: readonly string[]): string[] {
  const out: string[] = [];
  const n = c.r.name;
  if (n === "cp" || n === "mv" || n === "install" || n === "rsync") {
    const ops = operands(c.r).map((w) => w.text ?? "");
    const last = ops[ops.length - 1];
    if (last && ops.slice(0, -1).some((o) => tainted.some((t) => o.startsWith(t)))) out.push(last);
  }
  if (!reachesNetwork(c)) return out;
  for (const r of c.sc.redirects)
    if ((r.op === ">" || r.op === ">>" || r.op === ">|") && r.target?.text) out.push(r.target.text);
  for (const w of c.r.args) {
    const t = w.text ?? w.raw;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) continue;
    for (const m of t.matchAll(PATHS_IN)) if (m[1] && m[1] !== "/dev/null") out.push(m[1]);
  }
  return out;
}

function runsSaved(c: Cmd, saved: ReadonlySet<string>): boolean {
  const name = programName(c.r.program);
  if (saved.has(name) && (c.r.program?.text ?? "").includes("/")) return true;
  const ops = c.r.args.map((w) => base(w.text ?? ""));
  // Made executable (`+x`, `755`), not merely protected (`chmod 600 .secret`).
  if (c.r.name === "chmod") return ops.some((o) => saved.has(o)) && ops.some(makesExecutable);
  if (isShellOrInterpreter(c.r.name) || c.r.name === "source" || c.r.name === ".")
    return ops.some((o) => saved.has(o));
  if (LOADERS.has(c.r.name)) return operands(c.r).some((w) => saved.has(base(w.text ?? "")));
  return false;
}

/** A chmod mode that sets an execute bit: `+x`, `u+rwx`, `755`, `4755` (not `600`, `go-w`). */
const makesExecutable = (m: string) =>
  /^[ugoa]*[+=][rwxXst]*[xX]/.test(m) || (/^[0-7]{3,4}$/.test(m) && /[1357]/.test(m));

/** Programs that run or install the file they are given (`java -jar x.jar`, `dpkg -i x.deb`). */
const LOADERS = new Set(
  "java dpkg rpm insmod modprobe pip pip3 gem msiexec rundll32 regsvr32 installer".split(" "),
);
