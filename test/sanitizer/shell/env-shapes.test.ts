import { beforeAll, describe, expect, it } from "vitest";
import { envListEntry, looksLikeEnvMap } from "../../../src/sanitizer/shell/env.js";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { rule } from "../blocked-rule.js";

// Env settings in the shapes tools take besides `env: {NAME: value}`: a list of NAME=value
// items, and a map of capitalised names under another key (`variables`, `config`).
beforeAll(async () => {
  await loadShellParser();
});

describe("env lists", () => {
  it("judges NAME=value items as env entries", () => {
    expect(envListEntry("PYTHONSTARTUP=/tmp/x.py")?.rule).toBe("env.code-loading");
    expect(envListEntry("PIP_INDEX_URL=https://evil.example/simple")?.rule).toBe(
      "env.index-override",
    );
    expect(envListEntry("NODE_ENV=production")).toBeUndefined();
    expect(envListEntry("not an assignment")).toBeUndefined();
    expect(envListEntry("=LD_PRELOAD")).toBeUndefined();
  });

  it("blocks a code-loading item in a tool's env list, passes ordinary ones", () => {
    expect(
      rule("run_process", {
        command: "python",
        args: ["main.py"],
        env_vars: ["PYTHONSTARTUP=/tmp/x.py"],
      }),
    ).toBe("env.code-loading");
    expect(rule("run_process", { command: "node", env: ["LD_PRELOAD=/tmp/e.so"] })).toBe(
      "env.code-loading",
    );
    expect(
      rule("run_process", { command: "node", env: ["NODE_ENV=test", "PORT=3000"] }),
    ).toBeUndefined();
  });
});

describe("env maps under other names", () => {
  it("recognises a map of capitalised names holding a code-loading one", () => {
    expect(looksLikeEnvMap({ NODE_OPTIONS: "--require /tmp/h.js", PORT: "1" })).toBe(true);
    expect(looksLikeEnvMap({ DYLD_INSERT_LIBRARIES: "/tmp/x.dylib" })).toBe(true);
    expect(looksLikeEnvMap({ NODE_ENV: "production", PORT: "8080" })).toBe(false);
    // Mixed-case keys are template or GraphQL variables, not an environment.
    expect(looksLikeEnvMap({ LD_PRELOAD: "x", userId: "1" })).toBe(false);
  });

  it("blocks it in a tool call, passes template and GraphQL variables", () => {
    expect(
      rule("start_server", {
        cmd: "npm start",
        variables: { NODE_OPTIONS: "--require /tmp/hook.js" },
      }),
    ).toBe("env.code-loading");
    expect(
      rule("render_template", { template: "Hi {{name}}", variables: { name: "Ada", count: 3 } }),
    ).toBeUndefined();
    expect(
      rule("graphql", {
        query: "query($id: ID!) { user(id: $id) { name } }",
        variables: { id: "42" },
      }),
    ).toBeUndefined();
    expect(rule("deploy", { variables: { NODE_ENV: "production", REPLICAS: "2" } })).toBe(
      undefined,
    );
  });
});
