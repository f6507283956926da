import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { type AuditSink, NULL_AUDIT } from "../../audit/audit.js";
import { createLogger, type Logger } from "../../audit/logger.js";
import { canonicalResourceUri } from "../../auth/resource-uri.js";
import { getLimits, type Limits, resolveLimits } from "../../config/limits.js";
import type { Check, Principal } from "../../pipeline/types.js";
import type { ChildCommand } from "./child-channel.js";
import type { ProxyCore } from "./core.js";
import { handleCors } from "./cors.js";
import { checkOrigin, isLoopbackHost, type OriginPolicy } from "./guards.js";
import { HttpAuth } from "./http-auth.js";
import { sendJson } from "./http-util.js";
import { handleLegacyMessage, handleLegacyStream } from "./legacy.js";
import type { PostedMessage } from "./message-info.js";
import type { GuardianProxyOptions } from "./options.js";
import { type SessionRecord, SessionRegistry } from "./registry.js";
import { createSession, type SessionDeps } from "./session-factory.js";
import { handleStreamable } from "./streamable.js";
import { UpstreamClient } from "./upstream-client.js";

const METADATA_PATH = "/.well-known/oauth-protected-resource";

/**
 * mcp-aegis in HTTP mode: an OAuth 2.1 resource server in front of any MCP server. Speaks
 * Streamable HTTP at `/mcp` and the legacy HTTP+SSE transport at `/sse` + `/messages`,
 * authenticates every request (401 + RFC 9728 metadata), binds each session to its token's
 * subject, runs every message both ways through the same checks as stdio mode, and relays
 * to an upstream Streamable HTTP server or to a stdio child per session. The client's
 * token never goes upstream.
 *
 * @example
 * const proxy = new GuardianProxy({
 *   authenticator: new JwtAuthenticator({ jwksUri, issuer, resource: "https://mcp.example.com/mcp" }),
 *   policyEngine: YamlPolicyEngine.fromFile("policies.yaml"),
 *   upstream: "http://127.0.0.1:3001/mcp",
 *   resource: "https://mcp.example.com/mcp",
 * });
 * const { url } = await proxy.listen();
 */
/**
 * Sessions live in the replica that opened them (their child, pins and approvals are
 * there), so the answer says how to deploy several: route each Mcp-Session-Id to one.
 */
export const SESSION_NOT_FOUND =
  "Session not found on this replica: a session lives in the mcp-aegis process that opened it; behind a load balancer, route each Mcp-Session-Id to one replica (sticky sessions), or start a new session";

export class GuardianProxy implements ProxyCore {
  readonly limits: Readonly<Limits>;
  readonly logger: Logger;
  readonly #registry: SessionRegistry;
  readonly #o: GuardianProxyOptions;
  readonly #audit: AuditSink;
  readonly #server: Server;
  readonly #deps: SessionDeps;
  readonly #auth: HttpAuth;
  #resource: string | undefined;
  #origin: OriginPolicy;
  #inFlight = 0;
  #sweep: NodeJS.Timeout | undefined;

  constructor(o: GuardianProxyOptions) {
    if (typeof o.authenticator?.authenticate !== "function") {
      throw new TypeError("Expected the `authenticator` option to be an Authenticator");
    }
    if (typeof o.policyEngine?.evaluate !== "function") {
      throw new TypeError("Expected the `policyEngine` option to be a PolicyEngine");
    }
    this.#o = o;
    this.limits = resolveLimits(getLimits(), o.limits ?? {});
    this.logger = o.logger ?? createLogger("info");
    this.#audit = o.audit ?? NULL_AUDIT;
    const child = typeof o.upstream === "object" && !(o.upstream instanceof URL);
    this.#registry = new SessionRegistry(o.maxSessions ?? 1000);
    const extraChecks = [o.sanitizer, o.rateLimiter, ...(o.checks ?? [])].filter(
      (c): c is Check => c !== undefined,
    );
    this.#deps = {
      limits: this.limits,
      logger: this.logger,
      audit: this.#audit,
      policyEngine: o.policyEngine,
      ...(o.serverName !== undefined ? { serverName: o.serverName } : {}),
      ...(o.policy !== undefined ? { policy: o.policy } : {}),
      extraChecks,
      extraServerChecks: o.serverChecks ?? [],
      ...(o.defences !== undefined ? { defences: o.defences } : {}),
      upstream: child
        ? (o.upstream as ChildCommand)
        : new UpstreamClient(
            o.upstream as string | URL,
            this.limits.transportTimeoutMs,
            o.upstreamHeaders,
          ),
    };
    this.#resource = o.resource === undefined ? undefined : canonicalResourceUri(o.resource);
    this.#auth = new HttpAuth({
      authenticator: o.authenticator,
      policyEngine: o.policyEngine,
      ...(o.serverName !== undefined ? { serverName: o.serverName } : {}),
      ...(o.authorizationServers !== undefined
        ? { authorizationServers: o.authorizationServers }
        : {}),
      resource: () => this.#resource,
      denied: (check, reason, principal, session) => this.denied(check, reason, principal, session),
    });
    this.#origin = this.#originPolicy(o.host ?? "127.0.0.1");
    // Slow clients: headers within the deadline, the whole request within headers + body
    // deadlines (Node checks both every second here); streams, once received, live on.
    const headersMs = Math.min(30_000, this.limits.transportTimeoutMs);
    this.#server = createServer({ connectionsCheckingInterval: 1000 }, (req, res) => {
      this.#handle(req, res).catch((err: unknown) => {
        this.logger.error({ err }, "HTTP handler failed");
        if (!res.headersSent) sendJson(res, 500, { error: "internal_error" });
        else res.end();
      });
    });
    this.#server.headersTimeout = headersMs;
    this.#server.requestTimeout = headersMs + this.limits.transportTimeoutMs;
  }

  #originPolicy(host: string): OriginPolicy {
    const hosts = new Set((this.#o.allowedHosts ?? []).map((h) => h.toLowerCase()));
    if (this.#resource !== undefined) hosts.add(new URL(this.#resource).hostname.toLowerCase());
    return {
      allowedOrigins: new Set(this.#o.allowedOrigins ?? []),
      allowedHosts: hosts,
      loopbackOnly: isLoopbackHost(host),
    };
  }

  /** The canonical resource URI (known after listen() when not given). */
  get resource(): string | undefined {
    return this.#resource;
  }

  /** Starts listening; resolves with the bound address and the MCP endpoint URL. */
  async listen(): Promise<{ host: string; port: number; url: string }> {
    const host = this.#o.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      this.#server.once("error", reject);
      this.#server.listen(this.#o.port ?? 8443, host, () => {
        this.#server.off("error", reject);
        resolve();
      });
    });
    const { port } = this.#server.address() as AddressInfo;
    const shown = host.includes(":") ? `[${host}]` : host;
    const url = `http://${shown}:${port}/mcp`;
    this.#resource ??= canonicalResourceUri(url);
    const idleMs = this.#o.sessionIdleMs ?? 30 * 60_000;
    this.#sweep = setInterval(() => this.#sweepIdle(idleMs), Math.min(idleMs, 60_000));
    this.#sweep.unref();
    this.logger.info({ url, resource: this.#resource }, "listening");
    return { host, port, url };
  }

  /**
   * Sends a message the proxy originates to every session's open server stream, e.g.
   * `notifications/tools/list_changed` after a policy reload so clients list again.
   */
  notifyClients(line: string): void {
    for (const r of this.#registry.all()) r.channel.notify(line);
  }

  /** Stops accepting, ends every session (children are reaped) and closes the server. */
  async close(): Promise<void> {
    if (this.#sweep) clearInterval(this.#sweep);
    const closed = new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await Promise.all(this.#registry.all().map((r) => this.endSession(r)));
    this.#server.closeAllConnections();
    await closed;
    this.#audit.flush();
  }

  #sweepIdle(idleMs: number): void {
    for (const r of this.#registry.idle(Date.now(), idleMs)) {
      this.logger.info({ session: r.id }, "ending an idle session");
      void this.endSession(r);
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const metadata = url.pathname === METADATA_PATH || url.pathname.startsWith(`${METADATA_PATH}/`);
    // The metadata is public and meant for browser clients too: only its Host is checked.
    const refused = checkOrigin(req, this.#origin, { checkOriginHeader: !metadata });
    if (refused !== undefined) {
      this.denied("origin", refused);
      sendJson(res, 403, { error: "forbidden", error_description: refused });
      return;
    }
    if (handleCors(req, res)) return;
    if (metadata) {
      this.#auth.serveMetadata(req, res);
      return;
    }
    const route =
      url.pathname === "/mcp"
        ? "mcp"
        : url.pathname === "/sse"
          ? "sse"
          : url.pathname === "/messages"
            ? "messages"
            : undefined;
    if (route === undefined) {
      sendJson(res, 404, { error: "not_found" });
      return;
    }
    if (this.#inFlight >= this.limits.maxConcurrentRequests) {
      this.denied("concurrency", `more than ${this.limits.maxConcurrentRequests} requests at once`);
      sendJson(res, 503, { error: "busy" }, { "retry-after": "1" });
      return;
    }
    this.#inFlight += 1;
    let released = false;
    const release = () => {
      if (!released) {
        released = true;
        this.#inFlight -= 1;
      }
    };
    res.once("close", release);
    if (route === "mcp") await handleStreamable(this, req, res);
    else if (route === "sse") await handleLegacyStream(this, req, res);
    else await handleLegacyMessage(this, req, res, url.searchParams.get("sessionId"));
  }

  authenticate(req: IncomingMessage, res: ServerResponse): Promise<Principal | undefined> {
    return this.#auth.authenticate(req, res);
  }

  checkScopes(
    res: ServerResponse,
    principal: Principal,
    posted: PostedMessage,
    session?: string,
  ): boolean {
    return this.#auth.checkScopes(res, principal, posted, session);
  }

  openSession(principal: Principal, res: ServerResponse): SessionRecord | undefined {
    if (this.#registry.full) {
      this.denied("sessions", "too many sessions", principal);
      sendJson(
        res,
        503,
        { error: "busy", error_description: "too many sessions" },
        { "retry-after": "5" },
      );
      return undefined;
    }
    const record = createSession(this.#registry.newId(), principal, this.#deps);
    this.#registry.add(record);
    this.logger.info(
      { session: record.id, subject: principal.id, clientId: principal.attributes?.clientId },
      "session opened",
    );
    return record;
  }

  findSession(id: string, principal: Principal, res: ServerResponse): SessionRecord | undefined {
    const found = this.#registry.find(id, principal.id);
    if (found === undefined || found === "not-owner" || found.channel.closed) {
      const reason =
        found === "not-owner" ? "the session belongs to another subject" : "no such session";
      this.denied("session", reason, principal, id);
      sendJson(res, 404, {
        jsonrpc: "2.0",
        error: { code: -32001, message: SESSION_NOT_FOUND },
      });
      return undefined;
    }
    found.principal = principal;
    found.lastSeen = Date.now();
    return found;
  }

  async endSession(record: SessionRecord): Promise<void> {
    if (!this.#registry.delete(record.id)) return;
    record.unfollow?.();
    record.legacy?.end();
    await record.channel.close();
    this.logger.info({ session: record.id }, "session ended");
  }

  denied(check: string, reason: string, principal?: Principal, session?: string): void {
    const record = {
      direction: "client-to-server" as const,
      principal: principal?.id ?? "anonymous",
      roles: principal ? [...principal.roles] : [],
      decision: "deny" as const,
      check,
      reason,
      durationMs: 0,
      ...(session !== undefined ? { session } : {}),
      ...(principal?.attributes?.clientId !== undefined
        ? { clientId: principal.attributes.clientId }
        : {}),
    };
    this.#audit.decision(record);
    this.logger.warn({ check, reason, subject: principal?.id, session }, "refused an HTTP request");
  }
}
