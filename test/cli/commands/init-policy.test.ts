import { describe, expect, it } from "vitest";
import {
  classifyTool,
  commentText,
  renderStarterPolicy,
  type StarterOptions,
  templateGlob,
} from "../../../src/cli/commands/init-policy.js";
import { YamlPolicyEngine } from "../../../src/policy/engine.js";

const OPTS: StarterOptions = {
  principal: "developer",
  roles: ["dev"],
  destructive: "deny",
  server: ["srv"],
};

const tool = (name: string, annotations?: Record<string, unknown>) =>
  annotations ? { name, annotations } : { name };

function decide(engine: YamlPolicyEngine, name: string, action: "read" | "execute") {
  return engine.evaluate({
    principal: { id: "developer", roles: new Set(["dev"]) },
    action,
    target: { kind: "tool", name },
  }).effect;
}

describe("init's starter policy", () => {
  it("classifies tools by their annotations", () => {
    expect(classifyTool(tool("r", { readOnlyHint: true }), "deny").kind).toBe("callable");
    expect(classifyTool(tool("d", { destructiveHint: true }), "deny").kind).toBe("refused");
    expect(classifyTool(tool("d", { destructiveHint: true }), "ask").kind).toBe("ask");
    expect(classifyTool(tool("n"), "deny").kind).toBe("visible");
    expect(classifyTool(tool("n", { destructiveHint: false }), "deny").kind).toBe("visible");
    // A hint that is not literally true grants nothing.
    expect(classifyTool(tool("s", { readOnlyHint: "true" }), "deny").kind).toBe("visible");
  });

  it("loads, and decides each tool as its comment says", () => {
    const text = renderStarterPolicy(
      {
        tools: [
          tool("read_file", { readOnlyHint: true }),
          tool("delete_file", { readOnlyHint: false, destructiveHint: true }),
          tool("touch"),
        ],
      },
      OPTS,
    );
    const engine = YamlPolicyEngine.fromString(text, "starter.yaml");
    expect(decide(engine, "read_file", "execute")).toBe("allow");
    expect(decide(engine, "touch", "read")).toBe("allow");
    expect(decide(engine, "touch", "execute")).toBe("deny");
    expect(decide(engine, "delete_file", "read")).toBe("deny");
    expect(decide(engine, "delete_file", "execute")).toBe("deny");
    expect(decide(engine, "unlisted", "read")).toBe("deny");
    expect(text).toMatch(/# readOnlyHint: true → callable\n\s+- pattern: "read_file"/);
    expect(text).toMatch(/UNTRUSTED HINTS/);
    expect(engine.document.principals.developer?.roles).toEqual(["dev"]);
  });

  it("writes effect: ask for destructive tools when asked to", () => {
    const text = renderStarterPolicy(
      { tools: [tool("rm", { destructiveHint: true })] },
      { ...OPTS, destructive: "ask" },
    );
    const engine = YamlPolicyEngine.fromString(text);
    expect(engine.document.principals.developer?.tools[0]?.effect).toBe("ask");
  });

  it("keeps hostile server text inside its comment and its quotes", () => {
    const evil = 'x"\n  - pattern: "other"\n    actions: [execute]\u2028# \u0085';
    const text = renderStarterPolicy(
      {
        tools: [{ name: evil, description: evil, annotations: { readOnlyHint: true } }],
        prompts: [{ name: "p\nq", description: "line\r\nbreak" }],
        resources: [{ uri: "demo://r/a", description: "\u2029x" }],
        resourceTemplates: [],
      },
      OPTS,
    );
    const engine = YamlPolicyEngine.fromString(text);
    const rules = engine.document.principals.developer?.tools ?? [];
    expect(rules.map((r) => r.pattern)).toEqual([evil]);
    expect(decide(engine, "other", "execute")).toBe("deny");
    expect(engine.document.principals.developer?.prompts.map((p) => p.pattern)).toEqual(["p\nq"]);
    expect(commentText("a\u2028b\u0085c\td")).toBe("a b c d");
  });

  it("leaves out names holding the wildcard, and says so", () => {
    const text = renderStarterPolicy({ tools: [tool("a*", { readOnlyHint: true })] }, OPTS);
    expect(YamlPolicyEngine.fromString(text).document.principals.developer?.tools).toEqual([]);
    expect(text).toContain('left out (its name holds "*"');
  });

  it("turns URI templates into globs", () => {
    expect(templateGlob("demo://r/{id}")).toBe("demo://r/*");
    expect(templateGlob("file:///{+path}")).toBe("file:///**");
    expect(templateGlob("x://a/{a}/b{/c}")).toBe("x://a/*/b**");
  });
});
