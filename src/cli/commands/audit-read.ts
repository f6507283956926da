/**
 * Reading the audit log (src/audit/audit.ts writes it): one JSON object per line, a
 * `decision` or a `response` event. Unknown fields and decisions are kept as they come
 * (monitor mode's `would-block`, rule names), so a newer shim's log still reads.
 */

/** One row of the log, as far as the reader needs to know it. */
export interface AuditRow {
  time?: string;
  event: string;
  decision?: string;
  principal?: string;
  tool?: string;
  method?: string;
  check?: string;
  rule?: string;
  reason?: string;
  id?: string | number;
  durationMs?: number;
  rttMs?: number;
  outcome?: string;
  [field: string]: unknown;
}

export interface AuditFilter {
  principal?: string;
  tool?: string;
  decision?: string;
  /** Rows at or after this time (ms since the epoch). */
  since?: number;
}

/** A parsed line, or why it is not a row. */
export type ParsedLine = { ok: true; row: AuditRow } | { ok: false };

export function parseAuditLine(line: string): ParsedLine {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return { ok: false };
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) return { ok: false };
  const row = v as AuditRow;
  if (typeof row.event !== "string") return { ok: false };
  return { ok: true, row };
}

/** `blocked` is what people say; the log says `deny`. */
const DECISION_ALIASES: Record<string, string> = { blocked: "deny", block: "deny" };

export function normaliseDecision(d: string): string {
  return DECISION_ALIASES[d] ?? d;
}

/**
 * A duration back from now (`90s`, `15m`, `2h`, `7d`) or an ISO 8601 time, as ms since
 * the epoch; undefined when it is neither.
 */
export function parseSince(text: string, now = Date.now()): number | undefined {
  const d = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (d) {
    const unit = { ms: 1, s: 1e3, m: 60e3, h: 3600e3, d: 86400e3 }[d[2] as string] as number;
    return now - Number(d[1]) * unit;
  }
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

export function matches(row: AuditRow, f: AuditFilter): boolean {
  if (f.principal !== undefined && row.principal !== f.principal) return false;
  if (f.tool !== undefined && row.tool !== f.tool) return false;
  // Responses carry no decision: a decision filter keeps decisions only.
  if (f.decision !== undefined && row.decision !== normaliseDecision(f.decision)) return false;
  if (f.since !== undefined) {
    const t = typeof row.time === "string" ? Date.parse(row.time) : Number.NaN;
    if (Number.isNaN(t) || t < f.since) return false;
  }
  return true;
}

/** The rule a refusal names: the row's `rule`, else the rule id its reason quotes. */
export function ruleOf(row: AuditRow): string | undefined {
  if (typeof row.rule === "string") return row.rule;
  if (typeof row.reason !== "string") return undefined;
  const named = /\b(principals\.[^\s:]+|defaults\.[a-z_]+)/.exec(row.reason)?.[1];
  // The policy's words when no rule matched (src/policy/explain.ts).
  return named ?? (/\(default: (deny|allow)\)/.test(row.reason) ? "defaults.effect" : undefined);
}

export interface Percentiles {
  count: number;
  p50?: number;
  p95?: number;
  p99?: number;
}

/** Nearest-rank percentiles (no interpolation: every value shown was measured). */
export function percentiles(values: readonly number[]): Percentiles {
  if (values.length === 0) return { count: 0 };
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
  return { count: s.length, p50: at(50), p95: at(95), p99: at(99) };
}

export interface AuditSummary {
  rows: number;
  malformed: number;
  /** Client requests judged (`tools/call` and other methods). */
  decisions: number;
  /** `tools/call` decisions. */
  toolCalls: number;
  byDecision: Record<string, number>;
  /** Refusals (deny and would-block) by check, and by rule. */
  blocksByCheck: Record<string, number>;
  blocksByRule: Record<string, number>;
  /** Round trip through the server (response rows), and time in the checks (decisions). */
  latency: { rttMs: Percentiles; checksMs: Percentiles };
}

/** Accumulates a summary row by row. */
export class SummaryBuilder {
  #rows = 0;
  #malformed = 0;
  #decisions = 0;
  #toolCalls = 0;
  readonly #byDecision: Record<string, number> = {};
  readonly #byCheck: Record<string, number> = {};
  readonly #byRule: Record<string, number> = {};
  readonly #rtt: number[] = [];
  readonly #checks: number[] = [];

  malformed(): void {
    this.#malformed += 1;
  }

  add(row: AuditRow): void {
    this.#rows += 1;
    if (typeof row.rttMs === "number") this.#rtt.push(row.rttMs);
    if (row.event !== "decision") return;
    this.#decisions += 1;
    if (row.method === "tools/call") this.#toolCalls += 1;
    if (typeof row.durationMs === "number") this.#checks.push(row.durationMs);
    const d = String(row.decision ?? "unknown");
    this.#byDecision[d] = (this.#byDecision[d] ?? 0) + 1;
    if (d === "allow") return;
    const check = String(row.check ?? "unknown");
    this.#byCheck[check] = (this.#byCheck[check] ?? 0) + 1;
    const rule = ruleOf(row);
    if (rule !== undefined) this.#byRule[rule] = (this.#byRule[rule] ?? 0) + 1;
  }

  build(): AuditSummary {
    return {
      rows: this.#rows,
      malformed: this.#malformed,
      decisions: this.#decisions,
      toolCalls: this.#toolCalls,
      byDecision: { ...this.#byDecision },
      blocksByCheck: { ...this.#byCheck },
      blocksByRule: { ...this.#byRule },
      latency: { rttMs: percentiles(this.#rtt), checksMs: percentiles(this.#checks) },
    };
  }
}
