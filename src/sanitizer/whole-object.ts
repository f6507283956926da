import type { Node } from "./arg-tree.js";
import { execShape, toolProgram } from "./exec-shape.js";
import { manifestScripts } from "./manifest.js";
import type { RuleId } from "./rules.js";
import { checkEnvEntry, looksLikeEnvMap } from "./shell/env.js";
import { judgeArgv, judgeCommand, PENDING } from "./shell/judge.js";

/**
 * Judgements of a whole object, which no single value shows: a package.json's scripts being
 * written (path and content together), an env map's entries (key and value together), an
 * exec-shaped call's argv (program + args as literal words). True to stop the scan.
 */
export function judgeWhole(
  o: Record<string, unknown>,
  n: Node,
  tool: string | undefined,
  writes: boolean,
  focus: (s: string, at: Node, key?: string) => void,
  report: (rule: RuleId, part?: string) => boolean,
  pending: () => void,
  execProgram: (key: string) => void,
): boolean {
  const manifest = writes ? manifestScripts(o) : undefined;
  for (const script of manifest?.scripts ?? []) {
    focus(script, n);
    const r = judgeCommand(
      script,
      manifest?.lenient
        ? (rule, part) => rule !== "shell.parse-error" && report(rule, part)
        : report,
    );
    if (r === PENDING) {
      pending();
      return true;
    }
    if (r) return true;
  }
  if (n.kind === "env" || looksLikeEnvMap(o)) {
    focus("", n);
    for (const [key, value] of Object.entries(o)) {
      const hit = checkEnvEntry(key, value);
      if (!hit) continue;
      focus(typeof value === "string" ? `${key}=${value}` : key, n, key);
      if (report(hit.rule, hit.part)) return true;
    }
  }
  const exec = execShape(o, n.parent === undefined ? toolProgram(tool) : undefined);
  if (exec) {
    const args: Node = {
      value: o[exec.key],
      parent: n,
      key: exec.key,
      canon: n.canon === "" ? exec.key : `${n.canon}.${exec.key}`,
      kind: "argument",
      schema: undefined,
    };
    // A plain program name is a word of this argv, judged with it, not a command line of
    // its own (`{program: "tmux", args: ["ls"]}` is not a bare `tmux`). A value a shell
    // would split (`git status; id`) is still judged as a command line as well.
    if (exec.programKey !== undefined && /^[\w./+-]+$/.test(exec.program))
      execProgram(exec.programKey);
    focus([exec.program, ...exec.args].join(" "), args);
    const r = judgeArgv(exec.program, exec.args, report);
    if (r === PENDING) {
      pending();
      return true;
    }
    return r;
  }
  return false;
}
