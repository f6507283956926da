import type { Limits } from "../config/limits.js";
import type { AegisError } from "../protocol/errors.js";
import type { Classified } from "../protocol/jsonrpc.js";

/** Which way a message travels. */
export type Direction = "client-to-server" | "server-to-client";

/** Who is asking: set by an Authenticator, read by the policy and rate-limit checks. */
export interface Principal {
  /** Stable identity: a local name, or a token's `sub`. */
  readonly id: string;
  readonly roles: ReadonlySet<string>;
  /** OAuth scopes, when the identity came from a token. */
  readonly scopes?: ReadonlySet<string>;
  /** Extra attributes (e.g. client id) for audit. */
  readonly attributes?: Readonly<Record<string, string>>;
}

/**
 * One message on its way through the pipeline: the raw bytes as received and the
 * parsed view. A check that passes forwards the raw bytes; only a check that rewrites
 * the message returns a new frame (with new bytes).
 */
export interface Frame {
  readonly raw: Buffer;
  readonly direction: Direction;
  readonly parsed: Classified;
  /** The id token exactly as written (requests and responses). */
  readonly rawId?: string;
  /** Nesting depth measured on the bytes before parsing. */
  readonly depth: number;
  /** For tools/call: the tool's name as the client sent it. */
  readonly tool?: string;
  /** For a response: the request it answers (method and tool), when the session knows it. */
  readonly inReplyTo?: { readonly method: string; readonly tool?: string };
}

/** Per-session state a check may read. */
export interface Context {
  readonly principal: Principal;
  /** Namespace of this server's tools in policy patterns (`fs` in `fs:read_file`). */
  readonly serverName?: string;
  readonly limits: Readonly<Limits>;
  /** Milliseconds; injected so that checks stay pure and testable. */
  now(): number;
  /** Tools the server announced (name → definition), captured from tools/list results. */
  readonly tools: ReadonlyMap<string, Readonly<Record<string, unknown>>>;
}

/** A pass may name the rule that allowed it (the policy check does), for the audit log. */
export type Verdict = { ok: true; frame?: Frame; rule?: string } | { ok: false; error: AegisError };

/**
 * A server response the session read from its bytes without parsing it (see
 * protocol/clean-response.ts): what a check may judge it by on the fast path.
 */
export interface CleanResponseView {
  /** The line's length in bytes. */
  readonly bytes: number;
  readonly depth: number;
  /** The request it answers. */
  readonly inReplyTo: { readonly method: string; readonly tool?: string };
  /** Every string value inside `result` (keys excepted): a superset of what inspect() reads. */
  readonly strings: readonly string[];
}

/** One step of the pipeline. Checks are pure: frame and context in, verdict out. */
export interface Check {
  readonly name: string;
  inspect(frame: Frame, ctx: Context): Verdict | Promise<Verdict>;
  /**
   * True only when inspect() of this response, parsed, would certainly return a plain
   * PASS (no rewrite, no rule) with no side effect: then the session forwards its bytes
   * without parsing. When unsure, false. A check without it keeps every response on
   * the full path.
   */
  passesClean?(view: CleanResponseView, ctx: Context): boolean;
}

/** What a pipeline run decided, for the audit log. */
export interface Outcome {
  verdict: Verdict;
  /** The check that refused, or undefined when all passed. */
  check?: string;
  /** On a pass: the rule a check named as allowing it (the last one named). */
  rule?: string;
  /** Time the checks took, in milliseconds. */
  durationMs: number;
}

export const PASS: Verdict = Object.freeze({ ok: true }) as Verdict;
