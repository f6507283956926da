import type { PolicyEngine, Target } from "../../policy/types.js";
import type { Check, Context, Frame, Verdict } from "../types.js";
import { PASS } from "../types.js";
import {
  assertEngine,
  monitorGetter,
  type PolicyCheckCommon,
  reportWouldBlock,
} from "./policy-report.js";

/** Which member of each list result holds the items, and what names an item. */
export const LISTS: Record<
  string,
  { key: string; target: (item: Record<string, unknown>, server?: string) => Target | undefined }
> = {
  "tools/list": {
    key: "tools",
    target: (i, server) =>
      typeof i.name === "string"
        ? { kind: "tool", name: i.name, ...(server ? { server } : {}) }
        : undefined,
  },
  "prompts/list": {
    key: "prompts",
    target: (i, server) =>
      typeof i.name === "string"
        ? { kind: "prompt", name: i.name, ...(server ? { server } : {}) }
        : undefined,
  },
  "resources/list": {
    key: "resources",
    target: (i, server) =>
      typeof i.uri === "string"
        ? { kind: "resource", uri: i.uri, ...(server ? { server } : {}) }
        : undefined,
  },
  // A template is matched as written: `{name}` placeholders are ordinary characters.
  "resources/templates/list": {
    key: "resourceTemplates",
    target: (i, server) =>
      typeof i.uriTemplate === "string"
        ? { kind: "resource", uri: i.uriTemplate, ...(server ? { server } : {}) }
        : undefined,
  },
};

/** Whether `target` is listed to the caller (a tool: if it may call it, or is asked first). */
export function listVisible(engine: PolicyEngine, ctx: Context, target: Target): boolean {
  const d = engine.evaluate({
    principal: ctx.principal,
    action: target.kind === "tool" ? "execute" : "read",
    target,
    listing: true,
  });
  // A tool that needs approval is listed: the approval happens at the call.
  return (d.effect === "allow" || d.effect === "ask") && d.errors.length === 0;
}

/** Lists (kind and caller) remembered for the empty-list warning, at most (HTTP has many callers). */
const MAX_NOTED_LISTS = 1000;

/** Re-serialises a response with a new result, keeping the id's exact bytes and other members. */
function rewrite(
  frame: Frame,
  message: Record<string, unknown>,
  result: Record<string, unknown>,
): Frame {
  const parts = ['"jsonrpc":"2.0"', `"id":${frame.rawId}`];
  for (const [k, v] of Object.entries(message)) {
    if (k === "jsonrpc" || k === "id") continue;
    parts.push(`${JSON.stringify(k)}:${JSON.stringify(k === "result" ? result : v)}`);
  }
  return {
    ...frame,
    raw: Buffer.from(`{${parts.join(",")}}`, "utf8"),
    parsed: { kind: "response", message: { ...message, result } as never },
  };
}

/**
 * Filters tools/list, resources/list, resources/templates/list and prompts/list results
 * page by page so a caller sees only what it may use (tools: what it may call). The
 * cursor and every other member are kept. A page with nothing hidden is forwarded
 * byte for byte; a filtered page is a new frame with new bytes. An item with no name
 * is hidden (fail closed). In monitor mode hidden items are logged and left in.
 */
export function listFilterCheck(options: PolicyCheckCommon & { engine: PolicyEngine }): Check {
  const { engine, logger } = options;
  assertEngine(engine);
  const monitor = monitorGetter(options.monitor);
  const visible = (ctx: Context, target: Target) => listVisible(engine, ctx, target);
  // A list filtered to nothing is said at the default level, once per list kind and caller
  // (otherwise only --log-level debug shows that anything was hidden). A paged list is
  // empty only if no page showed anything: a caller that saw an item is never warned.
  const seen = new Map<string, "shown" | "warned">();
  const noteList = (ctx: Context, method: string, kept: number, hidden: number, last: boolean) => {
    const key = `${method}\u0000${ctx.principal.id}`;
    if (seen.has(key) || seen.size >= MAX_NOTED_LISTS) return;
    if (kept > 0) return void seen.set(key, "shown");
    if (!last || hidden === 0) return;
    seen.set(key, "warned");
    logger?.warn(
      { method, principal: ctx.principal.id, roles: [...ctx.principal.roles], hidden },
      `${method}: the policy hides every item from principal "${ctx.principal.id}" (see which with --log-level debug; ask why with mcp-aegis explain)`,
    );
  };
  return {
    name: "policy-list-filter",
    // Only list results are filtered.
    passesClean: (view) => !Object.hasOwn(LISTS, view.inReplyTo.method),
    inspect(frame, ctx): Verdict {
      if (frame.direction !== "server-to-client" || frame.parsed.kind !== "response") return PASS;
      const method = frame.inReplyTo?.method;
      const spec = method === undefined ? undefined : LISTS[method];
      if (!spec || frame.rawId === undefined) return PASS;
      const message = frame.parsed.message as Record<string, unknown>;
      const result = message.result as Record<string, unknown> | undefined;
      const items = result?.[spec.key];
      if (typeof result !== "object" || result === null || !Array.isArray(items)) return PASS;
      const kept: unknown[] = [];
      const hidden: string[] = [];
      for (const item of items) {
        const rec =
          typeof item === "object" && item !== null ? (item as Record<string, unknown>) : {};
        const target = spec.target(rec, ctx.serverName);
        if (target && visible(ctx, target)) kept.push(item);
        else
          hidden.push(
            target
              ? target.kind === "resource"
                ? target.uri
                : target.kind === "server-request"
                  ? target.method
                  : target.name
              : "<unnamed>",
          );
      }
      // In monitor mode nothing is hidden, so there is nothing to warn about.
      if (!monitor())
        noteList(
          ctx,
          method as string,
          kept.length,
          hidden.length,
          result.nextCursor === undefined,
        );
      if (hidden.length === 0) return PASS;
      if (monitor()) {
        reportWouldBlock(options, frame, ctx, {
          check: "policy-list-filter",
          rule: "list-visibility",
          reason: `${hidden.length} item(s) would be hidden from ${method}: ${hidden.join(", ")}`,
          extra: { hidden },
        });
        return PASS;
      }
      logger?.debug({ method, hidden }, "filtered a list result");

      return { ok: true, frame: rewrite(frame, message, { ...result, [spec.key]: kept }) };
    },
  };
}
