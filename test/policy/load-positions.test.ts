import { describe, expect, it } from "vitest";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { formatProblem, PolicyLoadError, parsePolicy } from "../../src/policy/load.js";

function problems(text: string): string[] {
  try {
    parsePolicy(text, "p.yaml");
  } catch (err) {
    if (err instanceof PolicyLoadError) return err.problems.map(formatProblem);
    throw err;
  }
  return [];
}

describe("loading a policy", () => {
  it("reports every problem as file:line:col", () => {
    const text = [
      'version: "1"', //                                1
      "colour: red", //                                 2
      "principals:", //                                 3
      "  dev:", //                                      4
      "    tools:", //                                  5
      "      - pattern: x", //                          6
      "        actions: [read, delete]", //             7
      "        when:", //                               8
      "          path: { under: rel }", //              9
      "          sql: { matches: '(a' }", //            10
      "    resources:", //                              11
      "      - pattern: 'file:///**'", //               12
      "        actions: [execute]", //                  13
    ].join("\n");
    const found = problems(text);
    expect(found).toContain('p.yaml:2:1: unknown key "colour"');
    expect(found.find((p) => p.startsWith("p.yaml:7:"))).toMatch(/unknown action "delete"/);
    expect(found.find((p) => p.startsWith("p.yaml:9:"))).toMatch(/"rel" is not an absolute path/);
    expect(found.find((p) => p.startsWith("p.yaml:10:"))).toMatch(/bad regular expression/);
    expect(found.find((p) => p.startsWith("p.yaml:13:"))).toMatch(/unknown action "execute"/);
    expect(found).toHaveLength(5);
  });

  it("refuses duplicate principals with the line of the second", () => {
    const text = 'version: "1"\nprincipals:\n  dev: {}\n  dev: {}\n';
    expect(problems(text)).toEqual([
      'p.yaml:4:3: duplicate key "dev" (map keys must be unique: a principal, rule field or condition is named twice)',
    ]);
  });

  it("refuses an unknown effect and an unknown rule key", () => {
    const text =
      'version: "1"\nprincipals:\n  dev:\n    tools:\n      - { pattern: x, actions: [read], effect: maybe, regex: y }\n';
    const found = problems(text);
    expect(found.some((p) => /effect/.test(p))).toBe(true);
    expect(found.some((p) => /unknown key "regex"/.test(p))).toBe(true);
  });

  it("compiled rules know where they were written", () => {
    const engine = YamlPolicyEngine.fromString(
      'version: "1"\nprincipals:\n  dev:\n    tools:\n      - pattern: echo\n        actions: [execute]\n',
      "p.yaml",
    );
    const { decision, trace } = engine.explain({
      principal: { id: "dev", roles: new Set() },
      action: "execute",
      target: { kind: "tool", name: "echo" },
    });
    expect(decision.reasons).toEqual(["principals.dev.tools[0]"]);
    expect(trace[0]?.location).toBe("p.yaml:5:9");
  });
});
