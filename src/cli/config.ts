import { type AuditSink, FileAuditSink, NULL_AUDIT } from "../audit/audit.js";
import { createLogger, type Logger, type LogLevel } from "../audit/logger.js";
import { stampAudit } from "../audit/stamp.js";
import { getLimits, type Limits, resolveLimits } from "../config/limits.js";
import { createGateway, type Gateway } from "../gateway/gateway.js";
import { loadPolicyStore } from "../gateway/policy-setup.js";
import { checkRateLimitFlags } from "../gateway/rate-limit.js";
import { splitCommandLine } from "../transport/command.js";

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

/** The server's command line, from --target or after --; empty when neither is given. */
export function serverArgv(
  o: { target?: string | undefined },
  command: readonly string[],
): string[] {
  if (o.target !== undefined && command.length > 0) {
    throw new UsageError("give the server either with --target or after --, not both");
  }
  return o.target !== undefined ? splitCommandLine(o.target) : [...command];
}

/** The server command a subcommand needs to run (`what`: "ask", "pin"), or a usage error. */
export function requireServerArgv(
  o: { target?: string | undefined },
  command: readonly string[],
  what: string,
): string[] {
  const argv = serverArgv(o, command);
  if (argv.length === 0)
    throw new UsageError(
      `no MCP server to ${what}: use -- <command> [args...] or --target "<command>"`,
    );
  return argv;
}

/** What both modes resolve from their flags before any transport starts. */
export interface ResolvedRun {
  policyFile: string;
  limits: Readonly<Limits>;
  logger: Logger;
  audit: AuditSink;
}

/** Checks the flags both modes share and resolves the limits, logger and audit sink. */
export function resolveRun(o: RunOptions): ResolvedRun {
  if (o.policy === undefined)
    throw new UsageError("required option '--policy <file>' not specified");
  const rateFlagProblem = checkRateLimitFlags(o);
  if (rateFlagProblem !== undefined) throw new UsageError(rateFlagProblem);
  return {
    policyFile: o.policy,
    limits: resolveLimits(getLimits(), flagLimits(o)),
    logger: createLogger(o.logLevel),
    // Every record of the run names its transport (the principal is in each record).
    audit: o.auditLog
      ? stampAudit(new FileAuditSink(o.auditLog), { transport: o.mode })
      : NULL_AUDIT,
  };
}

/**
 * Reads the policy (a bad one is refused here, at start) and builds the gateway: the one
 * assembly of every defence, whichever transport then consumes it. `serverIdentity`
 * names the server's pins when there is no --server-name (command line or URL).
 */
export function gatewayFor(
  o: RunOptions,
  r: ResolvedRun,
  serverIdentity: readonly string[],
): Gateway {
  const policy = loadPolicyStore({ ...o, policy: r.policyFile }, r.limits, r.logger);
  return createGateway({
    ...o,
    policy,
    policyFile: r.policyFile,
    limits: r.limits,
    logger: r.logger,
    audit: r.audit,
    serverIdentity,
  });
}
