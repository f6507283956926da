/** Quoted-string content for a WWW-Authenticate parameter: no quotes or backslashes inside. */
function q(value: string): string {
  return `"${value.replace(/["\\]/g, "'").replace(/[\r\n]/g, " ")}"`;
}

/**
 * The challenge of a 401 (RFC 6750 + RFC 9728): where the resource metadata lives, and,
 * when a token came and failed, `invalid_token` with a short safe reason.
 */
export function unauthorizedChallenge(metadataUrl: string | undefined, reason?: string): string {
  const params: string[] = [];
  if (metadataUrl !== undefined) params.push(`resource_metadata=${q(metadataUrl)}`);
  if (reason !== undefined) params.push(`error="invalid_token"`, `error_description=${q(reason)}`);
  return params.length ? `Bearer ${params.join(", ")}` : "Bearer";
}

/** The challenge of a 403 for a missing scope: the client may step up and ask for `scopes`. */
export function insufficientScopeChallenge(
  scopes: readonly string[],
  metadataUrl: string | undefined,
): string {
  const params = [`error="insufficient_scope"`, `scope=${q(scopes.join(" "))}`];
  if (metadataUrl !== undefined) params.push(`resource_metadata=${q(metadataUrl)}`);
  params.push(`error_description=${q(`this call needs the scope(s): ${scopes.join(" ")}`)}`);
  return `Bearer ${params.join(", ")}`;
}

/** RFC 9728 protected resource metadata. */
export interface ProtectedResourceMetadata {
  resource: string;
  authorization_servers?: string[];
  bearer_methods_supported: string[];
  scopes_supported?: string[];
  resource_name?: string;
}

export function protectedResourceMetadata(o: {
  resource: string;
  authorizationServers: readonly string[];
  scopes: readonly string[];
}): ProtectedResourceMetadata {
  return {
    resource: o.resource,
    ...(o.authorizationServers.length
      ? { authorization_servers: [...o.authorizationServers] }
      : {}),
    bearer_methods_supported: ["header"],
    ...(o.scopes.length ? { scopes_supported: [...o.scopes] } : {}),
    resource_name: "mcp-aegis",
  };
}
