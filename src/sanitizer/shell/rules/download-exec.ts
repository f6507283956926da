import {
  type Analysis,
  type Cmd,
  FETCHERS,
  fetchedFiles,
  fetchesToStdout,
  type Hit,
} from "../facts.js";
import { isShellOrInterpreter, programName, readsProgramFromStdin } from "../resolve.js";

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
  const saved = new Set<string>();
  for (const c of a.cmds) {
    for (const f of fetchedFiles(c)) saved.add(base(f));
    if (saved.size === 0 || FETCHERS.has(c.r.name)) continue;
    if (runsSaved(c, saved)) return hit("shell.download-exec", c.sc.raw);
  }
  return false;
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
