import { Command } from "commander";
import { getLimits } from "../../config/limits.js";
import { YamlPolicyEngine } from "../../policy/engine.js";
import { formatProblem, PolicyLoadError } from "../../policy/load.js";
import { EXIT } from "../exit-codes.js";

/** Validates policy files; every problem is printed as `file:line:col: message`. */
export function checkPolicies(files: readonly string[], out: (line: string) => void): number {
  let code: number = EXIT.OK;
  for (const file of files) {
    try {
      const engine = YamlPolicyEngine.fromFile(file, getLimits().maxPolicyFileBytes);
      const principals = Object.values(engine.document.principals);
      const rules = principals.reduce(
        (n, p) => n + p.tools.length + p.resources.length + p.prompts.length,
        0,
      );
      out(`${file}: ok (${principals.length} principals, ${rules} rules, mode ${engine.mode})`);
    } catch (err) {
      if (!(err instanceof PolicyLoadError)) throw err;
      for (const p of err.problems) out(formatProblem(p));
      code = EXIT.FAILED;
    }
  }
  return code;
}

export function checkCommand(onExit: (code: number) => void): Command {
  // exitOverride: a bad flag becomes a CommanderError, which main() turns into exit 2.
  return new Command("check")
    .exitOverride()
    .description("validate policy files: exit 0 when valid, 1 with file:line:col problems")
    .argument("<policy...>", "YAML policy files")
    .action((files: string[]) => {
      onExit(checkPolicies(files, (l) => process.stdout.write(`${l}\n`)));
    });
}
