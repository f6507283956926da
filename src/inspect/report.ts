import type { AuditSink, DecisionRecord } from "../audit/audit.js";
import type { Logger } from "../audit/logger.js";
import type { Context, Frame } from "../pipeline/types.js";
import type { Finding } from "./findings.js";

/** Where the defences report: the audit log (one record per message) and stderr. */
export interface Reporter {
  audit: AuditSink;
  logger: Logger;
}

/** A decision record with the findings that led to it (never a secret's value). */
export interface FindingRecord extends DecisionRecord {
  findings?: Finding[];
  [key: string]: unknown;
}

function frameId(frame: Frame): string | number | undefined {
  if (frame.rawId === undefined) return undefined;
  const v = JSON.parse(frame.rawId) as string | number;
  return typeof v === "number" && !Number.isSafeInteger(v) ? frame.rawId : v;
}

/**
 * Records what a server → client (or client → server) defence did to one message:
 * `deny` when it blocked something, `allow` when it only stripped, redacted or logged.
 */
export function report(
  r: Reporter,
  frame: Frame,
  ctx: Context,
  d: {
    check: string;
    reason: string;
    blocked: boolean;
    findings?: Finding[];
    tool?: string;
    extra?: Record<string, unknown>;
  },
): void {
  const p = frame.parsed;
  const method = p.kind === "response" ? frame.inReplyTo?.method : p.message.method;
  const tool = d.tool ?? frame.tool ?? frame.inReplyTo?.tool;
  const record: FindingRecord = {
    direction: frame.direction,
    principal: ctx.principal.id,
    roles: [...ctx.principal.roles],
    decision: d.blocked ? "deny" : "allow",
    check: d.check,
    reason: d.reason,
    durationMs: 0,
    ...d.extra,
  };
  const id = frameId(frame);
  if (id !== undefined) record.id = id;
  if (method !== undefined) record.method = method;
  if (tool !== undefined) record.tool = tool;
  if (d.findings?.length) record.findings = d.findings;
  r.audit.decision(record);
  r.logger.warn({ check: d.check, method, tool, id, findings: d.findings, ...d.extra }, d.reason);
}
