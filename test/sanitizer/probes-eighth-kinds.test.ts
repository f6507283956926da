/**
 * Eighth pass probes on the non-shell kinds, written for this pass from how agents, tools and
 * attackers behave, not taken from the corpus. test/fixtures/probes-eighth/kinds-benign.jsonl
 * holds everyday calls whose values look risky (SQL with OR/UNION in a SQL tool, prose about
 * attacks, refs with slashes, encoded query strings, regexes, globs, templates of a dozen
 * engines, headers with commas, package specs with comparisons, env maps of builds, Windows
 * and Unicode file names); kinds-attacks.jsonl holds the attacks of the same pass (argument
 * injection into hosts, refs, packages, patterns and URLs in every separator and encoding,
 * CRLF, SQLi and NoSQLi in filter-like fields, SSTI in twelve engines, prompt injection,
 * traversal, sensitive writes, zip-slip, globs, env maps that load code, Unicode evasion,
 * SSRF). One JSON array per line: [tool, args] and [family, tool, args].
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";
import { rule } from "./blocked-rule.js";

beforeAll(() => loadShellParser());

const lines = (name: string): unknown[][] =>
  readFileSync(new URL(`../fixtures/probes-eighth/${name}`, import.meta.url), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as unknown[]);

const benign = lines("kinds-benign.jsonl") as Array<[string, Record<string, unknown>]>;
const attacks = lines("kinds-attacks.jsonl") as Array<[string, string, Record<string, unknown>]>;

describe("eighth pass (kinds): everyday calls pass", () => {
  it(`passes all ${benign.length} benign calls`, () => {
    expect(benign.length).toBeGreaterThanOrEqual(200);
    const blocked = benign
      .map(([tool, args]) => ({ tool, args, by: rule(tool, args) }))
      .filter((b) => b.by !== undefined)
      .map((b) => `${b.by}: ${b.tool} ${JSON.stringify(b.args).slice(0, 160)}`);
    expect(blocked).toEqual([]);
  });
});

describe("eighth pass (kinds): attacks are blocked", () => {
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
