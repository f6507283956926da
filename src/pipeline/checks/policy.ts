import type { PolicyEngine } from "../../policy/types.js";
import { PolicyDeniedError } from "../../protocol/errors.js";
import { type Check, PASS, type Verdict } from "../types.js";

function describeCaller(id: string, roles: ReadonlySet<string>): string {
  return roles.size ? `"${id}" (roles: ${[...roles].join(", ")})` : `"${id}"`;
}

/**
 * Asks the policy engine about every client → server tools/call. A deny, or an error
 * while deciding, refuses the call (fail closed).
 */
export function policyCheck(options: { engine: PolicyEngine }): Check {
  const { engine } = options;
  if (typeof engine?.evaluate !== "function") {
    throw new TypeError("Expected the `engine` option to be a PolicyEngine with evaluate()");
  }
  return {
    name: "policy",
    inspect(frame, ctx): Verdict {
      // Notifications too: a tools/call without an id must not slip past the policy.
      if (frame.direction !== "client-to-server" || frame.parsed.kind === "response") return PASS;
      if (frame.parsed.message.method !== "tools/call") return PASS;
      const tool = frame.tool;
      if (tool === undefined) {
        return { ok: false, error: new PolicyDeniedError("tools/call names no tool") };
      }
      const args = frame.parsed.message.params?.arguments;
      const decision = engine.evaluate({
        principal: ctx.principal,
        action: "execute",
        target:
          ctx.serverName === undefined
            ? { kind: "tool", name: tool }
            : { kind: "tool", name: tool, server: ctx.serverName },
        ...(typeof args === "object" && args !== null && !Array.isArray(args)
          ? { arguments: args as Record<string, unknown> }
          : {}),
      });
      if (decision.effect === "allow" && decision.errors.length === 0) return PASS;
      const why = decision.errors.length
        ? `the policy could not decide (${decision.errors[0]})`
        : decision.reasons[0] === "defaults.effect"
          ? "no rule allows it (default: deny)"
          : `denied by ${decision.reasons.join(", ")}`;
      return {
        ok: false,
        error: new PolicyDeniedError(
          `${describeCaller(ctx.principal.id, ctx.principal.roles)} may not call tool "${tool}": ${why}`,
          {
            tool,
            rules: decision.reasons,
          },
        ),
      };
    },
  };
}
