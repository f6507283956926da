import { type CompiledPolicy, covers } from "./compile.js";
import type { AccessRequest, Decision } from "./types.js";

/** The name a pattern is matched against: `<server>:<tool>` for namespaced patterns. */
function subjectFor(
  namespaced: boolean,
  name: string,
  server: string | undefined,
): string | undefined {
  if (!namespaced) return name;
  return server === undefined ? undefined : `${server}:${name}`;
}

/**
 * Decides one request. Order: a covering rule whose pattern matches and lists the action
 * allows; otherwise `defaults.effect` decides. Only tools have rules in this version, so
 * resources and prompts fall to the default.
 */
export function evaluatePolicy(policy: CompiledPolicy, request: AccessRequest): Decision {
  const { principal, action, target } = request;
  if (target.kind === "tool") {
    for (const entry of policy.entries) {
      if (!covers(entry, principal)) continue;
      for (const rule of entry.toolRules) {
        if (!rule.actions.has(action)) continue;
        const subject = subjectFor(rule.pattern.namespaced, target.name, target.server);
        if (subject !== undefined && rule.pattern.matches(subject)) {
          return { effect: "allow", reasons: [rule.id], errors: [] };
        }
      }
    }
  }
  return { effect: policy.defaultEffect, reasons: ["defaults.effect"], errors: [] };
}
