import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { collectSurface } from "../../pinning/collect.js";
import { YamlPolicyEngine } from "../../policy/engine.js";
import { formatProblem, PolicyLoadError } from "../../policy/load.js";
import { requireServerArgv } from "../config.js";
import { childEnv } from "../env.js";
import { EXIT } from "../exit-codes.js";
import { UsageError } from "../run.js";
import type { InitOptions } from "./init.js";
import { renderStarterPolicy, tallyTools } from "./init-policy.js";

/**
 * Asks the server what it offers (as a client declaring no capabilities would see it),
 * writes the starter policy, and proves it loads before it is written: `check` must
 * accept what `init` writes.
 */
export async function runInit(
  o: InitOptions,
  command: string[],
  print: (s: string) => void,
): Promise<number> {
  const argv = requireServerArgv(o, command, "ask");
  const out = resolve(o.out);
  // Checked before the server starts, and again by the exclusive write below.
  if (existsSync(out) && !o.force)
    throw new UsageError(`${o.out} exists; pass --force to overwrite it`);
  const surface = await collectSurface(argv, { env: childEnv(process.env), catalog: true });
  const text = renderStarterPolicy(surface, {
    principal: o.principal,
    roles: o.roles,
    destructive: o.ask ? "ask" : "deny",
    server: argv,
  });
  try {
    YamlPolicyEngine.fromString(text, o.out);
  } catch (err) {
    // A bug of ours, not the user's: say so, and write nothing.
    if (!(err instanceof PolicyLoadError)) throw err;
    for (const p of err.problems)
      print(`mcp-aegis init: generated policy is invalid: ${formatProblem(p)}`);
    return EXIT.FAILED;
  }
  writeFileSync(out, text, { flag: o.force ? "w" : "wx" });
  const n = tallyTools(surface.tools, o.ask ? "ask" : "deny");
  print(
    `wrote ${o.out}: ${surface.tools.length} tool(s) (${n.callable} callable, ${n.visible} visible only, ${n.refused + n.ask} destructive), ` +
      `${(surface.resources ?? []).length + (surface.resourceTemplates ?? []).length} resource rule(s), ` +
      `${(surface.prompts ?? []).length} prompt(s); review it, then: mcp-aegis check ${o.out}`,
  );
  return EXIT.OK;
}
