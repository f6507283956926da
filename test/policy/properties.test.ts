import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listFilterCheck } from "../../src/pipeline/checks/list-filter.js";
import { policyCheck } from "../../src/pipeline/checks/policy.js";
import type { Verdict } from "../../src/pipeline/types.js";
import { ctxOf, frameOf } from "../pipeline/checks/frames.js";
import { engineOf, who } from "./helpers.js";

const NAMES = ["a", "ab", "a.b", "b", "read_file", "write_file", "fs:read"];
const PATTERNS = ["*", "a*", "a", "ab", "a.b", "*b", "read_*", "*_file", "fs:*", "b*a"];
const ROLES = ["r1", "r2", "r3"];
const PATHS = ["/w/a", "/w/../etc", "/etc/x", "rel", 3];
const CONDITIONS = [
  undefined,
  { path: { under: "/w" } },
  { path: { not_under: "/etc" } },
  { path: { starts_with: "/w", optional: true } },
];

const ruleArb = (conditions: boolean) =>
  fc.record({
    pattern: fc.constantFrom(...PATTERNS),
    actions: fc.subarray(["read", "execute"] as const, { minLength: 1 }),
    effect: fc.constantFrom("allow", "deny"),
    when: conditions ? fc.constantFrom(...CONDITIONS) : fc.constant(undefined),
  });

const entryArb = (conditions: boolean) =>
  fc.record({
    roles: fc.subarray(ROLES),
    tools: fc.array(ruleArb(conditions), { maxLength: 5 }),
  });

const policyArb = (conditions: boolean) =>
  fc.record({
    version: fc.constant("1"),
    defaults: fc.record({ effect: fc.constantFrom("allow", "deny") }),
    principals: fc.dictionary(fc.constantFrom("p1", "p2", "p3"), entryArb(conditions), {
      maxKeys: 3,
    }),
  });

function clean(rule: { when?: unknown; [key: string]: unknown }) {
  const { when, ...rest } = rule;
  return when === undefined ? rest : { ...rest, when };
}

function normalise(policy: { principals: Record<string, { tools: Array<{ when?: unknown }> }> }) {
  for (const entry of Object.values(policy.principals)) entry.tools = entry.tools.map(clean);
  return policy;
}

describe("properties", () => {
  it("adding a deny rule never turns a deny into an allow", () => {
    fc.assert(
      fc.property(
        policyArb(true),
        fc.constantFrom("p1", "p2", "p3"),
        ruleArb(true),
        fc.constantFrom("p1", "p2", "p3", "x"),
        fc.subarray(ROLES),
        fc.constantFrom(...NAMES),
        fc.constantFrom(...PATHS),
        fc.boolean(),
        fc.option(fc.constantFrom("fs", "git"), { nil: undefined }),
        (policy, entry, extra, id, roles, name, path, listing, server) => {
          const before = structuredClone(normalise(policy));
          const after = structuredClone(before) as typeof before;
          after.principals[entry] ??= { roles: [], tools: [] } as never;
          (after.principals[entry] as { tools: unknown[] }).tools.push(
            clean({ ...extra, effect: "deny" }),
          );
          const request = {
            principal: who(id, ...roles),
            action: "execute" as const,
            target: server
              ? { kind: "tool" as const, name, server }
              : { kind: "tool" as const, name },
            arguments: { path },
            listing,
          };
          const d1 = engineOf(before).evaluate(request);
          const d2 = engineOf(after).evaluate(request);
          if (d1.effect === "deny") expect(d2.effect).toBe("deny");
        },
      ),
      { numRuns: 500 },
    );
  });

  it("an unconditional deny covering the caller and matching the target always denies", () => {
    fc.assert(
      fc.property(
        policyArb(true),
        fc.constantFrom("p1", "p2", "p3"),
        fc.subarray(ROLES),
        fc.constantFrom(...NAMES),
        fc.constantFrom(...PATHS),
        fc.boolean(),
        (policy, id, roles, name, path, listing) => {
          const p = structuredClone(normalise(policy));
          p.principals[id] ??= { roles: [], tools: [] } as never;
          (p.principals[id] as { tools: unknown[] }).tools.push({
            pattern: "*",
            actions: ["execute"],
            effect: "deny",
          });
          const d = engineOf(p).evaluate({
            principal: who(id, ...roles),
            action: "execute",
            target: { kind: "tool", name },
            arguments: { path },
            listing,
          });
          expect(d.effect).toBe("deny");
        },
      ),
      { numRuns: 300 },
    );
  });

  it("lists show every callable tool; with defaults.list: callable, nothing else; hidden tools are refused", () => {
    fc.assert(
      fc.property(
        policyArb(false),
        fc.constantFrom("p1", "p2", "x"),
        fc.subarray(ROLES),
        fc.option(fc.constantFrom("fs"), { nil: undefined }),
        fc.constantFrom("visible", "callable"),
        (policy, id, roles, server, list) => {
          const engine = engineOf({ ...normalise(policy), defaults: { list } });
          const ctx = ctxOf(who(id, ...roles), server);
          const page = JSON.stringify({
            jsonrpc: "2.0",
            id: 1,
            result: { tools: NAMES.map((name) => ({ name })) },
          });
          const v = listFilterCheck({ engine }).inspect(
            frameOf(page, "server-to-client", { method: "tools/list" }),
            ctx,
          ) as Verdict;
          if (!v.ok) throw new Error("the list filter never refuses");
          const shown = (
            JSON.parse((v.frame ?? frameOf(page, "server-to-client")).raw.toString()) as {
              result: { tools: Array<{ name: string }> };
            }
          ).result.tools.map((t) => t.name);
          const call = policyCheck({ engine });
          // With `visible`, a read-only tool is shown and refused at the call (the seed).
          for (const name of list === "callable" ? shown : []) {
            const line = JSON.stringify({
              jsonrpc: "2.0",
              id: 2,
              method: "tools/call",
              params: { name, arguments: {} },
            });
            expect((call.inspect(frameOf(line, "client-to-server"), ctx) as Verdict).ok).toBe(true);
          }
          // Every callable tool is shown, in both modes.
          for (const name of NAMES) {
            const line = JSON.stringify({
              jsonrpc: "2.0",
              id: 4,
              method: "tools/call",
              params: { name },
            });
            if ((call.inspect(frameOf(line, "client-to-server"), ctx) as Verdict).ok) {
              expect(shown).toContain(name);
            }
          }
          // And the converse: a hidden tool is refused at tools/call.
          for (const name of NAMES.filter((n) => !shown.includes(n))) {
            const line = JSON.stringify({
              jsonrpc: "2.0",
              id: 3,
              method: "tools/call",
              params: { name },
            });
            expect((call.inspect(frameOf(line, "client-to-server"), ctx) as Verdict).ok).toBe(
              false,
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
