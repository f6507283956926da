import { questionFor } from "../../policy/requests.js";
import type { Decision, PolicyEngine } from "../../policy/types.js";
import { AegisError, ErrorCode, PolicyDeniedError } from "../../protocol/errors.js";
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

export interface PolicyCheckOptions extends PolicyCheckCommon {
  /** A PolicyEngine; pass a PolicyStore so that hot reload applies to the next message. */
  engine: PolicyEngine;
}

const VERB: Record<string, string> = {
  "tools/call": "call tool",
  "resources/read": "read resource",
  "resources/subscribe": "subscribe to resource",
  "resources/unsubscribe": "unsubscribe from resource",
  "prompts/get": "get prompt",
  "completion/complete": "complete",
};

/** Passes for methods the policy does not gate (initialize, ping, lists: filtered on return). */
const UNGATED: Verdict = Object.freeze({ ok: true, rule: "ungated" }) as Verdict;
/** Passes in monitor mode of what the policy would refuse (its would-block row says why). */
const MONITORED: Verdict = Object.freeze({ ok: true, rule: "monitor" }) as Verdict;
/** Allow verdicts kept by rule label: an allowed call costs no new object. */
const ALLOW_CACHE_MAX = 1024;

/**
 * Asks the policy about every client → server request that names a tool, resource or
 * prompt: tools/call (execute), resources/read and subscribe, prompts/get and
 * completion/complete (read). A deny, or an error while deciding, refuses the request
 * (fail closed); in monitor mode it is logged as such and forwarded.
 */
export function policyCheck(options: PolicyCheckOptions): Check {
  const { engine } = options;
  assertEngine(engine);
  const monitor = monitorGetter(options.monitor);
  const allowed = new Map<string, Verdict>();
  const byLabel = (label: string): Verdict => {
    let v = allowed.get(label);
    if (v === undefined) {
      if (allowed.size >= ALLOW_CACHE_MAX) allowed.clear();
      v = Object.freeze({ ok: true, rule: label }) as Verdict;
      allowed.set(label, v);
    }
    return v;
  };
  // A decision the engine shares (frozen: YamlPolicyEngine's cache) keeps its verdict, so
  // an allowed call builds no label.
  const byDecision = new WeakMap<Decision, Verdict>();
  const allowVerdict = (decision: Decision): Verdict => {
    let v = byDecision.get(decision);
    if (v !== undefined) return v;
    v = byLabel(ruleLabel(decision));
    if (Object.isFrozen(decision)) byDecision.set(decision, v);
    return v;
  };
  return {
    name: "policy",
    inspect(frame, ctx): Verdict | Promise<Verdict> {
      // Notifications too: a tools/call without an id must not slip past the policy.
      if (frame.direction !== "client-to-server" || frame.parsed.kind === "response") return PASS;
      const { method, params } = frame.parsed.message;
      const q = questionFor(method, params, ctx.serverName);
      if (q === undefined) return frame.parsed.kind === "request" ? UNGATED : PASS;
      if ("refuse" in q) {
        if (monitor()) {
          reportWouldBlock(options, frame, ctx, {
            check: "policy",
            rule: "malformed-request",
            reason: q.refuse,
          });
          return MONITORED;
        }
        return { ok: false, error: new PolicyDeniedError(q.refuse) };
      }
      const decision = engine.evaluate({ principal: ctx.principal, ...q });
      if (decision.effect === "allow" && decision.errors.length === 0)
        return allowVerdict(decision);
      const t = q.target;
      if (decision.effect === "ask" && decision.errors.length === 0) {
        // Asked even in monitor mode: `ask` never turns into an allow without a human.
        const why = `rule ${decision.reasons.join(", ")}`;
        if (options.approve && frame.parsed.kind === "request")
          return options.approve(frame, ctx, why);
        return {
          ok: false,
          error: new AegisError(ErrorCode.ApprovalRequired, {
            check: "approval",
            reason: `approval required by ${why}, but ${frame.parsed.kind === "request" ? "this shim has no way to ask the user" : "a notification cannot be approved"}`,
          }),
        };
      }
      const name = t.kind === "resource" ? t.uri : t.kind === "server-request" ? t.method : t.name;
      const reason = `${describeCaller(ctx.principal)} may not ${VERB[method] ?? method} "${name}": ${describeDenial(decision)}`;
      if (monitor()) {
        reportWouldBlock(options, frame, ctx, {
          check: "policy",
          rule: ruleLabel(decision),
          reason,
          extra: { target: name, rules: decision.reasons },
        });
        return MONITORED;
      }
      return {
        ok: false,
        error: new PolicyDeniedError(reason, {
          ...(t.kind === "tool" ? { tool: t.name } : {}),
          ...(t.kind === "resource" ? { uri: t.uri } : {}),
          ...(t.kind === "prompt" ? { prompt: t.name } : {}),
          rules: decision.reasons,
        }),
      };
    },
  };
}
