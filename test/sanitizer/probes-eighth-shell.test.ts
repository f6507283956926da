/**
 * Eighth pass probes, shell command lines and exec argv, written for this pass from how
 * coding agents, CI scripts and attackers behave (not taken from the corpus):
 * test/fixtures/probes-eighth/shell-benign.jsonl holds everyday compound dev commands (&&,
 * ||, pipes, subshells, here-documents, loops, substitutions, jq/rg/sed/awk, docker,
 * kubectl, terraform, gh, aws, curl to APIs, package managers, CI snippets) and argv calls;
 * shell-attacks.jsonl holds injection in every separator form, recon then exfiltration,
 * uploads of secrets, reverse shells, download-and-run, obfuscation, destructive,
 * persistence and privilege commands, and Windows lines, under several tool and field names.
 * One JSON array per line: [tool, args] and [family, tool, args].
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

const benign = lines("shell-benign.jsonl") as Array<[string, Record<string, unknown>]>;
const attacks = lines("shell-attacks.jsonl") as Array<[string, string, Record<string, unknown>]>;

describe("eighth pass (shell): everyday command lines pass", () => {
  it(`passes all ${benign.length} benign calls`, () => {
    expect(benign.length).toBeGreaterThanOrEqual(200);
    const blocked = benign
      .map(([tool, args]) => ({ tool, args, by: rule(tool, args) }))
      .filter((b) => b.by !== undefined)
      .map((b) => `${b.by}: ${b.tool} ${JSON.stringify(b.args).slice(0, 160)}`);
    expect(blocked).toEqual([]);
  });
});

describe("eighth pass (shell): attacks are blocked", () => {
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
