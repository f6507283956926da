import { LocalAuthenticator } from "../auth/local.js";
import { StdioBridge } from "../transport/stdio.js";
import { gatewayFor, type RunOptions, resolveRun, serverArgv, UsageError } from "./config.js";
import type { EarlyServer } from "./early-server.js";
import { childEnv } from "./env.js";
import { logStartup } from "./startup-line.js";

export { flagLimits, type RunOptions, UsageError } from "./config.js";

/** Whether two command lines are the same, word for word. */
function sameArgv(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

/**
 * Starts the stdio shim; resolves with the exit code. `early` is the server the CLI
 * started before loading this: it is used only if commander found the same command.
 * Flags → configuration → gateway → stdio transport; the defences are the gateway's.
 */
export async function runShim(
  o: RunOptions,
  command: string[],
  early?: EarlyServer,
): Promise<number> {
  if (o.policy === undefined)
    throw new UsageError("required option '--policy <file>' not specified");
  const argv = serverArgv(o, command);
  if (argv.length === 0)
    throw new UsageError(
      'no MCP server to run: use --target "<command>" or -- <command> [args...]',
    );
  // Never drive a server started with another command line than the one asked for.
  const server = early && sameArgv(early.argv, argv) ? early : undefined;
  if (early && !server) await early.discard();
  const run = resolveRun(o);
  // The policy is read before the bridge runs, so a bad one is refused at start (main.ts
  // then kills an early server, which has seen no client byte).
  const gateway = gatewayFor(o, run, argv);
  const [command0, ...args] = argv as [string, ...string[]];
  run.logger.debug({ command: command0, args }, "starting");
  logStartup(run.logger, {
    transport: "stdio",
    policyFile: run.policyFile,
    document: gateway.policy.document,
    monitor: gateway.policy.monitor,
    principal: { id: o.principal, roles: o.roles },
  });
  const defences = gateway.session();
  const bridge = new StdioBridge({
    command: command0,
    args,
    ...(server ? { server } : {}),
    policyEngine: gateway.policy,
    defences,
    // SIGHUP reloads the policy (the gateway listens); it is not relayed to the server.
    keepSignals: ["SIGHUP"],
    // A new policy may show or hide items: the client is told which lists to fetch again.
    onSession: (session) => {
      defences.onPolicyChange?.((line) => session.sendToClient(line));
    },
    authenticator: new LocalAuthenticator({ principal: o.principal, roles: o.roles }),
    limits: run.limits,
    logger: run.logger,
    audit: run.audit,
    env: childEnv(process.env),
    ...(o.serverName !== undefined ? { serverName: o.serverName } : {}),
  });
  try {
    return await bridge.run();
  } finally {
    await gateway.close();
  }
}
