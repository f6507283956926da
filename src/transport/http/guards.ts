import type { IncomingMessage } from "node:http";
import { header } from "./http-util.js";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * `host[:port]` as RFC 9110 §7.2 / RFC 3986 §3.2.2 define it: an IP literal in brackets or
 * a name of letters, digits, `-`, `.`, `_`, `~`, then an optional port. Anything else
 * (userinfo `a@b`, spaces, a second colon, percent-escapes) is refused: a lenient split
 * read `127.0.0.1:8443@evil` as loopback while a proxy or the server may read `evil`.
 */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9._~-]+)(?::(\d{0,5}))?$/;

/** The host name of a Host header without port ("[::1]" keeps its brackets), or undefined. */
export function parseHostHeader(value: string): string | undefined {
  const m = HOST_HEADER.exec(value.toLowerCase());
  if (!m) return undefined;
  if (m[2] !== undefined && m[2] !== "" && Number(m[2]) > 65535) return undefined;
  return m[1];
}

export interface OriginPolicy {
  /** Exact origins allowed in the `Origin` header (e.g. "https://app.example.com"). */
  allowedOrigins: ReadonlySet<string>;
  /** Host names allowed in the `Host` header beyond loopback ones; empty = any (public bind). */
  allowedHosts: ReadonlySet<string>;
  /** Bound to loopback: only loopback and listed hosts are accepted (DNS rebinding). */
  loopbackOnly: boolean;
}

/**
 * DNS-rebinding and cross-site guard (MCP transport security): a browser page on another
 * site carries its `Origin`; a rebound DNS name shows in `Host`. Returns the reason to
 * refuse (403), or undefined when the request may proceed.
 */
export function checkOrigin(
  req: IncomingMessage,
  p: OriginPolicy,
  o: { checkOriginHeader?: boolean } = {},
): string | undefined {
  const host = header(req, "host");
  if (host === undefined) return "no Host header";
  const name = parseHostHeader(host);
  if (name === undefined) return "the Host header is not host[:port]";
  if (p.loopbackOnly) {
    if (!isLoopbackHost(name) && !p.allowedHosts.has(name)) return `host "${name}" is not allowed`;
  } else if (p.allowedHosts.size > 0 && !p.allowedHosts.has(name)) {
    return `host "${name}" is not allowed`;
  }
  const origin = header(req, "origin");
  // No Origin: not a browser, nothing to check here.
  if (origin === undefined || o.checkOriginHeader === false) return undefined;
  if (p.allowedOrigins.has(origin)) return undefined;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return "the Origin header is not a URL";
  }
  // A page served from this machine (any port) may talk to a loopback-bound proxy.
  if (
    p.loopbackOnly &&
    isLoopbackHost(url.hostname) &&
    (url.protocol === "http:" || url.protocol === "https:")
  ) {
    return undefined;
  }
  return `origin "${origin}" is not allowed`;
}
