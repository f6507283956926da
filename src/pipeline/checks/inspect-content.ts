import type { InspectionConfig } from "../../inspect/config.js";
import { type Finding, summarizeFindings } from "../../inspect/findings.js";
import { matchesOutputSchema } from "../../inspect/output-schema.js";
import type { Quarantine } from "../../inspect/quarantine.js";
import { type Reporter, report } from "../../inspect/report.js";
import { rewriteFrame } from "../../inspect/rewrite.js";
import { type ScanOptions, scanText } from "../../inspect/scan-text.js";
import { scanValue } from "../../inspect/scan-value.js";
import { AegisError, BLOCK_PREFIX, ErrorCode } from "../../protocol/errors.js";
import { type Check, type Context, type Frame, PASS, type Verdict } from "../types.js";

export interface InspectContentOptions {
  inspection: InspectionConfig;
  /** Redact credentials (the `secrets.redact` setting). */
  redact: boolean;
  quarantine: Quarantine;
  reporter: Reporter;
}

const CHECK = "inspect";

/** List results whose items are definitions the model reads: scanned and filtered one by one. */
const LIST_KEYS: Readonly<Record<string, string>> = {
  "tools/list": "tools",
  "prompts/list": "prompts",
  "resources/list": "resources",
  "resources/templates/list": "resourceTemplates",
};

/** Server requests and notifications with nothing the model reads. */
const SKIP_METHODS = new Set([
  "ping",
  "roots/list",
  "notifications/cancelled",
  "notifications/tools/list_changed",
  "notifications/prompts/list_changed",
  "notifications/resources/list_changed",
]);

type Msg = Record<string, unknown>;

function blockedError(reason: string): AegisError {
  return new AegisError(ErrorCode.PolicyDenied, { check: CHECK, reason });
}

/**
 * Scans what the server sends for ANSI escapes, invisible Unicode, instruction-injection
 * markers and credentials: tool/prompt/resource definitions, tools/call results (text
 * and structuredContent), other results, errors, notifications and server requests
 * (sampling, elicitation). Strips, redacts, hides a poisoned definition (and quarantines
 * a tool so calls to it are refused), or blocks, as the policy says. Unchanged messages
 * pass untouched (their original bytes are forwarded).
 */
export function inspectContentCheck(o: InspectContentOptions): Check {
  if (!o?.inspection || !o.quarantine || !o.reporter) {
    throw new TypeError(
      "Expected inspectContentCheck options {inspection, redact, quarantine, reporter}",
    );
  }
  const defs: ScanOptions = {
    inspection: o.inspection,
    injection: o.inspection.injection,
    redact: o.redact,
  };
  const results: ScanOptions = {
    inspection: o.inspection,
    injection: o.inspection.injectionInResults,
    redact: o.redact,
  };

  const rewritten = (
    frame: Frame,
    ctx: Context,
    message: Msg,
    findings: Finding[],
    blocked: boolean,
    tool?: string,
  ): Verdict => {
    report(o.reporter, frame, ctx, {
      check: CHECK,
      reason: `${blocked ? "blocked" : "rewrote"} content from the server: ${summarizeFindings(findings)}`,
      blocked,
      findings,
      ...(tool !== undefined ? { tool } : {}),
    });
    return { ok: true, frame: rewriteFrame(frame, message) };
  };

  // The session records the refusal in the audit log (its reason names the findings).
  const refused = (findings: Finding[]): Verdict => {
    const reason = `the server's message was blocked: ${summarizeFindings(findings)}`;
    o.reporter.logger.warn({ check: CHECK, findings }, reason);
    return { ok: false, error: blockedError(reason) };
  };

  const onList = (frame: Frame, ctx: Context, m: Msg, key: string): Verdict => {
    const result = m.result as Msg;
    const items = result[key] as unknown[];
    const kept: unknown[] = [];
    const all: Finding[] = [];
    let changed = false;
    for (const [i, item] of items.entries()) {
      const name = (item as Msg | null)?.name;
      const s = scanValue(item, `${key}[${i}]`, defs);
      const nameBad =
        typeof name === "string" && s.findings.some((f) => f.path === `${key}[${i}].name`);
      all.push(...s.findings);
      if (s.blocked || nameBad) {
        changed = true;
        if (key === "tools" && typeof name === "string") {
          o.quarantine.add(name, {
            check: CHECK,
            reason: `its definition was blocked: ${summarizeFindings(s.findings)}`,
          });
        }
        continue;
      }
      if (key === "tools" && typeof name === "string") o.quarantine.release(name, CHECK);
      if (s.value !== item) changed = true;
      kept.push(s.value);
    }
    if (!all.length) return PASS;
    if (!changed) {
      report(o.reporter, frame, ctx, {
        check: CHECK,
        reason: `logged findings in ${key}: ${summarizeFindings(all)}`,
        blocked: false,
        findings: all,
      });
      return PASS;
    }
    return rewritten(
      frame,
      ctx,
      { ...m, result: { ...result, [key]: kept } },
      all,
      all.some((f) => f.action === "block"),
    );
  };

  // Synchronous unless stripping touched structuredContent of a tool with an output schema:
  // a promise per tools/call answer cost a microtask and a queue hold on every result.
  const onToolResult = (frame: Frame, ctx: Context, m: Msg): Verdict | Promise<Verdict> => {
    const tool = frame.inReplyTo?.tool;
    const result = m.result as Msg;
    const s = scanValue(result, "", results);
    if (!s.findings.length) return PASS;
    const next = s.value as Msg;
    const findings = [...s.findings];
    const schema = tool === undefined ? undefined : ctx.tools.get(tool)?.outputSchema;
    if (
      !s.blocked &&
      next.structuredContent !== result.structuredContent &&
      typeof schema === "object" &&
      schema !== null
    ) {
      return matchesOutputSchema(schema, next.structuredContent).then((fits) => {
        if (fits) return finishToolResult(frame, ctx, m, next, findings, false, tool);
        // Stripping broke the declared shape: the client would reject it, so block instead.
        findings.push({
          kind: "invisible",
          rule: "output-schema-broken-by-strip",
          path: "structuredContent",
          action: "block",
        });
        return finishToolResult(frame, ctx, m, next, findings, true, tool);
      });
    }
    return finishToolResult(frame, ctx, m, next, findings, s.blocked, tool);
  };

  const finishToolResult = (
    frame: Frame,
    ctx: Context,
    m: Msg,
    next: Msg,
    findings: Finding[],
    blocked: boolean,
    tool: string | undefined,
  ): Verdict => {
    if (blocked) {
      const text = `${BLOCK_PREFIX} (${CHECK}): the result of tool "${tool ?? "?"}" was withheld: ${summarizeFindings(findings)}`;
      return rewritten(
        frame,
        ctx,
        { ...m, result: { content: [{ type: "text", text }], isError: true } },
        findings,
        true,
        tool,
      );
    }
    if (next === m.result) {
      report(o.reporter, frame, ctx, {
        check: CHECK,
        reason: `logged findings in a tool result: ${summarizeFindings(findings)}`,
        blocked: false,
        findings,
      });
      return PASS;
    }
    return rewritten(frame, ctx, { ...m, result: next }, findings, false, tool);
  };

  const onResponse = (frame: Frame, ctx: Context, m: Msg): Verdict | Promise<Verdict> => {
    const method = frame.inReplyTo?.method;
    if ("error" in m) {
      const s = scanValue(m.error, "error", results);
      if (!s.findings.length) return PASS;
      const err = m.error as Msg;
      const error = s.blocked
        ? { code: err.code, message: `${BLOCK_PREFIX}: the server's error message was withheld` }
        : s.value;
      if (!s.blocked && s.value === m.error) return PASS;
      return rewritten(frame, ctx, { ...m, error }, s.findings, s.blocked);
    }
    const result = m.result;
    if (typeof result !== "object" || result === null) return PASS;
    const listKey =
      method === undefined || !Object.hasOwn(LIST_KEYS, method) ? undefined : LIST_KEYS[method];
    if (listKey !== undefined && Array.isArray((result as Msg)[listKey]))
      return onList(frame, ctx, m, listKey);
    if (method === "tools/call") return onToolResult(frame, ctx, m);
    if (method === "initialize") {
      const r = result as Msg;
      if (typeof r.instructions !== "string") return PASS;
      const s = scanValue(r.instructions, "instructions", defs);
      if (!s.findings.length) return PASS;
      const { instructions: _drop, ...rest } = r;
      const next = s.blocked ? rest : { ...r, instructions: s.value };
      if (!s.blocked && s.value === r.instructions) return PASS;
      return rewritten(frame, ctx, { ...m, result: next }, s.findings, s.blocked);
    }
    const s = scanValue(result, "", results);
    if (!s.findings.length) return PASS;
    if (s.blocked) return refused(s.findings);
    if (s.value === result) {
      report(o.reporter, frame, ctx, {
        check: CHECK,
        reason: `logged findings: ${summarizeFindings(s.findings)}`,
        blocked: false,
        findings: s.findings,
      });
      return PASS;
    }
    return rewritten(frame, ctx, { ...m, result: s.value }, s.findings, false);
  };

  const onMessage = (frame: Frame, ctx: Context, m: Msg): Verdict => {
    if (SKIP_METHODS.has(m.method as string) || m.params === undefined) return PASS;
    const s = scanValue(m.params, "params", results);
    if (!s.findings.length) return PASS;
    if (s.blocked) return refused(s.findings);
    if (s.value === m.params) {
      report(o.reporter, frame, ctx, {
        check: CHECK,
        reason: `logged findings: ${summarizeFindings(s.findings)}`,
        blocked: false,
        findings: s.findings,
      });
      return PASS;
    }
    return rewritten(frame, ctx, { ...m, params: s.value }, s.findings, false);
  };

  return {
    name: CHECK,
    // A tools/call result passes untouched when none of its strings has a finding: the
    // same scan, with the same options, as onToolResult runs (on a superset of strings).
    passesClean: (view) => {
      if (view.inReplyTo.method !== "tools/call") return false;
      for (const text of view.strings)
        if (scanText(text, "", results).findings.length) return false;
      return true;
    },
    inspect(frame, ctx) {
      if (frame.direction !== "server-to-client") return PASS;
      const m = frame.parsed.message as Msg;
      return frame.parsed.kind === "response"
        ? onResponse(frame, ctx, m)
        : onMessage(frame, ctx, m);
    },
  };
}
