import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InspectionConfigSchema } from "../../src/inspect/config.js";
import type { Finding } from "../../src/inspect/findings.js";
import { scanValue } from "../../src/inspect/scan-value.js";
import { collectSurface } from "../../src/pinning/collect.js";
import { CLEAN } from "../fixtures/corpus/clean.js";
import { HELD_OUT_CLEAN, HELD_OUT_POISONED } from "../fixtures/corpus/held-out.js";
import { POISONED } from "../fixtures/corpus/poisoned.js";
import type { CorpusEntry } from "../fixtures/corpus/types.js";

const OPTIONS = {
  inspection: InspectionConfigSchema.parse({}),
  injection: "block" as const,
  redact: true,
};

function scan(e: CorpusEntry): Finding[] {
  return e.where === "tool"
    ? scanValue(e.tool, "tool", OPTIONS).findings
    : scanValue(e.text, e.where, OPTIONS).findings;
}

function label(e: CorpusEntry): string {
  return (e.where === "tool" ? JSON.stringify(e.tool) : e.text).slice(0, 90).replace(/\n/g, "⏎");
}

const ROOT = join(import.meta.dirname, "../..");
const REFERENCE = [
  join(ROOT, "node_modules/@modelcontextprotocol/server-everything/dist/index.js"),
  join(ROOT, "node_modules/@modelcontextprotocol/server-filesystem/dist/index.js"),
  join(ROOT, "node_modules/@modelcontextprotocol/server-memory/dist/index.js"),
];

describe("detection corpus", () => {
  it("has at least 100 poisoned and 100 clean entries", () => {
    expect(POISONED.length).toBeGreaterThanOrEqual(100);
    expect(CLEAN.length).toBeGreaterThanOrEqual(100);
  });

  it("detects ≥ 95% of poisoned definitions and results with ≤ 2% false positives", () => {
    const missed = POISONED.filter((e) => scan(e).length === 0);
    const flagged = CLEAN.map((e) => ({ e, f: scan(e) })).filter((x) => x.f.length > 0);
    const detection = (POISONED.length - missed.length) / POISONED.length;
    const fp = flagged.length / CLEAN.length;
    const lines = [
      `poisoned: ${POISONED.length - missed.length}/${POISONED.length} detected (${(detection * 100).toFixed(1)}%)`,
      `clean:    ${flagged.length}/${CLEAN.length} flagged (${(fp * 100).toFixed(1)}% false positives)`,
      ...missed.map((e) => `  missed:   ${label(e)}`),
      ...flagged.map((x) => `  flagged:  ${label(x.e)} → ${x.f.map((f) => f.rule).join(",")}`),
    ];
    console.log(lines.join("\n"));
    expect(detection).toBeGreaterThanOrEqual(0.95);
    expect(fp).toBeLessThanOrEqual(0.02);
  });

  it("reports the held-out rates (phrasing the rules were not tuned on)", () => {
    const missed = HELD_OUT_POISONED.filter((e) => scan(e).length === 0);
    const flagged = HELD_OUT_CLEAN.map((e) => ({ e, f: scan(e) })).filter((x) => x.f.length > 0);
    const detection = (HELD_OUT_POISONED.length - missed.length) / HELD_OUT_POISONED.length;
    const fp = flagged.length / HELD_OUT_CLEAN.length;
    console.log(
      [
        `held-out poisoned: ${HELD_OUT_POISONED.length - missed.length}/${HELD_OUT_POISONED.length} detected (${(detection * 100).toFixed(1)}%)`,
        `held-out clean:    ${flagged.length}/${HELD_OUT_CLEAN.length} flagged (${(fp * 100).toFixed(1)}% false positives)`,
        ...missed.map((e) => `  missed:   ${label(e)}`),
        ...flagged.map((x) => `  flagged:  ${label(x.e)} → ${x.f.map((f) => f.rule).join(",")}`),
      ].join("\n"),
    );
    // Looser bounds than the tuned corpus: this set measures, it does not steer the rules.
    expect(detection).toBeGreaterThanOrEqual(0.8);
    expect(fp).toBeLessThanOrEqual(0.1);
  });

  it("flags none of the reference servers' tool definitions", async () => {
    const tools = [];
    for (const server of REFERENCE) {
      const s = await collectSurface(
        [process.execPath, server, ...(server.includes("filesystem") ? [ROOT] : [])],
        {
          capabilities: { sampling: {}, elicitation: {}, roots: {} },
          env: {
            ...process.env,
            MEMORY_FILE_PATH: join(ROOT, "node_modules", ".aegis-corpus-memory.json"),
          },
        },
      );
      tools.push(...s.tools);
      if (s.instructions !== undefined)
        tools.push({ name: "instructions", description: s.instructions });
    }
    const flagged = tools
      .map((t) => ({ t, f: scanValue(t, "tool", OPTIONS).findings }))
      .filter((x) => x.f.length > 0);
    console.log(`reference servers: ${flagged.length}/${tools.length} definitions flagged`);
    expect(tools.length).toBeGreaterThan(20);
    expect(
      flagged.map((x) => `${String(x.t.name)}: ${x.f.map((f) => `${f.rule}@${f.path}`).join(",")}`),
    ).toEqual([]);
  });
});
