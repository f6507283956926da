import type { AuditSink } from "../../audit/audit.js";
import type { Logger } from "../../audit/logger.js";
import type { Authenticator } from "../../auth/types.js";
import type { Limits } from "../../config/limits.js";
import type { SessionDefencesFactory } from "../../gateway/types.js";
import type { PolicyCheckCommon } from "../../pipeline/checks/policy-report.js";
import type { Check } from "../../pipeline/types.js";
import type { PolicyEngine } from "../../policy/types.js";
import type { ChildCommand } from "./child-channel.js";

export interface GuardianProxyOptions {
  /** Who is asking: a JwtAuthenticator for OAuth 2.1, or LocalAuthenticator (auth off). */
  authenticator: Authenticator;
  policyEngine: PolicyEngine;
  /** Monitor mode and its logger for the policy check (as StdioBridge's `policy`). */
  policy?: PolicyCheckCommon;
  /** Client → server check after policy (argument sanitizer). */
  sanitizer?: Check;
  /** Client → server check after the sanitizer (rate limiter). */
  rateLimiter?: Check;
  /** Further client → server checks, after the rate limiter. */
  checks?: readonly Check[];
  /** Extra server → client checks after size and depth. */
  serverChecks?: readonly Check[];
  /**
   * Builds each new session's defences (the gateway's `session()`): their checks run
   * after the ones above, their policy options replace `policy`. With a stdio child the
   * session's `ask` approvals go to the client as elicitation on the session's stream;
   * with an upstream URL they are refused.
   */
  defences?: SessionDefencesFactory;
  /** The MCP server: a Streamable HTTP URL, or a stdio command run once per HTTP session. */
  upstream: string | URL | ChildCommand;
  /** Address to bind (default 127.0.0.1: loopback only). */
  host?: string;
  /** Port (default 8443; 0 picks a free one). */
  port?: number;
  /** This proxy's canonical URL as clients know it (default http://<host>:<port>/mcp); the token audience. */
  resource?: string;
  /** Authorization servers named in RFC 9728 metadata (default: the authenticator's issuer). */
  authorizationServers?: readonly string[];
  /** Browser origins allowed besides loopback ones. */
  allowedOrigins?: readonly string[];
  /** Host names allowed in `Host` besides loopback ones (default: the resource's host). */
  allowedHosts?: readonly string[];
  /** Headers the proxy itself sends upstream (its own credential); the client's never go. */
  upstreamHeaders?: Record<string, string>;
  /** Most MCP sessions at once (default 1000; each `upstream` command session is a process). */
  maxSessions?: number;
  /** A session with nothing open for this long is ended (default 30 minutes). */
  sessionIdleMs?: number;
  /** Namespace of the server's tools in policy patterns. */
  serverName?: string;
  limits?: Partial<Limits>;
  logger?: Logger;
  audit?: AuditSink;
}
