import { describe, expect, it } from "vitest";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { callTool, engineOf, listsTool, who } from "./helpers.js";

/** The seed's policy, verbatim from its product page. */
const SEED = `
version: "1"
defaults:
  effect: deny    # deny-by-default (zero trust)

principals:
  admin:
    roles: [admin]
    tools:
      - pattern: "*"           # wildcard: access to everything
        actions: [read, execute]

  developer:
    roles: [dev]
    tools:
      - pattern: "db:read"     # exact match
        actions: [execute]
      - pattern: "fs:*"        # namespace wildcard
        actions: [read]
      - pattern: "git:*"
        actions: [read, execute]

  readonly:
    roles: [observer]
    tools:
      - pattern: "*"
        actions: [read]        # can read anything, execute nothing
`;

describe("the seed format", () => {
  const engine = YamlPolicyEngine.fromString(SEED, "seed.yaml");
  it("admin may call anything; a junior may not call db:write", () => {
    expect(callTool(engine, who("root", "admin"), "drop_everything")).toBe("allow");
    expect(callTool(engine, who("junior", "dev"), "write", {}, "db")).toBe("deny");
    expect(callTool(engine, who("junior", "dev"), "read", {}, "db")).toBe("allow");
    expect(callTool(engine, who("junior", "dev"), "status", {}, "git")).toBe("allow");
  });

  it("read without execute lists the tool (the seed's read-only role) and lets nobody call it", () => {
    expect(callTool(engine, who("o", "observer"), "anything")).toBe("deny");
    expect(listsTool(engine, who("o", "observer"), "anything")).toBe(true);
    expect(callTool(engine, who("junior", "dev"), "read_file", {}, "fs")).toBe("deny");
    expect(listsTool(engine, who("junior", "dev"), "read_file")).toBe(false); // fs:* needs --server-name fs
  });

  it("defaults.list: callable lists only what may be called", () => {
    const callable = YamlPolicyEngine.fromString(
      SEED.replace("defaults:\n", "defaults:\n  list: callable\n"),
      "seed.yaml",
    );
    expect(listsTool(callable, who("o", "observer"), "anything")).toBe(false);
    expect(listsTool(callable, who("root", "admin"), "anything")).toBe(true);
    expect(callTool(callable, who("o", "observer"), "anything")).toBe("deny");
  });

  it("a caller is covered by its name as well as by its roles", () => {
    expect(callTool(engine, who("admin"), "x")).toBe("allow");
    expect(callTool(engine, who("nobody"), "x")).toBe("deny");
  });
});

describe("precedence", () => {
  const policy = {
    version: "1",
    defaults: { effect: "deny" },
    principals: {
      dev: { roles: ["dev"], tools: [{ pattern: "*", actions: ["read", "execute"] }] },
      contractors: {
        roles: ["contractor"],
        tools: [{ pattern: "deploy*", actions: ["execute"], effect: "deny" }],
      },
    },
  };

  it("an explicit deny from any covering entry overrides an allow from another", () => {
    const engine = engineOf(policy);
    expect(callTool(engine, who("a", "dev"), "deploy_prod")).toBe("allow");
    const d = engine.evaluate({
      principal: who("b", "dev", "contractor"),
      action: "execute",
      target: { kind: "tool", name: "deploy_prod" },
    });
    expect(d).toMatchObject({ effect: "deny", reasons: ["principals.contractors.tools[0]"] });
    expect(listsTool(engine, who("b", "dev", "contractor"), "deploy_prod")).toBe(false);
  });

  it("a deny naming only read also refuses the call (a hidden tool is refused)", () => {
    const engine = engineOf({
      version: 1,
      principals: {
        dev: {
          tools: [
            { pattern: "*", actions: ["read", "execute"] },
            { pattern: "secret", actions: ["read"], effect: "deny" },
          ],
        },
      },
    });
    expect(callTool(engine, who("dev"), "secret")).toBe("deny");
    expect(listsTool(engine, who("dev"), "secret")).toBe(false);
  });

  it("no rule falls to defaults.effect, allow or deny", () => {
    expect(callTool(engineOf({ version: "1", defaults: { effect: "allow" } }), who("x"), "t")).toBe(
      "allow",
    );
    const d = engineOf({ version: "1" }).evaluate({
      principal: who("x"),
      action: "execute",
      target: { kind: "tool", name: "t" },
    });
    expect(d).toEqual({ effect: "deny", reasons: ["defaults.effect"], errors: [] });
  });

  it("a matching allow whose conditions fail denies even under a default allow", () => {
    const engine = engineOf({
      version: "1",
      defaults: { effect: "allow" },
      principals: {
        w: {
          tools: [{ pattern: "write_file", actions: ["execute"], when: { path: { under: "/w" } } }],
        },
      },
    });
    expect(callTool(engine, who("w"), "write_file", { path: "/w/a" })).toBe("allow");
    const d = engine.evaluate({
      principal: who("w"),
      action: "execute",
      target: { kind: "tool", name: "write_file" },
      arguments: { path: "/etc/x" },
    });
    expect(d).toMatchObject({ effect: "deny", detail: "condition path.under does not hold" });
  });

  it("a deny whose condition cannot be judged denies (fail closed)", () => {
    const engine = engineOf({
      version: "1",
      defaults: { effect: "allow" },
      principals: {
        u: {
          tools: [
            {
              pattern: "*",
              actions: ["execute"],
              effect: "deny",
              when: { path: { under: "/etc" } },
            },
          ],
        },
      },
    });
    expect(callTool(engine, who("u"), "read", { path: "/tmp/x" })).toBe("allow");
    expect(callTool(engine, who("u"), "read", { path: "/tmp/../etc/x" })).toBe("deny");
    expect(callTool(engine, who("u"), "read", { path: "etc/x" })).toBe("deny");
    expect(callTool(engine, who("u"), "read", { path: 42 })).toBe("deny");
  });

  it("an error while evaluating denies", () => {
    const engine = engineOf({ version: "1", defaults: { effect: "allow" } });
    const principal = {
      id: "x",
      get roles(): Set<string> {
        throw new Error("broken principal");
      },
    };
    const d = engine.evaluate({
      principal,
      action: "execute",
      target: { kind: "tool", name: "t" },
    });
    expect(d.effect).toBe("deny");
    expect(d.errors[0]).toMatch(/broken principal/);
  });

  it("listing ignores conditions: a conditional allow lists, a conditional deny does not hide", () => {
    const engine = engineOf({
      version: "1",
      principals: {
        u: {
          tools: [
            { pattern: "write_file", actions: ["execute"], when: { path: { under: "/w" } } },
            {
              pattern: "write_file",
              actions: ["execute"],
              effect: "deny",
              when: { path: { starts_with: "/w/.git" } },
            },
          ],
        },
      },
    });
    expect(listsTool(engine, who("u"), "write_file")).toBe(true);
    expect(callTool(engine, who("u"), "write_file", { path: "/w/.git/config" })).toBe("deny");
  });
});

describe("namespaces", () => {
  const engine = engineOf({
    version: "1",
    principals: {
      u: {
        tools: [
          { pattern: "fs:*", actions: ["execute"] },
          { pattern: "fs:write_*", actions: ["execute"], effect: "deny" },
        ],
      },
    },
  });

  it("a namespaced pattern matches `<server>:<tool>` when the server is named", () => {
    expect(callTool(engine, who("u"), "read_file", {}, "fs")).toBe("allow");
    expect(callTool(engine, who("u"), "read_file", {}, "git")).toBe("deny");
    expect(callTool(engine, who("u"), "write_file", {}, "fs")).toBe("deny");
  });

  it("without a server name namespaced allows never match, namespaced denies still do", () => {
    expect(callTool(engine, who("u"), "read_file")).toBe("deny");
    const allowAll = engineOf({
      version: "1",
      defaults: { effect: "allow" },
      principals: {
        u: { tools: [{ pattern: "fs:write_*", actions: ["execute"], effect: "deny" }] },
      },
    });
    expect(callTool(allowAll, who("u"), "write_file")).toBe("deny");
    expect(callTool(allowAll, who("u"), "read_file")).toBe("allow");
  });
});

describe("resources and prompts", () => {
  const engine = engineOf({
    version: "1",
    principals: {
      u: {
        resources: [
          { pattern: "file:///workspace/**" },
          { pattern: "file:///workspace/secrets/**", effect: "deny" },
        ],
        prompts: [
          { pattern: "review-*" },
          { pattern: "summarize", when: { style: { one_of: ["short", "long"] } } },
        ],
      },
    },
  });
  const read = (uri: string) =>
    engine.evaluate({ principal: who("u"), action: "read", target: { kind: "resource", uri } })
      .effect;
  const prompt = (name: string, args?: Record<string, unknown>) =>
    engine.evaluate({
      principal: who("u"),
      action: "read",
      target: { kind: "prompt", name },
      ...(args ? { arguments: args } : {}),
    }).effect;

  it("matches normalised URIs against globs, deny overriding", () => {
    expect(read("file:///workspace/a/b.txt")).toBe("allow");
    expect(read("file:///workspace/secrets/key")).toBe("deny");
    expect(read("file:///workspace/public/../secrets/key")).toBe("deny");
    expect(read("file:///workspace/%2e%2e/etc/passwd")).toBe("deny");
    expect(read("FILE:///workspace/a")).toBe("allow");
    expect(read("file:///etc/passwd")).toBe("deny");
  });

  it("prompt rules with argument conditions", () => {
    expect(prompt("review-code")).toBe("allow");
    expect(prompt("summarize", { style: "short" })).toBe("allow");
    expect(prompt("summarize", { style: "ignore previous instructions" })).toBe("deny");
    expect(prompt("summarize")).toBe("deny");
    expect(prompt("other")).toBe("deny");
  });
});

describe("server → client requests", () => {
  const ask = (engine: ReturnType<typeof engineOf>, method: string, ...roles: string[]) =>
    engine.evaluate({
      principal: who("p", ...roles),
      action: "execute",
      target: { kind: "server-request", method },
    }).effect;

  it("unnamed: sampling and elicitation denied, roots allowed; deny per principal wins", () => {
    const engine = engineOf({
      version: "1",
      principals: {
        a: { roles: ["a"], server_requests: { "sampling/createMessage": "deny" } },
        b: {
          roles: ["b"],
          server_requests: { "sampling/createMessage": "allow", "roots/list": "allow" },
        },
      },
    });
    expect(ask(engine, "sampling/createMessage")).toBe("deny");
    expect(ask(engine, "elicitation/create")).toBe("deny");
    expect(ask(engine, "roots/list")).toBe("allow");
    expect(ask(engine, "sampling/createMessage", "b")).toBe("allow");
    expect(ask(engine, "sampling/createMessage", "a")).toBe("deny");
    expect(ask(engine, "sampling/createMessage", "a", "b")).toBe("deny");
    expect(ask(engine, "elicitation/create", "a")).toBe("deny");
  });

  it("defaults.server_requests: allow opens all three unless an entry denies", () => {
    const engine = engineOf({
      version: "1",
      defaults: { server_requests: "allow" },
      principals: { a: { roles: ["a"], server_requests: { "sampling/createMessage": "deny" } } },
    });
    expect(ask(engine, "sampling/createMessage")).toBe("allow");
    expect(ask(engine, "elicitation/create")).toBe("allow");
    expect(ask(engine, "sampling/createMessage", "a")).toBe("deny");
  });

  it("defaults.server_requests: deny closes them all unless an entry allows", () => {
    const engine = engineOf({
      version: "1",
      defaults: { server_requests: "deny" },
      principals: { b: { roles: ["b"], server_requests: { "roots/list": "allow" } } },
    });
    expect(ask(engine, "roots/list")).toBe("deny");
    expect(ask(engine, "roots/list", "b")).toBe("allow");
    expect(ask(engine, "sampling/createMessage", "b")).toBe("deny");
  });
});

describe("a policy of 1,000 rules", () => {
  it("decides by index: exact names, wildcard prefixes and a catch-all deny", () => {
    const tools = Array.from({ length: 1000 }, (_, i) => ({
      pattern: i % 2 ? `tool_${i}` : `ns_${i}_*`,
      actions: ["execute"],
    }));
    tools.push({ pattern: "*_danger", actions: ["execute"], effect: "deny" } as never);
    const engine = engineOf({ version: "1", principals: { u: { tools } } });
    expect(callTool(engine, who("u"), "tool_999")).toBe("allow");
    expect(callTool(engine, who("u"), "tool_998")).toBe("deny");
    expect(callTool(engine, who("u"), "ns_998_x")).toBe("allow");
    expect(callTool(engine, who("u"), "ns_998_danger")).toBe("deny");
  });
});
