import type { Quarantine } from "../../inspect/quarantine.js";
import { type Reporter, report } from "../../inspect/report.js";
import { rewriteFrame } from "../../inspect/rewrite.js";
import type { PinStore } from "../../pinning/pin-store.js";
import { type Check, type Context, type Frame, PASS, type Verdict } from "../types.js";

export interface PinningCheckOptions {
  store: PinStore;
  /** `block` hides changed and added tools (and refuses calls to them); `warn` only reports. */
  onChange: "block" | "warn";
  quarantine: Quarantine;
  reporter: Reporter;
}

const CHECK = "pinning";
const ACCEPT_HINT = 'run "mcp-aegis pin --update" to accept it';

type Msg = Record<string, unknown>;
type Tool = Record<string, unknown>;

/**
 * Tool pinning (rug-pull defence). The first tools/list and initialize instructions a
 * server shows are written to the pin file (trust on first use, or `mcp-aegis pin`);
 * afterwards each listed tool is compared with its pin, at start and after every
 * notifications/tools/list_changed (the client re-lists). A changed or added tool is
 * hidden and quarantined in block mode, reported with a short diff in warn mode;
 * changed instructions are dropped from the initialize result (block) or reported.
 */
export function pinningCheck(o: PinningCheckOptions): Check {
  if (
    !o?.store ||
    !o.quarantine ||
    !o.reporter ||
    (o.onChange !== "block" && o.onChange !== "warn")
  ) {
    throw new TypeError(
      "Expected pinningCheck options {store, onChange: block|warn, quarantine, reporter}",
    );
  }
  const block = o.onChange === "block";
  let sweeping = false;
  const seen = new Set<string>();

  const note = (
    frame: Frame,
    ctx: Context,
    tool: string | undefined,
    change: string,
    diff: string | undefined,
    held: boolean,
  ) => {
    const what = tool === undefined ? "server instructions" : `tool "${tool}"`;
    const reason = `${what} ${change}${diff ? `: ${diff}` : ""}${held ? ` (held back; ${ACCEPT_HINT})` : ""}`;
    report(o.reporter, frame, ctx, {
      check: CHECK,
      reason,
      blocked: held,
      ...(tool !== undefined ? { tool } : {}),
      extra: { change, ...(diff ? { diff } : {}) },
    });
    return reason;
  };

  const onTools = (frame: Frame, ctx: Context, m: Msg, result: Msg, tools: Tool[]): Verdict => {
    const names = tools.map((t) => t.name).filter((n): n is string => typeof n === "string");
    for (const n of names) seen.add(n);
    const last = typeof result.nextCursor !== "string";
    if (sweeping || !o.store.hasTools()) {
      // First sight of this server's tools: pin them (every page of the first listing).
      sweeping = !last;
      o.store.pinTools(tools);
      report(o.reporter, frame, ctx, {
        check: CHECK,
        reason: `pinned ${names.length} tool(s) on first use in ${o.store.file}`,
        blocked: false,
        extra: { pinned: names },
      });
      if (last) seen.clear();
      return PASS;
    }
    const kept: Tool[] = [];
    for (const tool of tools) {
      const name = typeof tool.name === "string" ? tool.name : undefined;
      if (name === undefined) {
        kept.push(tool);
        continue;
      }
      const s = o.store.checkTool(tool);
      if (s.status === "same") {
        o.quarantine.release(name, CHECK);
        kept.push(tool);
        continue;
      }
      const change =
        s.status === "changed" ? "changed since it was pinned" : "is new (not in the pin file)";
      const diff = s.status === "changed" ? s.diff : undefined;
      const reason = note(frame, ctx, name, change, diff, block);
      if (block) o.quarantine.add(name, { check: CHECK, reason });
      else kept.push(tool);
    }
    if (last) {
      for (const pinned of o.store.toolNames())
        if (!seen.has(pinned))
          note(frame, ctx, pinned, "was removed since it was pinned", undefined, false);
      seen.clear();
    }
    if (kept.length === tools.length) return PASS;
    return { ok: true, frame: rewriteFrame(frame, { ...m, result: { ...result, tools: kept } }) };
  };

  const onInitialize = (frame: Frame, ctx: Context, m: Msg, result: Msg): Verdict => {
    const text = typeof result.instructions === "string" ? result.instructions : undefined;
    const s = o.store.checkInstructions(text);
    if (s.status === "same") return PASS;
    if (s.status === "unpinned") {
      o.store.pinInstructions(text);
      return PASS;
    }
    note(frame, ctx, undefined, "changed since they were pinned", s.diff, block);
    if (!block || text === undefined) return PASS;
    const { instructions: _drop, ...rest } = result;
    return { ok: true, frame: rewriteFrame(frame, { ...m, result: rest }) };
  };

  return {
    name: CHECK,
    // Only the answers to tools/list and initialize are pinned.
    passesClean: (view) =>
      view.inReplyTo.method !== "tools/list" && view.inReplyTo.method !== "initialize",
    inspect(frame, ctx): Verdict {
      if (frame.direction !== "server-to-client" || frame.parsed.kind !== "response") return PASS;
      const m = frame.parsed.message as Msg;
      const result = m.result as Msg | undefined;
      if (typeof result !== "object" || result === null) return PASS;
      const method = frame.inReplyTo?.method;
      if (method === "tools/list" && Array.isArray(result.tools))
        return onTools(frame, ctx, m, result, result.tools as Tool[]);
      if (method === "initialize") return onInitialize(frame, ctx, m, result);
      return PASS;
    },
  };
}
