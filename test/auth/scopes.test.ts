import { describe, expect, it } from "vitest";
import { missingScopes, policyScopes } from "../../src/auth/scopes.js";
import type { Principal } from "../../src/pipeline/types.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";

const engine = YamlPolicyEngine.fromString(`
version: "1"
principals:
  dev:
    roles: [dev]
    tools:
      - pattern: "get-sum"
        actions: [execute]
        scopes: [math, calc]
      - pattern: "echo"
        actions: [execute]
`);

const who = (scopes?: string[]): Principal => ({
  id: "alice",
  roles: new Set(["dev"]),
  ...(scopes ? { scopes: new Set(scopes) } : {}),
});

describe("scope requirements of policy rules", () => {
  it("names the scopes the deciding rule needs and the token lacks", () => {
    expect(missingScopes(engine, who(["math"]), { kind: "tool", name: "get-sum" })).toEqual([
      "calc",
    ]);
    expect(missingScopes(engine, who(["math", "calc"]), { kind: "tool", name: "get-sum" })).toEqual(
      [],
    );
  });
  it("asks nothing of rules without scopes, of denied calls, or of callers without a token", () => {
    expect(missingScopes(engine, who([]), { kind: "tool", name: "echo" })).toEqual([]);
    expect(missingScopes(engine, who([]), { kind: "tool", name: "get-env" })).toEqual([]);
    expect(missingScopes(engine, who(), { kind: "tool", name: "get-sum" })).toEqual([]);
  });
  it("lists every scope the policy uses, for scopes_supported", () => {
    expect(policyScopes(engine)).toEqual(["calc", "math"]);
  });
});
