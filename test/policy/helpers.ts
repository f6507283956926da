import type { Principal } from "../../src/pipeline/types.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { PolicySchema } from "../../src/policy/schema.js";
import type { AccessRequest, Effect } from "../../src/policy/types.js";

/** An engine from a plain object, validated like a file. */
export function engineOf(policy: unknown): YamlPolicyEngine {
  return new YamlPolicyEngine(PolicySchema.parse(policy));
}

export function who(id: string, ...roles: string[]): Principal {
  return { id, roles: new Set(roles) };
}

export function callTool(
  engine: YamlPolicyEngine,
  principal: Principal,
  name: string,
  args: Record<string, unknown> = {},
  server?: string,
): Effect {
  return engine.evaluate({
    principal,
    action: "execute",
    target: server === undefined ? { kind: "tool", name } : { kind: "tool", name, server },
    arguments: args,
  }).effect;
}

export function listsTool(engine: YamlPolicyEngine, principal: Principal, name: string): boolean {
  const r: AccessRequest = {
    principal,
    action: "execute",
    target: { kind: "tool", name },
    listing: true,
  };
  return engine.evaluate(r).effect === "allow";
}
