import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BIN, POLICIES, tempDir } from "../../e2e/harness.js";

function aegis(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const dir = tempDir("aegis-cli-");
afterAll(() => dir.cleanup());

describe("mcp-aegis check", () => {
  it("accepts every shipped example policy", () => {
    const files = ["everything-demo", "filesystem-readonly", "database-select-only", "git-no-push"];
    const r = aegis("check", ...files.map((f) => join(POLICIES, `${f}.yaml`)));
    expect(r.code).toBe(0);
    expect(r.out.trim().split("\n")).toHaveLength(4);
  });

  it("exits 1 and prints every problem as file:line:col", () => {
    const file = join(dir.path, "bad.yaml");
    writeFileSync(
      file,
      'version: "1"\nprincipals:\n  dev:\n    tools:\n      - { pattern: x, actions: [delete], when: { sql: { matches: "(" } } }\n',
    );
    const r = aegis("check", file);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split("\n");
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l.startsWith(`${file}:5:`)).toBe(true);
    expect(r.out).toMatch(/unknown action "delete"/);
    expect(r.out).toMatch(/bad regular expression/);
  });
});

describe("mcp-aegis explain", () => {
  const policy = join(POLICIES, "git-no-push.yaml");

  it("exits 0 on allow and names the rule", () => {
    const r = aegis(
      "explain",
      "--policy",
      policy,
      "--principal",
      "d",
      "--roles",
      "dev",
      "--tool",
      "git_status",
      "--args",
      '{"repo_path":"/home/dev/src/app"}',
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^allow execute tool "git_status"/);
    expect(r.out).toMatch(
      /decided by principals\.developer\.tools\[0\] \(.*git-no-push\.yaml:\d+:\d+\)/,
    );
  });

  it("exits 1 on deny: pushes and flag injection", () => {
    const push = aegis("explain", "--policy", policy, "--roles", "dev", "--tool", "git_push");
    expect(push.code).toBe(1);
    expect(push.out).toMatch(/^deny/);
    const flag = aegis(
      "explain",
      "--policy",
      policy,
      "--roles",
      "dev",
      "--tool",
      "git_checkout",
      "--args",
      '{"branch_name":"--upload-pack=evil"}',
    );
    expect(flag.code).toBe(1);
    expect(flag.out).toMatch(/branch_name\.not_starts_with/);
  });

  it("is a usage error (2) without a target or with bad --args", () => {
    expect(aegis("explain", "--policy", policy).code).toBe(2);
    expect(aegis("explain", "--policy", policy, "--tool", "x", "--args", "[1]").code).toBe(2);
  });
});

describe("mcp-aegis test", () => {
  it("runs cases and reports failures with their line", () => {
    const cases = join(dir.path, "cases.yaml");
    writeFileSync(
      cases,
      [
        "cases:",
        "  - { name: select runs, roles: [analyst], tool: query, args: { sql: 'SELECT 1' }, expect: allow }",
        "  - { name: drop refused, roles: [analyst], tool: query, args: { sql: 'DROP TABLE t' }, expect: deny }",
        "  - { name: wrong on purpose, roles: [analyst], tool: query, args: { sql: 'SELECT 1; DELETE FROM t' }, expect: allow }",
        "  - { name: dba by rule, roles: [dba], tool: anything, expect: allow, rule: 'principals.dba.tools[0]' }",
        "",
      ].join("\n"),
    );
    const r = aegis("test", join(POLICIES, "database-select-only.yaml"), cases);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(
      new RegExp(
        `FAIL ${cases.replaceAll("/", "\\/")}:4:\\d+: wrong on purpose: expected allow, got deny`,
      ),
    );
    expect(r.out.trim().split("\n").at(-1)).toBe("3 passed, 1 failed");
  });

  it.each(["database-select-only", "filesystem-readonly", "git-no-push"])(
    "the shipped cases for %s pass",
    (name) => {
      const r = aegis(
        "test",
        join(POLICIES, `${name}.yaml`),
        join(POLICIES, "tests", `${name}.cases.yaml`),
      );
      expect(r.out).toMatch(/^\d+ passed, 0 failed$/m);
      expect(r.code).toBe(0);
    },
  );

  it("exits 0 when every case passes", () => {
    const cases = join(dir.path, "ok.yaml");
    writeFileSync(
      cases,
      "cases:\n  - { roles: [dev], tool: echo, expect: allow }\n  - { tool: echo, expect: deny }\n",
    );
    const r = aegis("test", join(POLICIES, "everything-demo.yaml"), cases);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toBe("2 passed, 0 failed");
  });
});
