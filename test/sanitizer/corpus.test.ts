import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/config/limits.js";
import { SanitizerConfigSchema } from "../../src/sanitizer/config.js";
import { Sanitizer } from "../../src/sanitizer/sanitizer.js";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";
import { LEGITIMATE } from "../fixtures/sanitizer-corpus/legitimate.js";
import { MALICIOUS } from "../fixtures/sanitizer-corpus/malicious.js";
import { TOOLS } from "../fixtures/sanitizer-corpus/tools.js";
import type { CorpusCase } from "../fixtures/sanitizer-corpus/types.js";

// Command values are judged on a bash syntax tree; the parser loads asynchronously.
await loadShellParser();

const CORE = [
  "shell-injection",
  "command-substitution",
  "path-traversal",
  "control-chars",
  "ssrf",
  "argument-injection",
  "evasion",
];
const ZERO_FP = ["sql", "code", "i18n"];

const sanitizers = new Map<string, Sanitizer>();
function blockedRule(c: CorpusCase): string | undefined {
  const key = JSON.stringify(c.config ?? {});
  let s = sanitizers.get(key);
  if (!s) {
    s = new Sanitizer(SanitizerConfigSchema.parse(c.config ?? {}));
    sanitizers.set(key, s);
  }
  const definition = TOOLS[c.tool];
  return s.scan(c.arguments, {
    tool: c.tool,
    ...(definition ? { toolDefinition: definition } : {}),
    maxScanBytes: DEFAULT_LIMITS.sanitizerMaxScanBytes,
    maxValueBytes: DEFAULT_LIMITS.maxArgumentBytes,
  }).blocked?.rule;
}

interface Row {
  total: number;
  blocked: number;
  misses: string[];
}

function tally(list: CorpusCase[]): Map<string, Row> {
  const rows = new Map<string, Row>();
  for (const c of list) {
    const row = rows.get(c.category) ?? { total: 0, blocked: 0, misses: [] };
    const rule = blockedRule(c);
    row.total++;
    if (rule) row.blocked++;
    // For attacks a miss is a pass; for legitimate calls, a block.
    rows.set(c.category, row);
    (row as Row & { rules?: string[] }).rules ??= [];
    if (rule) (row as Row & { rules: string[] }).rules.push(`${c.id}:${rule}`);
    else row.misses.push(c.id);
  }
  return rows;
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)}%`;

describe("sanitizer corpus", () => {
  const attacks = tally(MALICIOUS);
  const legit = tally(LEGITIMATE);

  it("is big enough to mean something", () => {
    expect(MALICIOUS.length).toBeGreaterThanOrEqual(300);
    expect(LEGITIMATE.length).toBeGreaterThanOrEqual(300);
    for (const c of CORE) expect(attacks.get(c)?.total ?? 0).toBeGreaterThanOrEqual(15);
  });

  it("prints the confusion table per category", () => {
    const lines = [
      "",
      "category               | attacks blocked (TP) | missed (FN) | legit passed (TN) | legit blocked (FP)",
    ];
    for (const [cat, r] of attacks) {
      lines.push(
        `${cat.padEnd(22)} | ${`${r.blocked}/${r.total} ${pct(r.blocked, r.total)}`.padEnd(20)} | ${String(r.total - r.blocked).padEnd(11)} |                   |`,
      );
    }
    let fp = 0;
    let total = 0;
    for (const [cat, r] of legit) {
      fp += r.blocked;
      total += r.total;
      lines.push(
        `${cat.padEnd(22)} |                      |             | ${`${r.total - r.blocked}/${r.total}`.padEnd(17)} | ${r.blocked} ${pct(r.blocked, r.total)}`,
      );
    }
    const tp = [...attacks.values()].reduce((a, r) => a + r.blocked, 0);
    lines.push(
      `overall: ${tp}/${MALICIOUS.length} attacks blocked (${pct(tp, MALICIOUS.length)}), ${fp}/${total} legitimate calls blocked (${pct(fp, total)})`,
    );
    console.log(lines.join("\n"));
    expect(lines.length).toBeGreaterThan(3);
  });

  for (const cat of CORE) {
    it(`blocks at least 99% of ${cat} attacks`, () => {
      const r = attacks.get(cat);
      expect(r, cat).toBeDefined();
      const row = r as Row;
      expect(row.misses, `missed: ${row.misses.join(", ")}`).toHaveLength(
        Math.min(row.misses.length, Math.floor(row.total * 0.01)),
      );
    });
  }

  it("blocks at most 1% of legitimate calls overall", () => {
    const blocked = LEGITIMATE.filter((c) => blockedRule(c) !== undefined);
    const detail = blocked.map((c) => `${c.id}:${blockedRule(c)}`).join(", ");
    expect(blocked.length, detail).toBeLessThanOrEqual(Math.floor(LEGITIMATE.length * 0.01));
  });

  for (const cat of ZERO_FP) {
    it(`blocks no legitimate ${cat} call`, () => {
      const blocked = LEGITIMATE.filter((c) => c.category === cat && blockedRule(c) !== undefined);
      expect(blocked.map((c) => `${c.id}:${blockedRule(c)}`)).toEqual([]);
    });
  }
});
