import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  matches,
  parseAuditLine,
  parseSince,
  percentiles,
  ruleOf,
  SummaryBuilder,
} from "../../../src/cli/commands/audit-read.js";
import { formatRow } from "../../../src/cli/commands/audit-run.js";
import { FIXTURES } from "../../e2e/harness.js";

const LINES = readFileSync(join(FIXTURES, "audit", "session.jsonl"), "utf8")
  .trim()
  .split("\n");

function summarise(filter: Parameters<typeof matches>[1] = {}) {
  const b = new SummaryBuilder();
  for (const line of LINES) {
    const p = parseAuditLine(line);
    if (!p.ok) b.malformed();
    else if (matches(p.row, filter)) b.add(p.row);
  }
  return b.build();
}

describe("the audit log reader", () => {
  it("summarises the fixture: decisions, blocks by check and rule, latency", () => {
    const s = summarise();
    expect(s.malformed).toBe(3);
    expect(s.rows).toBe(7);
    expect(s.decisions).toBe(5);
    expect(s.toolCalls).toBe(4);
    expect(s.byDecision).toEqual({ allow: 2, deny: 2, "would-block": 1 });
    expect(s.blocksByCheck).toEqual({ policy: 2, sanitizer: 1 });
    expect(s.blocksByRule).toEqual({
      "defaults.effect": 1,
      "principals.developer.tools[9]": 1,
      "shell-metachar": 1,
    });
  });

  it("reads latency percentiles from the rows that carry timing", () => {
    const s = summarise();
    expect(s.latency.rttMs).toEqual({ count: 2, p50: 3.1, p95: 9.87, p99: 9.87 });
    expect(s.latency.checksMs.count).toBe(5);
    expect(s.latency.checksMs.p50).toBe(0.4);
    expect(percentiles([])).toEqual({ count: 0 });
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentiles(hundred)).toEqual({ count: 100, p50: 50, p95: 95, p99: 99 });
  });

  it("filters by principal, tool, decision (blocked = deny) and time", () => {
    expect(summarise({ principal: "ci" }).rows).toBe(1);
    expect(summarise({ tool: "echo" }).rows).toBe(3);
    expect(summarise({ decision: "blocked" }).byDecision).toEqual({ deny: 2 });
    expect(summarise({ decision: "would-block" }).rows).toBe(1);
    expect(summarise({ since: Date.parse("2026-11-24T14:18:07.000Z") }).rows).toBe(3);
  });

  it("parses --since as a duration back from now or an ISO time", () => {
    const now = Date.parse("2026-12-04T12:00:00Z");
    expect(parseSince("15m", now)).toBe(now - 15 * 60_000);
    expect(parseSince("2h", now)).toBe(now - 7_200_000);
    expect(parseSince("7d", now)).toBe(now - 7 * 86_400_000);
    expect(parseSince("2026-12-01", now)).toBe(Date.parse("2026-12-01"));
    expect(parseSince("yesterday", now)).toBeUndefined();
    expect(parseSince("2026-13-45", now)).toBeUndefined();
  });

  it("keeps unknown fields and names the rule from the row or its reason", () => {
    const p = parseAuditLine(LINES[5] as string);
    expect(p.ok && p.row.futureField).toEqual({ x: 1 });
    expect(p.ok && ruleOf(p.row)).toBe("shell-metachar");
    expect(parseAuditLine("[1]").ok).toBe(false);
    expect(parseAuditLine('{"no":"event"}').ok).toBe(false);
  });

  it("formats a row with colour only when asked", () => {
    const p = parseAuditLine(LINES[3] as string);
    if (!p.ok) throw new Error("fixture row 4 should parse");
    const plain = formatRow(p.row, { color: false });
    expect(plain).toMatch(
      /^2026-11-24T14:18:06\.829Z {2}DENY +developer {2}tools\/call get-env #4 {2}\[policy defaults\.effect\]/,
    );
    expect(plain).not.toContain("\u001b[");
    expect(formatRow(p.row, { color: true })).toContain("\u001b[31mDENY");
  });
});
