import type { IncomingMessage, ServerResponse } from "node:http";
import { header } from "./http-util.js";

/** Request headers a browser MCP client sends (Streamable HTTP and OAuth). */
export const CORS_ALLOW_HEADERS =
  "Mcp-Session-Id, Mcp-Protocol-Version, Last-Event-ID, Authorization, Content-Type";
/** Response headers a browser client must read: the session id, and the 401 challenge. */
export const CORS_EXPOSE_HEADERS = "Mcp-Session-Id, WWW-Authenticate";
const CORS_METHODS = "GET, POST, DELETE, OPTIONS";

/**
 * CORS for a request whose origin the guard already allowed (a foreign origin never
 * gets here): names the origin on the response, and answers a preflight (`OPTIONS`)
 * itself. Returns true when it answered.
 */
export function handleCors(req: IncomingMessage, res: ServerResponse): boolean {
  const origin = header(req, "origin");
  if (origin !== undefined) {
    res.setHeader("access-control-allow-origin", origin);
    res.setHeader("access-control-expose-headers", CORS_EXPOSE_HEADERS);
    res.setHeader("vary", "Origin");
  }
  if (req.method !== "OPTIONS") return false;
  res.writeHead(204, {
    allow: CORS_METHODS,
    ...(origin !== undefined
      ? {
          "access-control-allow-methods": CORS_METHODS,
          "access-control-allow-headers": CORS_ALLOW_HEADERS,
          "access-control-max-age": "600",
        }
      : {}),
  });
  res.end();
  return true;
}
