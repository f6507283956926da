import type { AuditSink, DecisionRecord } from "../../audit/audit.js";
import type { Logger } from "../../audit/logger.js";
import type { Decision } from "../../policy/types.js";
import type { Context, Frame, Principal, Verdict } from "../types.js";

/** Options shared by the policy checks. */
export interface PolicyCheckCommon {
  /** Report instead of enforce: a getter, so hot reload can switch it. */
  monitor?: boolean | (() => boolean);
  /** Where monitor mode reports what it would have blocked. */
  logger?: Logger;
  /** Where monitor mode records each would-block as its own row (`--audit-log`). */
  audit?: AuditSink;
  /**
   * Asks a human about a request whose rule effect is `ask` (see ApprovalGate). Without
   * it such requests are refused: `ask` never becomes an allow by default.
   */
  approve?: (frame: Frame, ctx: Context, why: string) => Promise<Verdict>;
}

/** Refuses, when a check is built, an `engine` option that cannot decide. */
export function assertEngine(engine: unknown): void {
  if (typeof (engine as { evaluate?: unknown } | undefined)?.evaluate !== "function") {
    throw new TypeError("Expected the `engine` option to be a PolicyEngine with evaluate()");
  }
}

export function monitorGetter(m: PolicyCheckCommon["monitor"]): () => boolean {
  if (typeof m === "function") return m;
  const fixed = m === true;
  return () => fixed;
}

export function describeCaller(p: Principal): string {
  return p.roles.size ? `"${p.id}" (roles: ${[...p.roles].join(", ")})` : `"${p.id}"`;
}

/** Why a decision denies, in a few words a model or a person can read. */
export function describeDenial(decision: Decision): string {
  if (decision.errors.length) return `the policy could not decide (${decision.errors[0]})`;
  if (decision.detail !== undefined) return `${decision.reasons.join(", ")}: ${decision.detail}`;
  if (decision.reasons[0] === "defaults.effect") return "no rule allows it (default: deny)";
  if (decision.reasons[0] === "defaults.server_requests") return "denied by default";
  return `denied by ${decision.reasons.join(", ")}`;
}

/** The rules of a decision as `mcp-aegis explain` names them: `id (file:line:col)`. */
export function ruleLabel(decision: Decision): string {
  const where = decision.locations;
  if (decision.reasons.length === 0) return "none (no safe decision)";
  return decision.reasons
    .map((id) => (where?.[id] !== undefined ? `${id} (${where[id]})` : id))
    .join(", ");
}

/** The id for an audit row: its value, or its exact text when a number is unsafe. */
export function auditId(rawId: string | undefined): string | number | undefined {
  if (rawId === undefined) return undefined;
  const v = JSON.parse(rawId) as string | number;
  return typeof v === "number" && !Number.isSafeInteger(v) ? rawId : v;
}

/**
 * Records what monitor mode let through that a check would have refused: one audit row
 * (`"decision":"would-block"`, the check, the rule, the reason, the id) and a warning.
 */
export function reportWouldBlock(
  to: { logger?: Logger | undefined; audit?: AuditSink | undefined },
  frame: Frame,
  ctx: Context,
  d: { check: string; rule: string; reason: string; extra?: Record<string, unknown> },
): void {
  const p = frame.parsed;
  const method = p.kind === "response" ? frame.inReplyTo?.method : p.message.method;
  const tool = frame.tool ?? frame.inReplyTo?.tool;
  const id = auditId(frame.rawId);
  if (to.audit) {
    const record: DecisionRecord & Record<string, unknown> = {
      direction: frame.direction,
      principal: ctx.principal.id,
      roles: [...ctx.principal.roles],
      decision: "would-block",
      check: d.check,
      rule: d.rule,
      reason: d.reason,
      durationMs: 0,
      ...d.extra,
    };
    if (id !== undefined) record.id = id;
    if (method !== undefined) record.method = method;
    if (tool !== undefined) record.tool = tool;
    to.audit.decision(record);
  }
  to.logger?.warn(
    {
      monitor: true,
      wouldBlock: true,
      check: d.check,
      id,
      method,
      tool,
      rule: d.rule,
      ...d.extra,
      reason: d.reason,
    },
    `monitor mode: the ${d.check} check would block this; forwarded`,
  );
}
