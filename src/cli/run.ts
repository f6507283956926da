import { FileAuditSink, NULL_AUDIT } from "../audit/audit.js";
import { createLogger, type LogLevel } from "../audit/logger.js";
import { LocalAuthenticator } from "../auth/local.js";
import { getLimits, type Limits, resolveLimits } from "../config/limits.js";
import { buildDefences } from "../inspect/defences.js";
import type { Check } from "../pipeline/types.js";
import { watchPolicy } from "../policy/watch.js";
import { checkRateLimitFlags, setupRateLimit } from "../ratelimit/setup.js";
import { splitCommandLine } from "../transport/command.js";
import { StdioBridge } from "../transport/stdio.js";
import type { EarlyServer } from "./early-server.js";
import { childEnv } from "./env.js";
import {
  loadPolicyStore,
  policyServerChecks,
  sanitizerFor,
  TOOLS_LIST_CHANGED,
} from "./policy-setup.js";

export interface RunOptions {
  target?: string;
  policy?: string;
  principal: string;
  roles: string[];
  serverName?: string;
  maxLineSize?: number;
  maxArgSize?: number;
  maxDepth?: number;
  maxArgsTotalSize?: number;
  maxHttpBodySize?: number;
  sanitizerMaxScan?: number;
  maxPolicyFileSize?: number;
  maxConcurrentRequests?: number;
  transportTimeout?: number;
  redisTimeout?: number;
  shutdownGrace?: number;
  auditLog?: string;
  pinFile?: string;
  /** False with --no-sanitizer. */
  sanitizer?: boolean;
  rateLimit?: number;
  rateBurst?: number;
  redisUrl?: string;
  redisFailOpen?: boolean;
  logLevel: LogLevel;
  mode: "stdio" | "http";
  /** Log what the policy would block and forward it. */
  monitor?: boolean;
  /** Reload the policy when its file changes (default true; --no-watch). SIGHUP always reloads. */
  watch?: boolean;
}

/** A problem with how the shim was started: printed on stderr, exit code 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** Which flag sets which limit. */
const FLAG_LIMITS: ReadonlyArray<[keyof RunOptions, keyof Limits]> = [
  ["maxLineSize", "maxLineBytes"],
  ["maxArgSize", "maxArgumentBytes"],
  ["maxArgsTotalSize", "maxArgumentsTotalBytes"],
  ["maxDepth", "maxDepth"],
  ["maxHttpBodySize", "maxHttpBodyBytes"],
  ["sanitizerMaxScan", "sanitizerMaxScanBytes"],
  ["maxPolicyFileSize", "maxPolicyFileBytes"],
  ["maxConcurrentRequests", "maxConcurrentRequests"],
  ["transportTimeout", "transportTimeoutMs"],
  ["redisTimeout", "redisOperationTimeoutMs"],
  ["shutdownGrace", "targetShutdownTimeoutMs"],
];

/** The limits given as flags. */
export function flagLimits(o: RunOptions): Partial<Limits> {
  const out: Record<string, unknown> = {};
  for (const [flag, limit] of FLAG_LIMITS) if (o[flag] !== undefined) out[limit] = o[flag];
  if (o.redisFailOpen) out.redisFailOpen = true;
  return out as Partial<Limits>;
}

/** Whether two command lines are the same, word for word. */
function sameArgv(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, i) => word === b[i]);
}

/**
 * Starts the stdio shim; resolves with the exit code. `early` is the server the CLI
 * started before loading this: it is used only if commander found the same command.
 */
export async function runShim(
  o: RunOptions,
  command: string[],
  early?: EarlyServer,
): Promise<number> {
  if (o.policy === undefined)
    throw new UsageError("required option '--policy <file>' not specified");
  if (o.target !== undefined && command.length > 0) {
    throw new UsageError("give the server either with --target or after --, not both");
  }
  const argv = o.target !== undefined ? splitCommandLine(o.target) : command;
  if (argv.length === 0)
    throw new UsageError(
      'no MCP server to run: use --target "<command>" or -- <command> [args...]',
    );
  // Never drive a server started with another command line than the one asked for.
  const server = early && sameArgv(early.argv, argv) ? early : undefined;
  if (early && !server) await early.discard();
  if (o.policy === undefined)
    throw new UsageError("required option '--policy <file>' not specified");
  const rateFlagProblem = checkRateLimitFlags(o);
  if (rateFlagProblem !== undefined) throw new UsageError(rateFlagProblem);
  const limits = resolveLimits(getLimits(), flagLimits(o));
  // The policy is read before the bridge runs, so a bad one is refused at start (main.ts
  // then kills an early server, which has seen no client byte).
  const logger = createLogger(o.logLevel);
  const policy = loadPolicyStore({ ...o, policy: o.policy }, limits, logger);
  // SIGHUP always reloads; --no-watch only stops watching the file.
  const watcher = watchPolicy(policy, { logger, watchFile: o.watch !== false });
  const audit = o.auditLog ? new FileAuditSink(o.auditLog) : NULL_AUDIT;
  const sanitizer = sanitizerFor(policy, o, logger, true);
  const checks: Check[] = sanitizer ? [sanitizer] : [];
  const [command0, ...args] = argv as [string, ...string[]];
  const defences = buildDefences({
    sections: policy.document,
    monitor: policy.monitor,
    policyFile: o.policy,
    argv,
    audit,
    logger,
    ...(o.pinFile !== undefined ? { pinFile: o.pinFile } : {}),
    ...(o.serverName !== undefined ? { serverName: o.serverName } : {}),
  });
  // Quarantine, credentials in arguments, roots narrowing, capability capture for approval.
  checks.push(...defences.clientChecks);
  logger.debug({ command: command0, args, principal: o.principal, roles: o.roles }, "starting");
  // Last check of the pipeline; a Redis limiter connects in the background (never blocks start).
  const rateLimit = setupRateLimit({
    ...o,
    limits,
    logger,
    policy: () => policy.document.rate_limits,
  });
  checks.push(rateLimit.check);
  const bridge = new StdioBridge({
    command: command0,
    args,
    ...(server ? { server } : {}),
    policyEngine: policy,
    policy: {
      monitor: () => policy.monitor,
      logger,
      approve: (frame, ctx, why) => defences.approval.ask(frame, ctx, why),
    },
    serverChecks: [
      // Pinning sees the server's full list, before the policy filters it.
      ...defences.beforePolicyFilter,
      ...policyServerChecks(policy, logger),
      ...defences.serverChecks,
    ],
    keepSignals: ["SIGHUP"],
    onSession: (session) => {
      defences.bindSession(session);
      // A new policy may show or hide tools: tell the client to list them again.
      policy.subscribe(() => session.sendToClient(TOOLS_LIST_CHANGED));
    },
    authenticator: new LocalAuthenticator({ principal: o.principal, roles: o.roles }),
    limits,
    logger,
    audit,
    env: childEnv(process.env),
    checks,
    ...(o.serverName !== undefined ? { serverName: o.serverName } : {}),
  });
  try {
    return await bridge.run();
  } finally {
    watcher.close();
    await rateLimit.close();
  }
}
