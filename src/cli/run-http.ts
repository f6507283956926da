import { FileAuditSink, NULL_AUDIT } from "../audit/audit.js";
import { createLogger } from "../audit/logger.js";
import { JwtAuthenticator } from "../auth/jwt.js";
import { LocalAuthenticator } from "../auth/local.js";
import type { Authenticator } from "../auth/types.js";
import { getLimits, resolveLimits } from "../config/limits.js";
import { watchPolicy } from "../policy/watch.js";
import { checkRateLimitFlags, setupRateLimit } from "../ratelimit/setup.js";
import { splitCommandLine } from "../transport/command.js";
import { isLoopbackHost } from "../transport/http/guards.js";
import { GuardianProxy } from "../transport/http/proxy.js";
import { childEnv } from "./env.js";
import {
  loadPolicyStore,
  policyServerChecks,
  sanitizerFor,
  TOOLS_LIST_CHANGED,
} from "./policy-setup.js";
import { flagLimits, type RunOptions, UsageError } from "./run.js";

/** Flags of `--mode http` on top of the common ones. */
export interface HttpRunOptions extends RunOptions {
  listen: string;
  upstream?: string;
  jwksUri?: string;
  jwksFile?: string;
  issuer?: string;
  resource?: string;
  authorizationServer?: string[];
  rolesClaim: string;
  allowedOrigins?: string[];
  algorithms?: string[];
  /** false with --no-auth: every caller is --principal/--roles (loopback only). */
  auth: boolean;
}

/** "127.0.0.1:8443", "[::1]:8443", ":8443" or "8443" → host and port. */
export function parseListen(value: string): { host: string; port: number } {
  const m = /^(?:(?:\[([^\]]+)\]|([^:]*)):)?(\d+)$/.exec(value.trim());
  const port = Number(m?.[3]);
  if (!m || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--listen: expected host:port (e.g. 127.0.0.1:8443), got "${value}"`);
  }
  return { host: m[1] ?? (m[2] || "127.0.0.1"), port };
}

function authenticatorFor(o: HttpRunOptions, host: string): Authenticator {
  if (!o.auth) {
    if (!isLoopbackHost(host)) {
      throw new UsageError("--no-auth is only allowed when listening on a loopback address");
    }
    return new LocalAuthenticator({ principal: o.principal, roles: o.roles });
  }
  if ((o.jwksUri === undefined) === (o.jwksFile === undefined)) {
    throw new UsageError(
      "HTTP mode needs exactly one of --jwks-uri and --jwks-file (or --no-auth)",
    );
  }
  if (o.issuer === undefined) throw new UsageError("HTTP mode needs --issuer (or --no-auth)");
  if (o.resource === undefined) throw new UsageError("HTTP mode needs --resource (or --no-auth)");
  try {
    return new JwtAuthenticator({
      ...(o.jwksUri !== undefined ? { jwksUri: o.jwksUri } : {}),
      ...(o.jwksFile !== undefined ? { jwksFile: o.jwksFile } : {}),
      issuer: o.issuer,
      resource: o.resource,
      rolesClaim: o.rolesClaim,
      ...(o.algorithms !== undefined ? { algorithms: o.algorithms } : {}),
    });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
}

/** Runs the HTTP proxy until SIGINT/SIGTERM; resolves with the exit code. */
export async function runHttp(o: HttpRunOptions, command: string[]): Promise<number> {
  if (o.target !== undefined && command.length > 0) {
    throw new UsageError("give the server either with --target or after --, not both");
  }
  const argv = o.target !== undefined ? splitCommandLine(o.target) : command;
  if ((o.upstream === undefined) === (argv.length === 0)) {
    throw new UsageError(
      'HTTP mode needs exactly one server: --upstream <url>, --target "<command>" or -- <command>',
    );
  }
  const rateFlagProblem = checkRateLimitFlags(o);
  if (rateFlagProblem !== undefined) throw new UsageError(rateFlagProblem);
  const { host, port } = parseListen(o.listen);
  const limits = resolveLimits(getLimits(), flagLimits(o));
  if (o.policy === undefined)
    throw new UsageError("required option '--policy <file>' not specified");
  const logger = createLogger(o.logLevel);
  const policy = loadPolicyStore({ ...o, policy: o.policy }, limits, logger);
  const authenticator = authenticatorFor(o, host);
  if (!o.auth) {
    logger.warn(
      { principal: o.principal, roles: o.roles },
      "authentication is OFF (--no-auth): every caller on this loopback address acts as this principal",
    );
  }
  // The sanitizer and the rate limiter as in stdio mode, configured from the policy store
  // (a hot reload swaps their configuration too).
  const sanitizer = sanitizerFor(policy, o, logger, false);
  const rateLimit = setupRateLimit({
    ...o,
    limits,
    logger,
    policy: () => policy.document.rate_limits,
  });
  const [command0, ...args] = argv;
  const proxy = new GuardianProxy({
    ...(sanitizer ? { sanitizer } : {}),
    rateLimiter: rateLimit.check,
    authenticator,
    policyEngine: policy,
    policy: { monitor: () => policy.monitor, logger },
    serverChecks: policyServerChecks(policy, logger),
    upstream:
      o.upstream !== undefined
        ? o.upstream
        : { command: command0 as string, args, env: childEnv(process.env) },
    host,
    port,
    ...(o.resource !== undefined ? { resource: o.resource } : {}),
    ...(o.authorizationServer?.length ? { authorizationServers: o.authorizationServer } : {}),
    ...(o.allowedOrigins !== undefined ? { allowedOrigins: o.allowedOrigins } : {}),
    ...(o.serverName !== undefined ? { serverName: o.serverName } : {}),
    limits,
    logger,
    audit: o.auditLog ? new FileAuditSink(o.auditLog) : NULL_AUDIT,
  });
  await proxy.listen();
  // Hot reload as in stdio mode (file watch unless --no-watch; SIGHUP always), and a new
  // policy may show or hide tools: every open server stream is told to list them again.
  const watcher = watchPolicy(policy, { logger, watchFile: o.watch !== false });
  policy.subscribe(() => proxy.notifyClients(TOOLS_LIST_CHANGED));
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  logger.info({ signal }, "shutting down");
  watcher.close();
  await proxy.close();
  await rateLimit.close();
  return 0;
}
