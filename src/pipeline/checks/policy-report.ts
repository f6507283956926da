import type { Logger } from "../../audit/logger.js";
import type { Decision } from "../../policy/types.js";
import type { Context, Frame, Principal, Verdict } from "../types.js";

/** Options shared by the policy checks. */
export interface PolicyCheckCommon {
  /** Report instead of enforce: a getter, so hot reload can switch it. */
  monitor?: boolean | (() => boolean);
  /** Where monitor mode reports what it would have blocked. */
  logger?: Logger;
  /**
   * Asks a human about a request whose rule effect is `ask` (see ApprovalGate). Without
   * it such requests are refused: `ask` never becomes an allow by default.
   */
  approve?: (frame: Frame, ctx: Context, why: string) => Promise<Verdict>;
}

/** Refuses, when a check is built, an `engine` option that cannot decide. */
export function assertEngine(engine: unknown): void {
  if (typeof (engine as { evaluate?: unknown } | undefined)?.evaluate !== "function") {
    throw new TypeError("Expected the `engine` option to be a PolicyEngine with evaluate()");
  }
}

export function monitorGetter(m: PolicyCheckCommon["monitor"]): () => boolean {
  if (typeof m === "function") return m;
  const fixed = m === true;
  return () => fixed;
}

export function describeCaller(p: Principal): string {
  return p.roles.size ? `"${p.id}" (roles: ${[...p.roles].join(", ")})` : `"${p.id}"`;
}

/** Why a decision denies, in a few words a model or a person can read. */
export function describeDenial(decision: Decision): string {
  if (decision.errors.length) return `the policy could not decide (${decision.errors[0]})`;
  if (decision.detail !== undefined) return `${decision.reasons.join(", ")}: ${decision.detail}`;
  if (decision.reasons[0] === "defaults.effect") return "no rule allows it (default: deny)";
  if (decision.reasons[0] === "defaults.server_requests") return "denied by default";
  return `denied by ${decision.reasons.join(", ")}`;
}

/** Logs, marked as such, what monitor mode let through. */
export function reportMonitored(
  logger: Logger | undefined,
  what: Record<string, unknown>,
  reason: string,
): void {
  logger?.warn(
    { monitor: true, wouldBlock: true, check: "policy", ...what, reason },
    "monitor mode: the policy would block this; forwarded",
  );
}
