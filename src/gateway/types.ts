import type { ClientChannel } from "../approval/channel.js";
import type { PolicyCheckCommon } from "../pipeline/checks/policy-report.js";
import type { Check } from "../pipeline/types.js";

/**
 * Everything one MCP session runs besides the fixed size, depth and policy checks, built
 * by the gateway for each new session (stdio: the one session; HTTP: one per session).
 */
export interface SessionDefences {
  /** Client → server checks after size, depth and policy, in order. */
  checks: readonly Check[];
  /** Server → client checks after size and depth, in order. */
  serverChecks: readonly Check[];
  /** Monitor mode, its logger and the `ask` approval for the policy check. */
  policy: PolicyCheckCommon;
  /** Binds the session that `ask` approvals are sent through (elicitation). */
  bind(session: ClientChannel): void;
}

/** Builds a session's defences from the configuration in force when it starts. */
export type SessionDefencesFactory = () => SessionDefences;
