import { SERVER_REQUEST_METHODS } from "../../policy/schema.js";
import type { PolicyEngine } from "../../policy/types.js";
import { PolicyDeniedError } from "../../protocol/errors.js";
import { type Check, PASS, type Verdict } from "../types.js";
import {
  assertEngine,
  describeCaller,
  describeDenial,
  monitorGetter,
  type PolicyCheckCommon,
  reportWouldBlock,
  ruleLabel,
} from "./policy-report.js";

const GATED: ReadonlySet<string> = new Set(SERVER_REQUEST_METHODS);

/**
 * Gates the requests a server sends to the client (sampling/createMessage,
 * elicitation/create, roots/list) per principal; by default they pass, as before. A
 * refused request is answered to the server with a JSON-RPC error.
 */
export function serverRequestCheck(options: PolicyCheckCommon & { engine: PolicyEngine }): Check {
  const { engine } = options;
  assertEngine(engine);
  const monitor = monitorGetter(options.monitor);
  return {
    name: "policy-server-requests",
    // Judges server requests only.
    passesClean: () => true,
    inspect(frame, ctx): Verdict {
      if (frame.direction !== "server-to-client" || frame.parsed.kind !== "request") return PASS;
      const { method } = frame.parsed.message;
      if (!GATED.has(method)) return PASS;
      const decision = engine.evaluate({
        principal: ctx.principal,
        action: "execute",
        target: { kind: "server-request", method },
      });
      if (decision.effect === "allow" && decision.errors.length === 0) return PASS;
      const reason = `the server may not send ${method} to ${describeCaller(ctx.principal)}: ${describeDenial(decision)}`;
      if (monitor()) {
        reportWouldBlock(options, frame, ctx, {
          check: "policy-server-requests",
          rule: ruleLabel(decision),
          reason,
        });
        return PASS;
      }
      return { ok: false, error: new PolicyDeniedError(reason, { rules: decision.reasons }) };
    },
  };
}
