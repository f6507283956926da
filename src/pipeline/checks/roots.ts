import { pathToFileURL } from "node:url";
import type { RootsConfig } from "../../inspect/config.js";
import { type Reporter, report } from "../../inspect/report.js";
import { rewriteFrame } from "../../inspect/rewrite.js";
import { idKeyFromRaw } from "../../protocol/jsonrpc.js";
import { type Check, PASS, type Verdict } from "../types.js";

interface Root {
  uri: string;
  name?: string;
  [key: string]: unknown;
}

function toUri(root: string): string {
  const uri = /^[a-z][a-z0-9+.-]*:/i.test(root) ? root : pathToFileURL(root).href;
  return uri.endsWith("/") && uri.length > "file:///".length ? uri.slice(0, -1) : uri;
}

function within(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(outer.endsWith("/") ? outer : `${outer}/`);
}

/** The client's roots cut down to the configured ones: a root inside an allowed one stays; an allowed one inside a client root replaces it. */
export function narrowRoots(roots: readonly Root[], allow: readonly string[]): Root[] {
  const out = new Map<string, Root>();
  for (const r of roots) {
    if (typeof r?.uri !== "string") continue;
    const uri = toUri(r.uri);
    for (const a of allow) {
      if (within(uri, a)) out.set(r.uri, r);
      else if (within(a, uri) && !out.has(a))
        out.set(a, { uri: a, ...(r.name !== undefined ? { name: r.name } : {}) });
    }
  }
  return [...out.values()];
}

/**
 * Narrows the client's answer to the server's roots/list to the configured roots, so a
 * server (e.g. server-filesystem) cannot widen what it may touch beyond the policy.
 * Returns the two halves: one notes the server's roots/list request ids, the other
 * rewrites the client's answer to them.
 */
export function rootsChecks(o: { config: RootsConfig; reporter: Reporter }): {
  server: Check;
  client: Check;
} {
  if (!o?.config?.allow?.length)
    throw new TypeError("Expected rootsChecks options {config: {allow: [...]}}");
  const allow = o.config.allow.map(toUri);
  const asked = new Set<string>();
  const server: Check = {
    name: "roots",
    // Notes server requests only.
    passesClean: () => true,
    inspect(frame): Verdict {
      if (
        frame.direction === "server-to-client" &&
        frame.parsed.kind === "request" &&
        frame.parsed.message.method === "roots/list" &&
        frame.rawId !== undefined
      ) {
        asked.add(idKeyFromRaw(frame.rawId));
      }
      return PASS;
    },
  };
  const client: Check = {
    name: "roots",
    inspect(frame, ctx): Verdict {
      if (
        frame.direction !== "client-to-server" ||
        frame.parsed.kind !== "response" ||
        frame.rawId === undefined
      )
        return PASS;
      const key = idKeyFromRaw(frame.rawId);
      if (!asked.delete(key)) return PASS;
      const m = frame.parsed.message as Record<string, unknown>;
      const result = m.result as { roots?: Root[] } | undefined;
      if (!Array.isArray(result?.roots)) return PASS;
      const roots = narrowRoots(result.roots, allow);
      const before = result.roots.map((r) => r.uri).join(",");
      if (roots.map((r) => r.uri).join(",") === before) return PASS;
      report(o.reporter, { ...frame, inReplyTo: { method: "roots/list" } }, ctx, {
        check: "roots",
        reason: `narrowed roots/list from ${result.roots.length} to ${roots.length} root(s)`,
        blocked: false,
        extra: { roots: roots.map((r) => r.uri) },
      });
      return { ok: true, frame: rewriteFrame(frame, { ...m, result: { ...result, roots } }) };
    },
  };
  return { server, client };
}
