import { Command, InvalidArgumentError, Option } from "commander";
import { getLimits } from "../../config/limits.js";
import { YamlPolicyEngine } from "../../policy/engine.js";
import { formatExplanation, requestFromSpec } from "../../policy/explain.js";
import { SERVER_REQUEST_METHODS } from "../../policy/schema.js";
import type { Action } from "../../policy/types.js";
import { EXIT } from "../exit-codes.js";
import { commaList } from "../options.js";
import { UsageError } from "../run.js";
import { explainArgs, formatArgsExplanation, readToolDefinition } from "./explain-args.js";

interface ExplainOptions {
  policy?: string;
  toolDef?: string;
  toolDefFile?: string;
  principal: string;
  roles: string[];
  tool?: string;
  resource?: string;
  prompt?: string;
  serverRequest?: string;
  serverName?: string;
  action?: Action;
  args?: Record<string, unknown>;
  list?: boolean;
}

function jsonObject(value: string): Record<string, unknown> {
  let v: unknown;
  try {
    v = JSON.parse(value);
  } catch (err) {
    throw new InvalidArgumentError(
      `expected a JSON object, got invalid JSON (${(err as Error).message})`,
    );
  }
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new InvalidArgumentError(`expected a JSON object, got ${JSON.stringify(v)}`);
  }
  return v as Record<string, unknown>;
}

/**
 * Prints the decision for one question and the rule that made it; with `--tool` and
 * `--args`, also the sanitizer's verdict (explain-args.ts). Exit 0 allow, 1 deny or block.
 */
export function explainCommand(onExit: (code: number) => void): Command {
  // exitOverride: a bad flag becomes a CommanderError, which main() turns into exit 2.
  return new Command("explain")
    .exitOverride()
    .description(
      "show the decision for one request and the rule that made it (exit 0 allow, 1 deny)",
    )
    .option("--policy <file>", "YAML policy file (optional with --tool and --args)")
    .option("--principal <name>", "caller identity", "local-user")
    .option("--roles <a,b>", "comma-separated roles", commaList, [] as string[])
    .option("--tool <name>", "a tool (action execute unless --action read)")
    .option("--resource <uri>", "a resource URI (action read)")
    .option("--prompt <name>", "a prompt (action read)")
    .addOption(
      new Option("--server-request <method>", "a server → client request").choices(
        SERVER_REQUEST_METHODS,
      ),
    )
    .option("--server-name <name>", "namespace of the server's tools (fs → fs:read_file)")
    .option("--args <json>", "tool or prompt arguments as a JSON object", jsonObject)
    .addOption(new Option("--action <action>", "read or execute").choices(["read", "execute"]))
    .option("--list", "ask whether the target shows in a list result")
    .option("--tool-def <json>", "the tool's definition from tools/list (guides argument kinds)")
    .option("--tool-def-file <file>", "the same, read from a JSON file")
    .action(async (o: ExplainOptions) => {
      const sanitize = o.tool !== undefined && o.args !== undefined;
      if (o.policy === undefined) {
        if (!sanitize)
          throw new UsageError("explain: --policy is required unless --tool and --args are given");
        return onExit(await explainSanitizer(o, undefined));
      }
      const engine = YamlPolicyEngine.fromFile(o.policy);
      let request: ReturnType<typeof requestFromSpec>;
      try {
        request = requestFromSpec({
          principal: o.principal,
          roles: o.roles,
          ...(o.tool !== undefined ? { tool: o.tool } : {}),
          ...(o.resource !== undefined ? { resource: o.resource } : {}),
          ...(o.prompt !== undefined ? { prompt: o.prompt } : {}),
          ...(o.serverRequest !== undefined ? { serverRequest: o.serverRequest } : {}),
          ...(o.serverName !== undefined ? { server: o.serverName } : {}),
          ...(o.action !== undefined ? { action: o.action } : {}),
          ...(o.args !== undefined ? { args: o.args } : {}),
          ...(o.list ? { list: true } : {}),
        });
      } catch (err) {
        throw new UsageError(
          `explain: ${(err as Error).message} (--tool, --resource, --prompt, --server-request)`,
        );
      }
      const explanation = engine.explain(request);
      process.stdout.write(`${formatExplanation(request, explanation)}\n`);
      const policyCode = explanation.decision.effect === "allow" ? EXIT.OK : EXIT.FAILED;
      if (!sanitize) return onExit(policyCode);
      process.stdout.write("\n");
      const sanitizerCode = await explainSanitizer(o, engine);
      onExit(policyCode === EXIT.OK ? sanitizerCode : policyCode);
    });
}

/** The sanitizer's verdict on `--args` for `--tool`, under the policy's `sanitizer:` section. */
async function explainSanitizer(
  o: ExplainOptions,
  engine: YamlPolicyEngine | undefined,
): Promise<number> {
  let toolDefinition: Record<string, unknown> | undefined;
  try {
    toolDefinition = readToolDefinition(o.toolDef, o.toolDefFile);
  } catch (err) {
    throw new UsageError(`explain: ${(err as Error).message}`);
  }
  const config = engine?.document.sanitizer;
  const e = await explainArgs({
    tool: o.tool as string,
    args: o.args as Record<string, unknown>,
    ...(config ? { config } : {}),
    ...(toolDefinition ? { toolDefinition } : {}),
    limits: getLimits(),
  });
  process.stdout.write(`${formatArgsExplanation(e)}\n`);
  return e.blocked ? EXIT.FAILED : EXIT.OK;
}
