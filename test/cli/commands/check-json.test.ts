import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, FIXTURE_POLICIES, POLICIES, tempDir } from "../../e2e/harness.js";

const dir = tempDir();
afterAll(dir.cleanup);

/** Runs the built `mcp-aegis check --json` and parses what it printed. */
function checkJson(...files: string[]) {
  const r = spawnSync(process.execPath, [BIN, "check", "--json", ...files], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr, result: JSON.parse(r.stdout) as CheckJson };
}

interface CheckJson {
  ok: boolean;
  files: Array<{ file: string; ok: boolean; principals?: number; mode?: string }>;
  problems: Array<{
    file: string;
    line: number;
    column: number;
    message: string;
    path: Array<string | number> | null;
  }>;
}

describe("mcp-aegis check --json", () => {
  it("a valid policy: ok, its summary, no problems, exit 0", () => {
    const file = join(POLICIES, "everything-demo.yaml");
    const r = checkJson(file);
    expect(r.status).toBe(0);
    expect(r.result).toEqual({
      ok: true,
      files: [{ file, ok: true, principals: 1, rules: 3, mode: "enforce" }],
      problems: [],
    });
  });

  it("problems with file, line, column, message and path; exit 1 as without --json", () => {
    const bad = join(dir.path, "bad.yaml");
    writeFileSync(bad, 'version: "1"\nprincipals:\n  a:\n    tols: []\n');
    const good = join(POLICIES, "everything-demo.yaml");
    const unknownAction = join(FIXTURE_POLICIES, "unknown-action.yaml");
    const r = checkJson(good, bad, unknownAction);
    expect(r.status).toBe(1);
    expect(r.result.ok).toBe(false);
    expect(r.result.files.map((f) => f.ok)).toEqual([true, false, false]);
    expect(r.result.problems).toContainEqual({
      file: bad,
      line: 4,
      column: 5,
      message: 'principals.a: unknown key "tols" (did you mean "tools"?)',
      path: ["principals", "a", "tols"],
    });
    const action = r.result.problems.find((p) => p.file === unknownAction);
    expect(action).toMatchObject({
      line: 6,
      path: ["principals", "dev", "tools", 0, "actions", 0],
    });
    expect(action?.message).toContain('unknown action "explode"');
  });

  it("YAML syntax errors and a missing file have no path", () => {
    const broken = join(dir.path, "broken.yaml");
    writeFileSync(broken, 'version: "1"\nprincipals: [\n');
    const missing = join(dir.path, "missing.yaml");
    const r = checkJson(broken, missing);
    expect(r.status).toBe(1);
    expect(r.result.problems.length).toBeGreaterThanOrEqual(2);
    for (const p of r.result.problems) {
      expect(p.path).toBeNull();
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.column).toBeGreaterThanOrEqual(1);
    }
    expect(r.result.problems.find((p) => p.file === missing)?.message).toMatch(/no such file/);
  });
});
