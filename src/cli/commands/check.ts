import { Command } from "commander";
import { getLimits } from "../../config/limits.js";
import { YamlPolicyEngine } from "../../policy/engine.js";
import { formatProblem, PolicyLoadError, type PolicyProblem } from "../../policy/load.js";
import { EXIT } from "../exit-codes.js";

/** What `check` found in one file. */
export interface CheckedFile {
  file: string;
  ok: boolean;
  /** Set when the file is valid. */
  principals?: number;
  rules?: number;
  mode?: "enforce" | "monitor";
  problems: PolicyProblem[];
}

/** Validates one policy file; any error that is not the policy's own is thrown. */
export function checkPolicy(file: string): CheckedFile {
  try {
    const engine = YamlPolicyEngine.fromFile(file, getLimits().maxPolicyFileBytes);
    const principals = Object.values(engine.document.principals);
    const rules = principals.reduce(
      (n, p) => n + p.tools.length + p.resources.length + p.prompts.length,
      0,
    );
    return {
      file,
      ok: true,
      principals: principals.length,
      rules,
      mode: engine.mode,
      problems: [],
    };
  } catch (err) {
    if (!(err instanceof PolicyLoadError)) throw err;
    return { file, ok: false, problems: err.problems };
  }
}

/** Validates policy files; every problem is printed as `file:line:col: message`. */
export function checkPolicies(files: readonly string[], out: (line: string) => void): number {
  let code: number = EXIT.OK;
  for (const file of files) {
    const r = checkPolicy(file);
    if (r.ok) out(`${file}: ok (${r.principals} principals, ${r.rules} rules, mode ${r.mode})`);
    for (const p of r.problems) out(formatProblem(p));
    if (!r.ok) code = EXIT.FAILED;
  }
  return code;
}

/**
 * The result for editors and CI: one JSON document, `{ok, files, problems}`, each problem
 * with file, 1-based line and column, message and path (keys and indexes; null for a
 * problem of YAML syntax or of reading the file).
 */
export function checkPoliciesJson(files: readonly string[]): { code: number; json: string } {
  const checked = files.map(checkPolicy);
  const ok = checked.every((c) => c.ok);
  const problems = checked.flatMap((c) =>
    c.problems.map((p) => ({
      file: p.file,
      line: p.line,
      column: p.col,
      message: p.message,
      path: p.path ?? null,
    })),
  );
  const summary = checked.map(({ problems: _, ...rest }) => rest);
  return {
    code: ok ? EXIT.OK : EXIT.FAILED,
    json: JSON.stringify({ ok, files: summary, problems }, null, 2),
  };
}

export function checkCommand(onExit: (code: number) => void): Command {
  // exitOverride: a bad flag becomes a CommanderError, which main() turns into exit 2.
  return new Command("check")
    .exitOverride()
    .description("validate policy files: exit 0 when valid, 1 with file:line:col problems")
    .argument("<policy...>", "YAML policy files")
    .option(
      "--json",
      "print one JSON document: {ok, files, problems: [{file, line, column, message, path}]}",
    )
    .action((files: string[], opts: { json?: boolean }) => {
      if (opts.json) {
        const r = checkPoliciesJson(files);
        process.stdout.write(`${r.json}\n`);
        onExit(r.code);
        return;
      }
      onExit(checkPolicies(files, (l) => process.stdout.write(`${l}\n`)));
    });
}
