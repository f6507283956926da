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

const base = (p: string) => p.replace(/\/+$/, "").split("/").pop() ?? p;

/** A substitution inside an argument that runs a fetcher: `bash <(curl …)`, `sh -c "$(wget -O- …)"`. */
const FETCH_IN_SUBST = /(?:\$\(|`|<\()\s*(?:[\w./-]*\/)?(?:curl|wget|fetch)\b/;

/**
 * shell.download-exec: content fetched from the network and run — a fetcher piped into a
 * shell or interpreter that reads its program from stdin, a shell or `eval`/`source` fed
 * by a substitution that fetches, or a file saved by a fetcher that is later made
 * executable or run. `curl … | jq .` passes: jq runs no code.
 */
export function downloadExec(a: Analysis, hit: Hit): boolean {
  for (const { p, stages } of a.pipes) {
    let fetched = false;
    for (const stage of stages) {
      if (fetched && stage.some((c) => readsProgramFromStdin(c.r)))
        return hit("shell.download-exec", p.raw);
      if (stage.some(fetchesToStdout)) fetched = true;
    }
  }
  for (const c of a.cmds) {
    const runsCode =
      isShellOrInterpreter(c.r.name) ||
      c.r.name === "eval" ||
      c.r.name === "source" ||
      c.r.name === ".";
    if (runsCode && c.r.args.some((w) => w.subst && FETCH_IN_SUBST.test(w.raw)))
      return hit("shell.download-exec", c.sc.raw);
  }
  for (const c of a.cmds) {
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
  for (const c of a.cmds) {
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
 * Inline code that fetches and then evaluates or runs what it fetched: `php -r
 * 'eval(file_get_contents("http://…"))'`, `python -c "exec(urlopen(…).read())"`, `node -e
 * "https.get(…, r => … eval(d))"`, `powershell -c "IEX (New-Object Net.WebClient).DownloadString(…)"`.
 */
const FETCH_API =
  /https?:\/\/|ftp:\/\/|urlopen|urlretrieve|requests\.get|file_get_contents|URI\.open|open-uri|Net::HTTP|LWP::|HTTP::Tiny|DownloadString|DownloadFile|Invoke-WebRequest|\biwr\b|Invoke-RestMethod|\birm\b|https?\.get\(|\bfetch\(|axios|curl_exec/i;
const RUN_API =
  /\beval\b|\bexec\b|\bIEX\b|Invoke-Expression|\bload\s*\(|instance_eval|new Function|\bFunction\(|\bcompile\(|execfile|runpy|\bsystem\s*\(|\bpopen|subprocess|child_process|Start-Process|\bassert\s*\(/i;

/** Absolute, home or `./` paths inside a word (also inside quoted inline code). */
const PATHS_IN = /(?:^|[\s"'=(,<>])((?:\/|~\/|\.\/)[\w./-]*[\w/])/g;

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
  if (c.r.name === "chmod") return ops.some((o) => saved.has(o));
  if (isShellOrInterpreter(c.r.name) || c.r.name === "source" || c.r.name === ".")
    return ops.some((o) => saved.has(o));
  return false;
}
