/**
 * JSON-RPC error codes the shim answers with. -32700..-32600 are JSON-RPC's own;
 * -32010..-32019 sit in the implementation-defined range and avoid MCP's -32002.
 */
export enum ErrorCode {
  /** The line is not JSON. */
  ParseError = -32700,
  /** JSON, but not a JSON-RPC message the shim accepts (also: batches). */
  InvalidRequest = -32600,
  /** The policy refuses the request. */
  PolicyDenied = -32010,
  /** A line or an argument exceeds a size limit. */
  PayloadTooLarge = -32011,
  /** Arrays and objects nest deeper than the limit. */
  DepthExceeded = -32012,
  /** The argument sanitizer found a dangerous value. */
  SanitizerBlocked = -32013,
  /** The caller's rate limit is spent, or the limiter is unavailable. */
  RateLimited = -32014,
  /** The caller could not be authenticated. */
  Unauthorized = -32015,
  /** The MCP server exited or cannot be reached. */
  UpstreamUnavailable = -32016,
  /** Too many requests in flight. */
  TooManyRequests = -32017,
  /** A human did not approve the call. */
  ApprovalRequired = -32018,
  /** A check failed with an exception; the message is refused (fail closed). */
  CheckFailed = -32019,
}

export interface AegisErrorData {
  /** Name of the check that refused the message. */
  check: string;
  /** Short, safe explanation. */
  reason: string;
  [key: string]: unknown;
}

/** An error that crosses the wire: numeric code, short safe message, structured data. */
export class AegisError extends Error {
  override name = "AegisError";
  readonly code: ErrorCode;
  readonly data: AegisErrorData;

  constructor(code: ErrorCode, data: AegisErrorData, options?: { cause?: unknown }) {
    super(data.reason, options);
    this.code = code;
    this.data = data;
  }
}

export class PayloadTooLargeError extends AegisError {
  override name = "PayloadTooLargeError";
  constructor(reason: string, extra: Record<string, unknown> = {}) {
    super(ErrorCode.PayloadTooLarge, { check: "size", reason, ...extra });
  }
}

export class DepthExceededError extends AegisError {
  override name = "DepthExceededError";
  constructor(depth: number, max: number) {
    super(ErrorCode.DepthExceeded, {
      check: "depth",
      reason: `message nests deeper than ${max} levels`,
      depth,
      maxDepth: max,
    });
  }
}

export class PolicyDeniedError extends AegisError {
  override name = "PolicyDeniedError";
  constructor(reason: string, extra: Record<string, unknown> = {}) {
    super(ErrorCode.PolicyDenied, { check: "policy", reason, ...extra });
  }
}

export class RateLimitedError extends AegisError {
  override name = "RateLimitedError";
  constructor(reason: string, extra: Record<string, unknown> = {}) {
    super(ErrorCode.RateLimited, { check: "rate-limit", reason, ...extra });
  }
}

export class UnauthorizedError extends AegisError {
  override name = "UnauthorizedError";
  constructor(reason: string, extra: Record<string, unknown> = {}) {
    super(ErrorCode.Unauthorized, { check: "auth", reason, ...extra });
  }
}

export class CheckFailedError extends AegisError {
  override name = "CheckFailedError";
  constructor(check: string, cause: unknown) {
    super(ErrorCode.CheckFailed, { check, reason: `check "${check}" failed; refused` }, { cause });
  }
}

/** Prefix of every text a blocked tools/call returns to the model. */
export const BLOCK_PREFIX = "Blocked by mcp-aegis";

/**
 * Turns an error and the raw id token of the request into the reply line (no newline).
 * A blocked tools/call becomes an `isError` result the model can read; anything else a
 * JSON-RPC error. `rawId` is the id exactly as it was written, so no id loses precision;
 * without one the `id` member is left out (the SDK rejects `"id": null`).
 */
export function toReply(error: AegisError, rawId: string | undefined, method?: string): string {
  const idPart = rawId === undefined ? "" : `,"id":${rawId}`;
  if (method === "tools/call" && rawId !== undefined) {
    const text = `${BLOCK_PREFIX} (${error.data.check}): ${error.data.reason}`;
    const result = {
      content: [{ type: "text", text }],
      isError: true,
      _meta: { "mcp-aegis/blocked": { code: error.code, ...error.data } },
    };
    return `{"jsonrpc":"2.0"${idPart},"result":${JSON.stringify(result)}}`;
  }
  const body = { code: error.code, message: error.message, data: error.data };
  return `{"jsonrpc":"2.0"${idPart},"error":${JSON.stringify(body)}}`;
}

/** A reply for a line the shim could not use at all (not JSON, not JSON-RPC). */
export function protocolErrorReply(
  code: ErrorCode.ParseError | ErrorCode.InvalidRequest,
  reason: string,
  rawId?: string,
): string {
  const idPart = rawId === undefined ? "" : `,"id":${rawId}`;
  const body = { code, message: reason, data: { check: "protocol", reason } };
  return `{"jsonrpc":"2.0"${idPart},"error":${JSON.stringify(body)}}`;
}
