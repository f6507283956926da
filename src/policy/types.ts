import type { Principal } from "../pipeline/types.js";

/** What a caller wants to do: `read` sees and reads, `execute` calls a tool. */
export type Action = "read" | "execute";

/** The thing a request names, built once from the message (not raw JSON). */
export type Target =
  | { kind: "tool"; name: string; server?: string }
  | { kind: "resource"; uri: string; server?: string }
  | { kind: "prompt"; name: string; server?: string }
  /** A request the server sends to the client (sampling/createMessage, elicitation/create, roots/list). */
  | { kind: "server-request"; method: string };

export interface AccessRequest {
  principal: Principal;
  action: Action;
  target: Target;
  /** Parsed tool or prompt arguments, for argument conditions (absent counts as `{}`). */
  arguments?: Readonly<Record<string, unknown>>;
  /**
   * Decides whether the target may appear in a list result: argument conditions are not
   * evaluated (an allow with conditions lists it, a deny with conditions does not hide it).
   */
  listing?: boolean;
}

/**
 * Allow, or Deny. Deny covers an explicit deny rule, "no rule matched" under a deny
 * default, and "no safe decision" (an error while evaluating).
 */
export type Effect = "allow" | "deny" | "ask";

export interface Decision {
  effect: Effect;
  /** Ids of the rules that decided (e.g. `principals.dev.tools[0]`), or `defaults.effect`. */
  reasons: string[];
  /** Errors met while evaluating; any error makes the decision Deny. */
  errors: string[];
  /** A short human-readable why (e.g. which argument condition did not hold). */
  detail?: string;
  /** `file:line:col` of each rule in `reasons` that has one (audit rows name it). */
  locations?: Readonly<Record<string, string>>;
}

/** Swappable policy engine: the shim asks it one question per request. */
export interface PolicyEngine {
  evaluate(request: AccessRequest): Decision;
}
