/**
 * The canonical form of a resource URI (RFC 8707, MCP authorization spec): lower-case
 * scheme and host (URL does that), no default port, no fragment, and no trailing slash
 * on a bare origin, so `https://MCP.example.com:443/` and `https://mcp.example.com`
 * compare equal. Throws TypeError on anything that is not an absolute http(s) URL.
 *
 * @example canonicalResourceUri("https://MCP.example.com/mcp#x") // "https://mcp.example.com/mcp"
 */
export function canonicalResourceUri(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch (err) {
    throw new TypeError(`Expected an absolute URL for the resource, got ${JSON.stringify(value)}`, {
      cause: err,
    });
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError(`Expected an http(s) URL for the resource, got ${JSON.stringify(value)}`);
  }
  const path = url.pathname === "/" ? "" : url.pathname;
  return `${url.protocol}//${url.host}${path}${url.search}`;
}

/** Canonical form, or undefined when the value is not a usable URI (never throws). */
export function tryCanonicalResourceUri(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  try {
    return canonicalResourceUri(value);
  } catch {
    return undefined;
  }
}

/**
 * Where RFC 9728 metadata for `resource` lives: the well-known path inserted between the
 * origin and the resource's path (`https://h/mcp` → `https://h/.well-known/oauth-protected-resource/mcp`).
 */
export function protectedResourceMetadataUrl(resource: string): string {
  const url = new URL(canonicalResourceUri(resource));
  const path = url.pathname === "/" ? "" : url.pathname;
  return `${url.origin}/.well-known/oauth-protected-resource${path}`;
}
