import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePolicy } from "../../src/policy/compile.js";
import { evaluatePolicy } from "../../src/policy/evaluate.js";
import { PolicySchema } from "../../src/policy/schema.js";
import type { AccessRequest } from "../../src/policy/types.js";
import { engineOf, who } from "./helpers.js";

const NAMES = ["a", "ab", "a.b", "b", "read_file", "write_file", "fs:read"];
const PATTERNS = ["*", "a*", "a", "ab", "a.b", "*b", "read_*", "*_file", "fs:*", "fs:a*", "b*a"];
const ROLES = ["r1", "r2", "r3"];
const PATHS = ["/w/a", "/w/../etc", "/etc/x", "rel", 3];
const SERVERS = [undefined, "fs", "git"];
const ACTIONS = ["read", "execute"] as const;
const CONDITIONS = [
  undefined,
  undefined,
  { path: { under: "/w" } },
  { path: { not_under: "/etc" } },
  { path: { starts_with: "/w", optional: true } },
];

const ruleArb = (actions: ReadonlyArray<"read" | "execute">) =>
  fc.record({
    pattern: fc.constantFrom(...PATTERNS),
    actions: fc.subarray([...actions], { minLength: 1 }),
    effect: fc.constantFrom("allow", "deny", "ask"),
    when: fc.constantFrom(...CONDITIONS),
  });

const entryArb = fc.record({
  roles: fc.subarray(ROLES),
  tools: fc.array(ruleArb(["read", "execute"]), { maxLength: 5 }),
  // Prompts take `read` only.
  prompts: fc.array(ruleArb(["read"]), { maxLength: 3 }),
});

const policyArb = fc.record({
  version: fc.constant("1"),
  defaults: fc.record({
    effect: fc.constantFrom("allow", "deny"),
    list: fc.constantFrom("visible", "callable"),
  }),
  principals: fc.dictionary(fc.constantFrom("p1", "p2", "p3"), entryArb, { maxKeys: 3 }),
});

/** Drops `when: undefined` (the schema refuses an explicit undefined). */
function clean(policy: { principals: Record<string, Record<string, unknown>> }) {
  for (const entry of Object.values(policy.principals)) {
    for (const list of ["tools", "prompts"]) {
      entry[list] = (entry[list] as Array<Record<string, unknown>>).map(({ when, ...rest }) =>
        when === undefined ? rest : { ...rest, when },
      );
    }
  }
  return policy;
}

const requestArb = fc.record({
  id: fc.constantFrom("p1", "p2", "p3", "x"),
  roles: fc.subarray(ROLES),
  kind: fc.constantFrom("tool", "prompt"),
  name: fc.constantFrom(...NAMES),
});

describe("DecisionCache", () => {
  it("decides every request as evaluatePolicy does, however often it repeats (differential)", () => {
    fc.assert(
      fc.property(
        policyArb,
        fc.array(requestArb, { minLength: 1, maxLength: 8 }),
        (raw, requests) => {
          const policy = clean(structuredClone(raw));
          const engine = engineOf(policy);
          const compiled = compilePolicy(PolicySchema.parse(policy));
          // One Principal object per caller, as a session keeps it (the cache's fast key).
          const principals = new Map<string, ReturnType<typeof who>>();
          // Each question again with other arguments, listing, server and action: the cache must
          // not answer one with another's decision.
          const asked = requests.flatMap((r) =>
            PATHS.flatMap((path) =>
              [false, true].flatMap((listing) =>
                SERVERS.flatMap((server) =>
                  ACTIONS.map((action) => ({ ...r, path, listing, server, action })),
                ),
              ),
            ),
          );
          for (const r of asked) {
            const key = `${r.id}/${r.roles.join(",")}`;
            const principal = principals.get(key) ?? who(r.id, ...r.roles);
            principals.set(key, principal);
            const target =
              r.server === undefined
                ? { kind: r.kind, name: r.name }
                : { kind: r.kind, name: r.name, server: r.server };
            const request: AccessRequest = {
              principal,
              action: r.action,
              target,
              arguments: { path: r.path },
              listing: r.listing,
            };
            expect(engine.evaluate(request)).toEqual(evaluatePolicy(compiled, request));
          }
        },
      ),
      { seed: 2016, numRuns: 150 },
    );
  });

  it("shares a decision only when no argument condition can change it", () => {
    const engine = engineOf({
      version: "1",
      principals: {
        u: {
          tools: [
            { pattern: "plain", actions: ["execute"] },
            { pattern: "guarded", actions: ["execute"], when: { path: { under: "/w" } } },
          ],
        },
      },
    });
    const u = who("u");
    const call = (name: string, path: string) =>
      engine.evaluate({
        principal: u,
        action: "execute",
        target: { kind: "tool", name },
        arguments: { path },
      });
    const first = call("plain", "/w/a");
    expect(call("plain", "/etc/x")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(call("guarded", "/w/a").effect).toBe("allow");
    expect(call("guarded", "/etc/x").effect).toBe("deny");
    expect(call("guarded", "/w/b").effect).toBe("allow");
  });
});
