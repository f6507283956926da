import { describe, expect, it } from "vitest";
import { ConditionSchema } from "../../src/policy/condition-schema.js";
import { compileConditions } from "../../src/policy/conditions.js";

function judge(when: Record<string, unknown>, args: Record<string, unknown>): string {
  const parsed = Object.fromEntries(
    Object.entries(when).map(([k, v]) => [k, ConditionSchema.parse(v)]),
  );
  const r = compileConditions(parsed).evaluate(args);
  return r.outcome === "hold" ? "hold" : `${r.outcome}:${r.argument}.${r.test}`;
}

describe("argument conditions", () => {
  const under = { path: { under: "/workspace" } };

  it.each([
    ["/workspace/a.txt", "hold"],
    ["/workspace", "hold"],
    ["/workspace/", "hold"],
    ["/workspace/a/../../etc/passwd", "fail:path.under"],
    ["/workspace/../workspace/x", "hold"],
    ["/workspace-other/x", "fail:path.under"],
    ["\\workspace\\..\\etc", "fail:path.under"],
    ["\\workspace\\a", "hold"],
    ["workspace/a", "error:path.under"],
    ["~/x", "error:path.under"],
  ])("under /workspace: %j → %s", (path, expected) => {
    expect(judge(under, { path })).toBe(expected);
  });

  it("under accepts several roots and Windows roots", () => {
    const w = { path: { under: ["C:\\work", "/srv"] } };
    expect(judge(w, { path: "c:/work/a" })).toBe("hold");
    expect(judge(w, { path: "/srv/x" })).toBe("hold");
    expect(judge(w, { path: "D:\\work" })).toBe("fail:path.under");
  });

  it("not_under refuses paths inside, and cannot judge relative paths", () => {
    const w = { path: { not_under: "/etc" } };
    expect(judge(w, { path: "/etc/../tmp/x" })).toBe("hold");
    expect(judge(w, { path: "/tmp/../etc/shadow" })).toBe("fail:path.not_under");
    expect(judge(w, { path: "etc/shadow" })).toBe("error:path.not_under");
  });

  it("ignore_case reads paths as Windows does: case, and a segment's trailing dots and blanks", () => {
    const w = { path: { not_under: "C:/Work/Secrets", ignore_case: true } };
    for (const path of [
      "c:/work/secrets/a",
      "C:/WORK/Secrets./a",
      "C:/Work/Secrets /a",
      "C:/Work/Secrets...",
    ])
      expect(judge(w, { path }), path).toBe("fail:path.not_under");
    expect(judge(w, { path: "C:/Work/Secrets.old/a" })).toBe("hold");
    // Without ignore_case a trailing dot is another name, as on Linux.
    expect(judge({ path: { not_under: "/srv/secrets" } }, { path: "/srv/secrets./a" })).toBe(
      "hold",
    );
  });

  it("starts_with / not_starts_with, with ignore_case", () => {
    expect(judge({ b: { not_starts_with: "-" } }, { b: "main" })).toBe("hold");
    expect(judge({ b: { not_starts_with: "-" } }, { b: "--upload-pack=x" })).toBe(
      "fail:b.not_starts_with",
    );
    expect(judge({ s: { starts_with: "select", ignore_case: true } }, { s: "SELECT 1" })).toBe(
      "hold",
    );
    expect(judge({ s: { starts_with: "select" } }, { s: "SELECT 1" })).toBe("fail:s.starts_with");
  });

  it("matches uses RE2 (search, anchors as written)", () => {
    const sql = { sql: { matches: "^\\s*SELECT\\b", ignore_case: true } };
    expect(judge(sql, { sql: "  select * from t" })).toBe("hold");
    expect(judge(sql, { sql: "selection" })).toBe("fail:sql.matches");
    expect(judge(sql, { sql: "DELETE FROM t; SELECT 1" })).toBe("fail:sql.matches");
  });

  it("a pathological pattern on hostile input still answers (no backtracking)", () => {
    const w = { s: { matches: "^(a+)+$" } };
    expect(judge(w, { s: `${"a".repeat(50_000)}!` })).toBe("fail:s.matches");
  });

  it("one_of compares type and value; not_one_of", () => {
    expect(judge({ m: { one_of: ["fast", 1, true] } }, { m: "fast" })).toBe("hold");
    expect(judge({ m: { one_of: ["1"] } }, { m: 1 })).toBe("fail:m.one_of");
    expect(judge({ m: { one_of: [1] } }, { m: 1 })).toBe("hold");
    expect(judge({ m: { not_one_of: ["rm"] } }, { m: "rm" })).toBe("fail:m.not_one_of");
    expect(judge({ m: { one_of: ["a"] } }, { m: { nested: 1 } })).toBe("error:m.one_of");
  });

  it("max_length, max_items, min, max", () => {
    expect(judge({ s: { max_length: 3 } }, { s: "abc" })).toBe("hold");
    expect(judge({ s: { max_length: 3 } }, { s: "abcd" })).toBe("fail:s.max_length");
    expect(judge({ f: { max_items: 2 } }, { f: [1, 2, 3] })).toBe("fail:f.max_items");
    expect(judge({ f: { max_items: 2 } }, { f: "x" })).toBe("error:f.max_items");
    expect(judge({ n: { min: 1, max: 10 } }, { n: 10 })).toBe("hold");
    expect(judge({ n: { min: 1, max: 10 } }, { n: 11 })).toBe("fail:n.max");
    expect(judge({ n: { min: 1 } }, { n: "5" })).toBe("error:n.min");
  });

  it("a string operator applies to every element of an array", () => {
    const w = { files: { not_starts_with: "-" } };
    expect(judge(w, { files: ["a", "b"] })).toBe("hold");
    expect(judge(w, { files: ["a", "--force"] })).toBe("fail:files.not_starts_with");
    expect(judge(w, { files: ["a", 3] })).toBe("error:files.not_starts_with");
  });

  it("a missing argument fails unless optional", () => {
    expect(judge({ path: { under: "/w" } }, {})).toBe("fail:path.present");
    expect(judge({ path: { under: "/w", optional: true } }, {})).toBe("hold");
    expect(judge({ path: { under: "/w", optional: true } }, { path: "/x" })).toBe(
      "fail:path.under",
    );
  });

  it("the schema refuses conditions with no operator, unknown operators, bad regexes and relative roots", () => {
    expect(ConditionSchema.safeParse({ optional: true }).success).toBe(false);
    expect(ConditionSchema.safeParse({ eval: "x" }).success).toBe(false);
    expect(ConditionSchema.safeParse({ matches: "(a" }).success).toBe(false);
    expect(ConditionSchema.safeParse({ matches: "(a)\\1" }).success).toBe(false);
    expect(ConditionSchema.safeParse({ under: "rel/dir" }).success).toBe(false);
  });
});
