import type { Target } from "../../policy/types.js";
import type { Check, Context, Verdict } from "../types.js";
import { PASS } from "../types.js";
import { LISTS } from "./list-filter.js";

/** The notification that tells a client to list one kind of item again. */
const NOTIFICATION: Record<string, string> = {
  "tools/list": "tools",
  "prompts/list": "prompts",
  "resources/list": "resources",
  "resources/templates/list": "resources",
};
const notification = (list: string) =>
  `{"jsonrpc":"2.0","method":"notifications/${list}/list_changed"}`;

/** Per list method: each item the server announced, and whether the client was shown it. */
type Seen = Map<string, { target: Target; shown: boolean }>;

export interface ListMemory {
  /** Runs before the policy filters lists, so it sees every item the server announced. */
  readonly check: Check;
  /**
   * After a policy change: one `list_changed` notification for each list whose visible
   * content changed (an item shown or hidden), or for every list seen when `content`
   * says the items themselves would now read differently (inspection, pinning).
   */
  changed(content: boolean): string[];
}

const keyOf = (t: Target) =>
  t.kind === "resource" ? `r:${t.uri}` : t.kind === "server-request" ? t.method : `n:${t.name}`;

/**
 * Remembers, per session, what each list result contained and what the caller was shown,
 * so that a policy reload notifies exactly the lists whose visible content changed.
 * Bounded: past `maxItems` per list, a change to that list is always announced.
 */
export function listMemory(o: {
  visible: (ctx: Context, target: Target) => boolean;
  maxItems?: number;
}): ListMemory {
  const max = o.maxItems ?? 10_000;
  const seen = new Map<string, Seen>();
  const overflow = new Set<string>();
  let lastCtx: Context | undefined;
  return {
    check: {
      name: "list-memory",
      // Only list results are remembered (hasOwn: a method named like a prototype member is no list).
      passesClean: (view) => !Object.hasOwn(LISTS, view.inReplyTo.method),
      inspect(frame, ctx): Verdict {
        if (frame.direction !== "server-to-client" || frame.parsed.kind !== "response") return PASS;
        const method = frame.inReplyTo?.method;
        const spec = method === undefined ? undefined : LISTS[method];
        if (method === undefined || !spec) return PASS;
        const result = (frame.parsed.message as { result?: Record<string, unknown> }).result;
        const items = result?.[spec.key];
        if (!Array.isArray(items)) return PASS;
        lastCtx = ctx;
        let list = seen.get(method);
        if (!list) {
          list = new Map();
          seen.set(method, list);
        }
        for (const item of items) {
          if (typeof item !== "object" || item === null) continue;
          const target = spec.target(item as Record<string, unknown>, ctx.serverName);
          if (!target) continue;
          if (list.size >= max) {
            overflow.add(method);
            break;
          }
          list.set(keyOf(target), { target, shown: o.visible(ctx, target) });
        }
        return PASS;
      },
    },
    changed(content) {
      const out = new Set<string>();
      for (const [method, list] of seen) {
        const name = NOTIFICATION[method] as string;
        let differs = content || overflow.has(method);
        for (const entry of list.values()) {
          const shown = lastCtx !== undefined && o.visible(lastCtx, entry.target);
          if (shown !== entry.shown) differs = true;
          entry.shown = shown;
        }
        if (differs && list.size > 0) out.add(notification(name));
      }
      return [...out];
    },
  };
}
