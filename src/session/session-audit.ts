import {
  type AuditSink,
  type DecisionRecord,
  NULL_AUDIT,
  type ResponseRecord,
} from "../audit/audit.js";
import type { Context, Direction } from "../pipeline/types.js";
import type { RequestId } from "../protocol/jsonrpc.js";
import type { Pending } from "./pending.js";

/** The id for a log record: the value, or its exact text when a number is unsafe. */
export function logId(rawId: string | undefined): string | number | undefined {
  if (rawId === undefined) return undefined;
  const v = JSON.parse(rawId) as RequestId;
  return typeof v === "number" && !Number.isSafeInteger(v) ? rawId : v;
}

/** One decision of the session, as the audit row is built from it. */
export interface DecisionInput {
  direction: Direction;
  rawId?: string | undefined;
  method?: string | undefined;
  tool?: string | undefined;
  check: string;
  reason?: string;
  code?: number;
  durationMs: number;
  allow?: boolean;
  rule?: string | undefined;
}

/** The session's audit rows: decisions and responses, with the principal of the context. */
export class SessionAudit {
  readonly #sink: AuditSink;
  readonly #context: Context;
  /** Building audit records costs per message; skip it when they go nowhere. */
  readonly enabled: boolean;

  constructor(sink: AuditSink, context: Context) {
    this.#sink = sink;
    this.#context = context;
    this.enabled = sink !== NULL_AUDIT;
  }

  decision(d: DecisionInput): void {
    if (!this.enabled) return;
    const { principal } = this.#context;
    const record: DecisionRecord = {
      direction: d.direction,
      principal: principal.id,
      roles: [...principal.roles],
      decision: d.allow ? "allow" : "deny",
      check: d.check,
      durationMs: Math.round(d.durationMs * 1000) / 1000,
    };
    const id = logId(d.rawId);
    if (id !== undefined) record.id = id;
    if (d.method !== undefined) record.method = d.method;
    if (d.tool !== undefined) record.tool = d.tool;
    if (d.rule !== undefined) record.rule = d.rule;
    if (d.reason !== undefined) record.reason = d.reason;
    if (d.code !== undefined) record.code = d.code;
    this.#sink.decision(record);
  }

  response(p: Pending, outcome: "result" | "error" | "tool-error"): void {
    if (!this.enabled) return;
    const record: ResponseRecord = {
      id: logId(p.rawId) as string | number,
      method: p.method,
      principal: this.#context.principal.id,
      outcome,
      rttMs: Math.round((performance.now() - p.start) * 1000) / 1000,
    };
    if (p.tool !== undefined) record.tool = p.tool;
    this.#sink.response(record);
  }
}
