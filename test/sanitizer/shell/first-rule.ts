import type { RuleId } from "../../../src/sanitizer/rules.js";
import { judgeArgv, judgeCommand } from "../../../src/sanitizer/shell/judge.js";

/** The first rule a judgement reports, or undefined when it reports none. */
const first = (run: (hit: (id: RuleId) => boolean) => unknown): RuleId | undefined => {
  let rule: RuleId | undefined;
  run((id) => {
    rule ??= id;
    return true;
  });
  return rule;
};

/** The first rule a command line breaks (load the shell parser first). */
export const cmd = (s: string) => first((hit) => judgeCommand(s, hit));
/** The first rule a program's argv breaks (load the shell parser first). */
export const argv = (p: string, ...a: string[]) => first((hit) => judgeArgv(p, a, hit));
