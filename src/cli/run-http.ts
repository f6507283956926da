import { JwtAuthenticator } from "../auth/jwt.js";
import { LocalAuthenticator } from "../auth/local.js";
import type { Authenticator } from "../auth/types.js";
import { isLoopbackHost } from "../transport/http/guards.js";
import { GuardianProxy } from "../transport/http/proxy.js";
import { gatewayFor, type RunOptions, resolveRun, serverArgv, UsageError } from "./config.js";
import { childEnv } from "./env.js";
import { logStartup } from "./startup-line.js";

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
  const argv = serverArgv(o, command);
  if ((o.upstream === undefined) === (argv.length === 0)) {
    throw new UsageError(
      'HTTP mode needs exactly one server: --upstream <url>, --target "<command>" or -- <command>',
    );
  }
  const { host, port } = parseListen(o.listen);
  const run = resolveRun(o);
  const authenticator = authenticatorFor(o, host);
  // Pins of an upstream server are keyed by its URL (or --server-name), like a command line.
  const gateway = gatewayFor(o, run, o.upstream !== undefined ? [o.upstream] : argv);
  if (!o.auth) {
    run.logger.warn(
      { principal: o.principal, roles: o.roles },
      "authentication is OFF (--no-auth): every caller on this loopback address acts as this principal",
    );
  }
  const [command0, ...args] = argv;
  const proxy = new GuardianProxy({
    authenticator,
    policyEngine: gateway.policy,
    defences: () => gateway.session(),
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
    limits: run.limits,
    logger: run.logger,
    audit: run.audit,
  });
  await proxy.listen();
  logStartup(run.logger, {
    transport: "http",
    policyFile: run.policyFile,
    document: gateway.policy.document,
    monitor: gateway.policy.monitor,
    listen: o.listen,
    ...(o.auth ? {} : { principal: { id: o.principal, roles: o.roles } }),
  });
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  run.logger.info({ signal }, "shutting down");
  await proxy.close();
  await gateway.close();
  return 0;
}
