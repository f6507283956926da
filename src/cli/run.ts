import { FileAuditSink, NULL_AUDIT } from "../audit/audit.js";
import { createLogger, type LogLevel } from "../audit/logger.js";
import { LocalAuthenticator } from "../auth/local.js";
import { getLimits, type Limits, resolveLimits } from "../config/limits.js";
import { YamlPolicyEngine } from "../policy/engine.js";
import { splitCommandLine } from "../transport/command.js";
import { StdioBridge } from "../transport/stdio.js";
import { childEnv } from "./env.js";

export interface RunOptions {
  target?: string;
  policy: string;
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
  logLevel: LogLevel;
  mode: "stdio" | "http";
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
  return out as Partial<Limits>;
}

/** Starts the stdio shim; resolves with the exit code. */
export async function runShim(o: RunOptions, command: string[]): Promise<number> {
  if (o.target !== undefined && command.length > 0) {
    throw new UsageError("give the server either with --target or after --, not both");
  }
  const argv = o.target !== undefined ? splitCommandLine(o.target) : command;
  if (argv.length === 0)
    throw new UsageError(
      'no MCP server to run: use --target "<command>" or -- <command> [args...]',
    );
  const limits = resolveLimits(getLimits(), flagLimits(o));
  // The policy is read before spawning so a bad one is refused at start: a local read, milliseconds.
  const policyEngine = YamlPolicyEngine.fromFile(o.policy, limits.maxPolicyFileBytes);
  const logger = createLogger(o.logLevel);
  const audit = o.auditLog ? new FileAuditSink(o.auditLog) : NULL_AUDIT;
  const [command0, ...args] = argv as [string, ...string[]];
  logger.debug({ command: command0, args, principal: o.principal, roles: o.roles }, "starting");
  const bridge = new StdioBridge({
    command: command0,
    args,
    policyEngine,
    authenticator: new LocalAuthenticator({ principal: o.principal, roles: o.roles }),
    limits,
    logger,
    audit,
    env: childEnv(process.env),
    ...(o.serverName !== undefined ? { serverName: o.serverName } : {}),
  });
  return bridge.run();
}
