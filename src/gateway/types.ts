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
  /**
   * Follows policy reloads: the section checks are rebuilt, and `send` gets one
   * `notifications/…/list_changed` line per list whose visible content changed.
   * Returns a function that stops following (call it when the session ends).
   */
  onPolicyChange?(send: (line: string) => void): () => void;
}

/** Builds a session's defences from the configuration in force when it starts. */
export type SessionDefencesFactory = () => SessionDefences;
