import type { Principal } from "../pipeline/types.js";

/** What a caller wants to do: `read` sees and reads, `execute` calls a tool. */
export type Action = "read" | "execute";

/** The thing a request names, built once from the message (not raw JSON). */
export type Target =
  | { kind: "tool"; name: string; server?: string }
  | { kind: "resource"; uri: string; server?: string }
  | { kind: "prompt"; name: string; server?: string };

export interface AccessRequest {
  principal: Principal;
  action: Action;
  target: Target;
  /** Parsed tool arguments, for argument conditions. */
  arguments?: Readonly<Record<string, unknown>>;
}

/** Allow, or Deny: Deny also covers "no rule matched" and "no safe decision". */
export type Effect = "allow" | "deny";

export interface Decision {
  effect: Effect;
  /** Ids of the rules that decided (e.g. `principals.dev.tools[0]`), or `defaults.effect`. */
  reasons: string[];
  /** Errors met while evaluating; any error makes the decision Deny. */
  errors: string[];
}

/** Swappable policy engine: the shim asks it one question per request. */
export interface PolicyEngine {
  evaluate(request: AccessRequest): Decision;
}
