/**
 * Runs a split of the independent sanitizer corpus (test/fixtures/sanitizer-external/) through
 * a Sanitizer the way the shim's sanitize check does (the tool's definition from tools/list,
 * the default scan limits), and formats the per-family figures. Shared by
 * test/sanitizer/external-corpus.test.ts (source build) and bench/sanitizer-corpus.js (dist).
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const CORPUS_DIR = join(
  dirname(fileURLToPath(import.meta.url)),
  "..",
  "test",
  "fixtures",
  "sanitizer-external",
);

/** The issue-13 targets on the held-out split (reported, not asserted). */
export const TARGETS = Object.freeze({ coreBlocked: 0.99, benignBlocked: 0.01 });

export function loadSplit(name) {
  return JSON.parse(readFileSync(join(CORPUS_DIR, `${name}.json`), "utf8"));
}

export function evaluate(doc, { Sanitizer, config, limits }) {
  const sanitizer = new Sanitizer(config);
  const families = new Map();
  const sum = () => ({ total: 0, blocked: 0 });
  const summary = { core: sum(), attacks: sum(), benign: sum() };
  for (const c of doc.cases) {
    let rule;
    try {
      const result = sanitizer.scan(c.arguments, {
        tool: c.tool,
        toolDefinition: doc.tools[c.tool],
        maxScanBytes: limits.sanitizerMaxScanBytes,
        maxValueBytes: limits.maxArgumentBytes,
      });
      rule = result.blocked?.rule;
    } catch {
      rule = "threw"; // the shim refuses a call whose check throws
    }
    const row = families.get(c.family) ?? {
      family: c.family,
      label: c.label,
      core: c.core,
      total: 0,
      blocked: 0,
      rules: {},
      passedIds: [],
      blockedIds: [],
    };
    row.total++;
    if (rule) {
      row.blocked++;
      row.rules[rule] = (row.rules[rule] ?? 0) + 1;
      row.blockedIds.push(c.id);
    } else row.passedIds.push(c.id);
    families.set(c.family, row);
    for (const key of c.label === "attack"
      ? c.core
        ? ["core", "attacks"]
        : ["attacks"]
      : ["benign"]) {
      summary[key].total++;
      if (rule) summary[key].blocked++;
    }
  }
  const rows = [...families.values()].sort((a, b) =>
    a.label === b.label ? (a.family < b.family ? -1 : 1) : a.label < b.label ? -1 : 1,
  );
  return { split: doc.split, rows, summary };
}

export const rate = (r) => (r.total === 0 ? 0 : r.blocked / r.total);
const pct = (r) => `${(100 * rate(r)).toFixed(1)} %`;

/** The report as a markdown table, with the targets beside the summary figures. */
export function markdown(report, targets = TARGETS) {
  const topRules = (rules) =>
    Object.entries(rules)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([r, n]) => `${r} ${n}`)
      .join(", ");
  const out = [
    `### Sanitizer on the ${report.split} split of the independent corpus`,
    "",
    "| family | kind | blocked / total | rate | rules that blocked (top 3) |",
    "|---|---|---|---|---|",
  ];
  for (const r of report.rows) {
    const kind =
      r.label === "attack" ? (r.core ? "attack (core)" : "attack") : "benign (blocked = FP)";
    out.push(
      `| ${r.family} | ${kind} | ${r.blocked}/${r.total} | ${pct(r)} | ${topRules(r.rules)} |`,
    );
  }
  const { core, attacks, benign } = report.summary;
  out.push(
    "",
    `- core attacks blocked: **${core.blocked}/${core.total} (${pct(core)})**, target ≥ ${100 * targets.coreBlocked} %`,
    `- all attacks blocked: **${attacks.blocked}/${attacks.total} (${pct(attacks)})**`,
    `- benign calls wrongly blocked: **${benign.blocked}/${benign.total} (${pct(benign)})**, target ≤ ${100 * targets.benignBlocked} %`,
  );
  return out.join("\n");
}
