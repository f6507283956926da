import type { IncomingMessage } from "node:http";
import { header } from "./http-util.js";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The host name of a Host header or origin, without port ("[::1]" keeps its brackets). */
function hostName(hostPort: string): string {
  const h = hostPort.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  const colon = h.lastIndexOf(":");
  return colon === -1 ? h : h.slice(0, colon);
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
  const name = hostName(host);
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
