/**
 * Seventh pass probes (issue 13), written for this pass from how agents, tools and attackers
 * behave, not taken from the corpus: test/fixtures/probes-seventh/benign.jsonl holds everyday
 * calls an AI coding agent makes (shell and argv commands, file writes of code, configs,
 * Dockerfiles, CI YAML, migrations and security docs, fetches with headers, SQL, templates of
 * five engines, search globs and regexes, env maps, git, chat and notes in several
 * languages); attacks.jsonl holds the attack probes of the same pass that the sanitizer
 * blocks (shell and argument injection, env maps, destructive commands, CRLF, SSTI in
 * templates, names and titles, SQLi, prompt injection, sensitive writes, zip-slip, globs,
 * traversal, Unicode evasion). One JSON array per line: [tool, args] and [family, tool, args].
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";
import { rule } from "./blocked-rule.js";

beforeAll(() => loadShellParser());

const lines = (name: string): unknown[][] =>
  readFileSync(new URL(`../fixtures/probes-seventh/${name}`, import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as unknown[]);

const benign = lines("benign.jsonl") as Array<[string, Record<string, unknown>]>;
const attacks = lines("attacks.jsonl") as Array<[string, string, Record<string, unknown>]>;

describe("seventh pass: everyday calls pass", () => {
  it(`passes all ${benign.length} benign calls`, () => {
    expect(benign.length).toBeGreaterThanOrEqual(300);
    const blocked = benign
      .map(([tool, args]) => ({ tool, args, by: rule(tool, args) }))
      .filter((b) => b.by !== undefined)
      .map((b) => `${b.by}: ${b.tool} ${JSON.stringify(b.args).slice(0, 160)}`);
    expect(blocked).toEqual([]);
  });
});

describe("seventh pass: attacks are blocked", () => {
  const families = [...new Set(attacks.map(([family]) => family))];
  it.each(families)("blocks every %s probe", (family) => {
    const missed = attacks
      .filter(([f]) => f === family)
      .filter(([, tool, args]) => rule(tool, args) === undefined)
      .map(([, tool, args]) => `${tool} ${JSON.stringify(args).slice(0, 160)}`);
    expect(missed).toEqual([]);
  });

  it("holds at least 200 attack probes", () => {
    expect(attacks.length).toBeGreaterThanOrEqual(200);
  });
});
