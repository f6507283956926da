import type { IncomingMessage, ServerResponse } from "node:http";
import { protectedResourceMetadataUrl } from "../../auth/resource-uri.js";
import { missingScopes, policyScopes } from "../../auth/scopes.js";
import type { Authenticator } from "../../auth/types.js";
import type { Principal } from "../../pipeline/types.js";
import type { PolicyEngine } from "../../policy/types.js";
import { header, sendJson } from "./http-util.js";
import type { PostedMessage } from "./message-info.js";
import {
  insufficientScopeChallenge,
  protectedResourceMetadata,
  unauthorizedChallenge,
} from "./www-authenticate.js";

export interface HttpAuthOptions {
  authenticator: Authenticator;
  policyEngine: PolicyEngine;
  serverName?: string;
  authorizationServers?: readonly string[];
  /** The canonical resource URI (known once the proxy listens). */
  resource: () => string | undefined;
  denied: (check: string, reason: string, principal?: Principal, session?: string) => void;
}

/**
 * The OAuth 2.1 resource-server side of the proxy: 401 challenges pointing at the RFC 9728
 * metadata, the metadata document itself, and 403 insufficient_scope for calls whose
 * policy rule needs scopes the token lacks.
 */
export class HttpAuth {
  readonly #o: HttpAuthOptions;

  constructor(o: HttpAuthOptions) {
    this.#o = o;
  }

  get #metadataUrl(): string | undefined {
    const resource = this.#o.resource();
    return resource === undefined ? undefined : protectedResourceMetadataUrl(resource);
  }

  async authenticate(req: IncomingMessage, res: ServerResponse): Promise<Principal | undefined> {
    const authorization = header(req, "authorization");
    try {
      return await this.#o.authenticator.authenticate({
        ...(authorization !== undefined ? { authorization } : {}),
        headers: req.headers,
      });
    } catch (err) {
      const reason = err instanceof Error ? err.message : "not authenticated";
      this.#o.denied("auth", reason);
      res.setHeader(
        "www-authenticate",
        unauthorizedChallenge(this.#metadataUrl, authorization === undefined ? undefined : reason),
      );
      sendJson(res, 401, {
        error: authorization === undefined ? "unauthorized" : "invalid_token",
        error_description: reason,
      });
      return undefined;
    }
  }

  checkScopes(
    res: ServerResponse,
    principal: Principal,
    posted: PostedMessage,
    session?: string,
  ): boolean {
    if (posted.tool === undefined) return true;
    const { serverName, policyEngine } = this.#o;
    const target =
      serverName === undefined
        ? { kind: "tool" as const, name: posted.tool }
        : { kind: "tool" as const, name: posted.tool, server: serverName };
    const missing = missingScopes(policyEngine, principal, target, posted.arguments);
    if (missing.length === 0) return true;
    const reason = `tool "${posted.tool}" needs the scope(s) ${missing.join(" ")}`;
    this.#o.denied("scope", reason, principal, session);
    res.setHeader("www-authenticate", insufficientScopeChallenge(missing, this.#metadataUrl));
    sendJson(res, 403, {
      error: "insufficient_scope",
      error_description: reason,
      scope: missing.join(" "),
    });
    return false;
  }

  /** GET /.well-known/oauth-protected-resource[/path]: public, cacheable, readable cross-origin. */
  serveMetadata(req: IncomingMessage, res: ServerResponse): void {
    const resource = this.#o.resource();
    if (req.method !== "GET" || resource === undefined) {
      sendJson(res, req.method === "GET" ? 404 : 405, { error: "not_found" });
      return;
    }
    const issuer = (this.#o.authenticator as { issuer?: unknown }).issuer;
    const servers = this.#o.authorizationServers ?? (typeof issuer === "string" ? [issuer] : []);
    sendJson(
      res,
      200,
      protectedResourceMetadata({
        resource,
        authorizationServers: servers,
        scopes: policyScopes(this.#o.policyEngine),
      }),
      { "cache-control": "max-age=300", "access-control-allow-origin": "*" },
    );
  }
}
