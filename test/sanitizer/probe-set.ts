/**
 * One probe pass kept as JSONL (`[tool, args]` benign lines, `[family, tool, args]` attack
 * lines): every benign call passes and every attack is blocked, one test per family.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";
import { rule } from "./blocked-rule.js";

interface ProbeSet {
  /** Test title prefix (`seventh pass`). */
  readonly title: string;
  /** Folder under test/fixtures/. */
  readonly dir: string;
  readonly benign: string;
  readonly attacks: string;
  readonly minBenign: number;
  readonly minAttacks: number;
}

const lines = (dir: string, name: string): unknown[][] =>
  readFileSync(new URL(`../fixtures/${dir}/${name}`, import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as unknown[]);

export function probeSet(p: ProbeSet): void {
  beforeAll(() => loadShellParser());
  const benign = lines(p.dir, p.benign) as Array<[string, Record<string, unknown>]>;
  const attacks = lines(p.dir, p.attacks) as Array<[string, string, Record<string, unknown>]>;

  describe(`${p.title}: everyday calls pass`, () => {
    it(`passes all ${benign.length} benign calls`, () => {
      expect(benign.length).toBeGreaterThanOrEqual(p.minBenign);
      const blocked = benign
        .map(([tool, args]) => ({ tool, args, by: rule(tool, args) }))
        .filter((b) => b.by !== undefined)
        .map((b) => `${b.by}: ${b.tool} ${JSON.stringify(b.args).slice(0, 160)}`);
      expect(blocked).toEqual([]);
    });
  });

  describe(`${p.title}: attacks are blocked`, () => {
    const families = [...new Set(attacks.map(([family]) => family))];
    it.each(families)("blocks every %s probe", (family) => {
      const missed = attacks
        .filter(([f]) => f === family)
        .filter(([, tool, args]) => rule(tool, args) === undefined)
        .map(([, tool, args]) => `${tool} ${JSON.stringify(args).slice(0, 160)}`);
      expect(missed).toEqual([]);
    });

    it(`holds at least ${p.minAttacks} attack probes`, () => {
      expect(attacks.length).toBeGreaterThanOrEqual(p.minAttacks);
    });
  });
}
