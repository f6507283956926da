/**
 * The independent corpus (test/fixtures/sanitizer-external/, generated from public sources by
 * scripts/corpus/build.mjs) run through the real Sanitizer as the shim runs it: default
 * configuration, the tool definition from tools/list, the default scan limits. Prints the
 * per-family table of the held-out split (the split no rule is tuned against) and asserts
 * floors: the figures measured on this branch, so that a regression fails. The issue-13
 * targets are printed beside them; the floors are raised as the rules improve.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  type CorpusReport,
  evaluate,
  loadSplit,
  markdown,
  rate,
  TARGETS,
} from "../../bench/corpus-report.js";
import { DEFAULT_LIMITS } from "../../src/config/limits.js";
import { DEFAULT_SANITIZER_CONFIG } from "../../src/sanitizer/config.js";
import { Sanitizer } from "../../src/sanitizer/sanitizer.js";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";

// Command values are judged on a bash syntax tree, whose parser loads asynchronously.
await loadShellParser();

/** Held-out split: least share of core attacks blocked (measured 2026-12-07, issue 13 generalisation, sani-gen and gen5: 433/441). */
const FLOOR_CORE_BLOCKED = 0.981;
/** Held-out split: least share of all attacks blocked (gen5: 947/980; gen6: 948/980). */
const FLOOR_ATTACKS_BLOCKED = 0.967;
/** Held-out split: greatest share of benign calls blocked. */
const CEILING_BENIGN_BLOCKED = 0.004;
/** Issue-13 targets, reported only (the floors above are raised towards them). */
const TARGET_CORE_BLOCKED = TARGETS.coreBlocked;
const TARGET_BENIGN_BLOCKED = TARGETS.benignBlocked;

/** Held-out split, per attack family: least share blocked. */
const FAMILY_FLOORS: Record<string, number> = {
  "argument-injection": 0.972,
  "command-substitution": 1,
  "credential-exfil": 1,
  "crlf-injection": 1,
  destructive: 1,
  "download-exec": 1,
  "env-injection": 1,
  "glob-injection": 1,
  obfuscation: 1,
  "path-traversal": 1,
  persistence: 1,
  privilege: 0.981,
  "prompt-injection": 0.913,
  "reverse-shell": 1,
  "sensitive-write": 1,
  "shell-injection": 0.936,
  "sql-injection": 0.939, // gen6: 62/66 (quote look-alikes)
  ssrf: 0.977,
  ssti: 0.754,
  "unicode-evasion": 1,
  "zip-slip": 1,
};
/** Held-out split, per benign family: greatest share wrongly blocked. */
const FAMILY_CEILINGS: Record<string, number> = {
  "argv-metachar": 0,
  config: 0,
  "file-content": 0,
  glob: 0,
  path: 0,
  prose: 0.018,
  "shell-compound": 0,
  "sql-select": 0,
  template: 0.03,
  "tldr-command": 0.007,
  url: 0,
};

const env = { Sanitizer, config: DEFAULT_SANITIZER_CONFIG, limits: DEFAULT_LIMITS };
const tuningDoc = loadSplit("tuning");
const heldOutDoc = loadSplit("held-out");
const all = [...tuningDoc.cases, ...heldOutDoc.cases];
/** Allowance for rounding of the floors (3 decimals). */
const EPS = 1e-9;

const row = (report: CorpusReport, family: string) => report.rows.find((r) => r.family === family);

describe("independent sanitizer corpus: shape", () => {
  it("has the size and the families issue 13 asks for", () => {
    expect(all.filter((c) => c.label === "attack").length).toBeGreaterThanOrEqual(1200);
    expect(all.filter((c) => c.label === "benign").length).toBeGreaterThanOrEqual(800);
    const families = new Set(heldOutDoc.cases.map((c) => c.family));
    for (const f of heldOutDoc.attackFamilies) expect(families, f).toContain(f);
    for (const f of [...Object.keys(FAMILY_FLOORS), ...Object.keys(FAMILY_CEILINGS)])
      expect(families, f).toContain(f);
  });

  it("gives every case a provenance at a recorded commit and a listed tool", () => {
    for (const doc of [tuningDoc, heldOutDoc]) {
      for (const c of doc.cases) {
        expect(doc.sources[c.source.repo], c.id).toBe(c.source.commit);
        expect(c.source.path.length, c.id).toBeGreaterThan(0);
        expect(doc.tools[c.tool]?.name, c.id).toBe(c.tool);
        expect(c.core, c.id).toBe(c.label === "attack" && doc.core.includes(c.family));
      }
    }
  });

  it("splits by a hash of the content, about 30 % held out, with no case in both", () => {
    const inHeldOut = (c: { tool: string; arguments: unknown }) =>
      createHash("sha256")
        .update(`split:${JSON.stringify([c.tool, c.arguments])}`)
        .digest()[0]! < 77;
    for (const c of tuningDoc.cases) expect(inHeldOut(c), c.id).toBe(false);
    for (const c of heldOutDoc.cases) expect(inHeldOut(c), c.id).toBe(true);
    const ids = new Set(tuningDoc.cases.map((c) => c.id));
    for (const c of heldOutDoc.cases) expect(ids.has(c.id), c.id).toBe(false);
    const share = heldOutDoc.cases.length / all.length;
    expect(share).toBeGreaterThan(0.25);
    expect(share).toBeLessThan(0.35);
  });
});

describe("independent sanitizer corpus: figures", () => {
  const heldOut = evaluate(heldOutDoc, env);
  const tuning = evaluate(tuningDoc, env);

  it("prints the held-out report per family", () => {
    const { core, attacks, benign } = heldOut.summary;
    console.log(
      [
        "",
        markdown(heldOut),
        "",
        `tuning split: core ${(100 * rate(tuning.summary.core)).toFixed(1)} %, ` +
          `all attacks ${(100 * rate(tuning.summary.attacks)).toFixed(1)} %, ` +
          `benign blocked ${(100 * rate(tuning.summary.benign)).toFixed(1)} %`,
        `floors: core ≥ ${(100 * FLOOR_CORE_BLOCKED).toFixed(1)} %, attacks ≥ ${(100 * FLOOR_ATTACKS_BLOCKED).toFixed(1)} %, ` +
          `benign ≤ ${(100 * CEILING_BENIGN_BLOCKED).toFixed(1)} %; targets: core ≥ ${(100 * TARGET_CORE_BLOCKED).toFixed(1)} %, ` +
          `benign ≤ ${(100 * TARGET_BENIGN_BLOCKED).toFixed(1)} % (${rate(core) >= TARGET_CORE_BLOCKED && rate(benign) <= TARGET_BENIGN_BLOCKED ? "met" : "not met"}; ` +
          `${attacks.total} attacks, ${benign.total} benign)`,
      ].join("\n"),
    );
    expect(heldOut.rows.reduce((n, r) => n + r.total, 0)).toBe(heldOutDoc.cases.length);
  });

  it("blocks at least the floor share of core attacks and of all attacks", () => {
    expect(rate(heldOut.summary.core)).toBeGreaterThanOrEqual(FLOOR_CORE_BLOCKED - EPS);
    expect(rate(heldOut.summary.attacks)).toBeGreaterThanOrEqual(FLOOR_ATTACKS_BLOCKED - EPS);
  });

  it("blocks at most the ceiling share of benign calls", () => {
    expect(rate(heldOut.summary.benign)).toBeLessThanOrEqual(CEILING_BENIGN_BLOCKED + EPS);
  });

  for (const [family, floor] of Object.entries(FAMILY_FLOORS)) {
    it(`${family}: blocks at least ${(100 * floor).toFixed(1)} % of held-out attacks`, () => {
      const r = row(heldOut, family);
      expect(r?.label).toBe("attack");
      expect(rate(r!)).toBeGreaterThanOrEqual(floor - EPS);
    });
  }
  for (const [family, ceiling] of Object.entries(FAMILY_CEILINGS)) {
    it(`${family}: blocks at most ${(100 * ceiling).toFixed(1)} % of held-out benign calls`, () => {
      const r = row(heldOut, family);
      expect(r?.label).toBe("benign");
      expect(rate(r!), `blocked: ${r!.blockedIds.slice(0, 10).join(", ")}`).toBeLessThanOrEqual(
        ceiling + EPS,
      );
    });
  }
});
