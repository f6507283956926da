import { Command } from "commander";
import { resolvePinFile } from "../../gateway/defences.js";
import { hashOf, pinnedView } from "../../pinning/canonical.js";
import { collectSurface } from "../../pinning/collect.js";
import { PinningConfigSchema } from "../../pinning/config.js";
import { serverKey } from "../../pinning/pin-file.js";
import { PinStore } from "../../pinning/pin-store.js";
import { loadPolicyFile } from "../../policy/load.js";
import { requireServerArgv } from "../config.js";
import { childEnv } from "../env.js";
import { EXIT } from "../exit-codes.js";
import { commaList } from "../options.js";
import { UsageError } from "../run.js";

export interface PinOptions {
  policy?: string;
  pinFile?: string;
  serverName?: string;
  target?: string;
  update?: boolean;
  capabilities: string[];
}

const CAPABILITIES = new Set(["sampling", "elicitation", "roots"]);

/** What differs between the server now and its pins, one line per change. */
function describeChanges(
  store: PinStore,
  surface: Awaited<ReturnType<typeof collectSurface>>,
): string[] {
  const lines: string[] = [];
  const names = new Set<string>();
  for (const tool of surface.tools) {
    names.add(String(tool.name));
    const s = store.checkTool(tool);
    if (s.status === "changed") lines.push(`changed  ${String(tool.name)}: ${s.diff}`);
    else if (s.status === "unpinned") lines.push(`added    ${String(tool.name)}`);
  }
  for (const n of store.toolNames()) if (!names.has(n)) lines.push(`removed  ${n}`);
  const i = store.checkInstructions(surface.instructions);
  if (i.status === "changed") lines.push(`changed  ${i.diff}`);
  return lines;
}

/**
 * `mcp-aegis pin`: starts the server, reads its tools and instructions, and writes the
 * pins deliberately (instead of trusting first use). With pins present it shows what
 * changed and exits 1; `--update` accepts the change.
 */
export async function runPin(
  o: PinOptions,
  command: string[],
  print: (s: string) => void,
): Promise<number> {
  const argv = requireServerArgv(o, command, "pin");
  for (const c of o.capabilities)
    if (!CAPABILITIES.has(c))
      throw new UsageError(`unknown capability "${c}" (expected sampling, elicitation, roots)`);
  let pinning = PinningConfigSchema.parse({});
  if (o.policy !== undefined) {
    const doc = loadPolicyFile(o.policy, 10 * 1024 * 1024) as { pinning?: unknown };
    pinning = PinningConfigSchema.parse(doc.pinning ?? {});
  }
  const file = resolvePinFile(
    { ...pinning, enabled: true },
    {
      ...(o.pinFile !== undefined ? { pinFile: o.pinFile } : {}),
      ...(o.policy !== undefined ? { policyFile: o.policy } : {}),
    },
  );
  if (file === undefined)
    throw new UsageError("say where the pins go: --pin-file <file> or --policy <file>");
  const key = serverKey(o.serverName, argv);
  const store = new PinStore(file, key, (err) => {
    throw err;
  });
  const surface = await collectSurface(argv, {
    capabilities: Object.fromEntries(o.capabilities.map((c) => [c, {}])),
    env: childEnv(process.env),
  });
  if (!store.hasTools()) {
    store.pinTools(surface.tools, true);
    store.pinInstructions(surface.instructions);
    print(
      `pinned ${surface.tools.length} tool(s)${surface.instructions !== undefined ? " and instructions" : ""} for "${key}" in ${file}`,
    );
    return EXIT.OK;
  }
  const changes = describeChanges(store, surface);
  if (changes.length === 0) {
    print(`pins match: ${surface.tools.length} tool(s) for "${key}" in ${file}`);
    return EXIT.OK;
  }
  for (const line of changes) print(line);
  if (!o.update) {
    print('the server differs from its pins; run "mcp-aegis pin --update" to accept');
    return EXIT.FAILED;
  }
  store.pinTools(surface.tools, true);
  store.pinInstructions(surface.instructions);
  print(
    `updated pins: ${surface.tools.length} tool(s) for "${key}" in ${file} (${hashOf(surface.tools.map(pinnedView)).slice(0, 19)})`,
  );
  return EXIT.OK;
}

/** The `pin` program (parsed on its own: the shim's --policy is required, pin's is not). */
export function buildPinProgram(onExit: (code: number) => void): Command {
  return new Command("mcp-aegis pin")
    .description(
      "Pin an MCP server's tool definitions and instructions (or show and accept changes)",
    )
    .usage(
      '[options] --target "<command line>"\n       mcp-aegis pin [options] -- <command> [args...]',
    )
    .option("--policy <file>", "policy file (its pinning: section; pins go beside it by default)")
    .option("--pin-file <file>", "pin file to write")
    .option(
      "--server-name <name>",
      "key of this server in the pin file (default: its command line)",
    )
    .option("--target <command>", "command line of the MCP server")
    .option("--update", "accept changed, added and removed tools")
    .option(
      "--capabilities <list>",
      "client capabilities to declare (sampling,elicitation,roots)",
      commaList,
      [] as string[],
    )
    .argument("[command...]", "the MCP server command after --")
    .showHelpAfterError()
    .action(async (command: string[], opts: PinOptions) => {
      onExit(await runPin(opts, command, (s) => process.stdout.write(`${s}\n`)));
    });
}
