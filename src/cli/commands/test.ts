import { Command } from "commander";
import { z } from "zod";
import { getLimits } from "../../config/limits.js";
import { YamlPolicyEngine } from "../../policy/engine.js";
import { formatExplanation, requestFromSpec } from "../../policy/explain.js";
import { parsePolicySource, readPolicyText } from "../../policy/load.js";
import { ActionSchema, SERVER_REQUEST_METHODS } from "../../policy/schema.js";
import { EXIT } from "../exit-codes.js";

/** One policy unit test: a question and the decision it must get. */
export const PolicyCaseSchema = z
  .strictObject({
    name: z.string().optional(),
    principal: z.string().min(1).default("local-user"),
    roles: z.array(z.string().min(1)).default([]),
    tool: z.string().optional(),
    resource: z.string().optional(),
    prompt: z.string().optional(),
    server_request: z.enum(SERVER_REQUEST_METHODS).optional(),
    server: z.string().optional(),
    action: ActionSchema.optional(),
    args: z.record(z.string(), z.unknown()).optional(),
    list: z.boolean().optional(),
    expect: z.enum(["allow", "deny"]),
    /** The rule that must make the decision (e.g. `principals.dev.tools[0]`), optional. */
    rule: z.string().optional(),
  })
  .refine(
    (c) =>
      [c.tool, c.resource, c.prompt, c.server_request].filter((v) => v !== undefined).length === 1,
    { message: "a case names exactly one of: tool, resource, prompt, server_request" },
  );
export type PolicyCase = z.infer<typeof PolicyCaseSchema>;

export const PolicyCasesSchema = z.strictObject({ cases: z.array(PolicyCaseSchema).min(1) });

/** Runs a file of cases against a policy; prints failures and `N passed, M failed`. */
export function runPolicyTests(
  policyFile: string,
  casesFile: string,
  out: (line: string) => void,
): number {
  const engine = YamlPolicyEngine.fromFile(policyFile);
  const source = parsePolicySource(
    readPolicyText(casesFile, getLimits().maxPolicyFileBytes, "test-cases file"),
    casesFile,
    PolicyCasesSchema,
    "test-cases file",
  );
  let passed = 0;
  let failed = 0;
  source.document.cases.forEach((c, i) => {
    const name = c.name ?? `case ${i + 1}`;
    const where = source.locate(["cases", i]) ?? casesFile;
    const request = requestFromSpec({
      principal: c.principal,
      roles: c.roles,
      ...(c.tool !== undefined ? { tool: c.tool } : {}),
      ...(c.resource !== undefined ? { resource: c.resource } : {}),
      ...(c.prompt !== undefined ? { prompt: c.prompt } : {}),
      ...(c.server_request !== undefined ? { serverRequest: c.server_request } : {}),
      ...(c.server !== undefined ? { server: c.server } : {}),
      ...(c.action !== undefined ? { action: c.action } : {}),
      ...(c.args !== undefined ? { args: c.args } : {}),
      ...(c.list ? { list: true } : {}),
    });
    const explanation = engine.explain(request);
    const { decision } = explanation;
    const wrongEffect = decision.effect !== c.expect;
    const wrongRule = c.rule !== undefined && !decision.reasons.includes(c.rule);
    if (!wrongEffect && !wrongRule) {
      passed += 1;
      return;
    }
    failed += 1;
    const expected = c.rule === undefined ? c.expect : `${c.expect} by ${c.rule}`;
    out(
      `FAIL ${where}: ${name}: expected ${expected}, got ${decision.effect} by ${decision.reasons.join(", ")}`,
    );
    for (const line of formatExplanation(request, explanation).split("\n")) out(`    ${line}`);
  });
  out(`${passed} passed, ${failed} failed`);
  return failed === 0 ? EXIT.OK : EXIT.FAILED;
}

export function testCommand(onExit: (code: number) => void): Command {
  // exitOverride: a bad flag becomes a CommanderError, which main() turns into exit 2.
  return new Command("test")
    .exitOverride()
    .description("run policy unit tests: a YAML file of cases with expected decisions")
    .argument("<policy>", "YAML policy file")
    .argument("<cases>", "YAML file with `cases:`")
    .action((policy: string, cases: string) => {
      onExit(runPolicyTests(policy, cases, (l) => process.stdout.write(`${l}\n`)));
    });
}
