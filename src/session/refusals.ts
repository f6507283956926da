import type { Logger } from "../audit/logger.js";
import type { Context, Direction, Frame } from "../pipeline/types.js";
import {
  AegisError,
  CheckFailedError,
  DepthExceededError,
  ErrorCode,
  PayloadTooLargeError,
  protocolErrorReply,
  toReply,
} from "../protocol/errors.js";
import { idKeyFromRaw } from "../protocol/jsonrpc.js";
import {
  type ScanResult,
  scanBatchItems,
  scanMessage,
  scanParamToken,
  scanTailId,
} from "../protocol/scan.js";
import type { PendingRequests } from "./pending.js";
import type { Unreadable } from "./read-frame.js";
import { logId, type SessionAudit } from "./session-audit.js";
import type { SessionOutput } from "./types.js";

/** Ids the shim answered itself, kept briefly so their cancellations go nowhere. */
const ANSWERED_LOCALLY_MAX = 1024;

export interface RefusalDeps {
  output: SessionOutput;
  logger: Logger;
  audit: SessionAudit;
  pending: PendingRequests;
  /** Read at each refusal: its limits are the ones in force. */
  context: Context;
}

/**
 * Every way the session refuses a message: audited, logged, and answered so that nobody
 * waits — a refused request gets an error for its id (read from the bytes when the line
 * was never parsed), a refused response is replaced by an error to the peer waiting for it.
 */
export class Refusals {
  readonly #d: RefusalDeps;
  readonly #answeredLocally = new Set<string>();

  constructor(d: RefusalDeps) {
    this.#d = d;
  }

  /** A parsed message a check (or the session itself) refused. */
  refuse(
    frame: Frame,
    error: AegisError,
    check: string,
    durationMs: number,
    /** False when the id is still open (a refused duplicate): its cancellation is the server's. */
    local = true,
  ): void {
    const { parsed, rawId, direction } = frame;
    const method = parsed.kind === "response" ? undefined : parsed.message.method;
    const rules = (error.data as { rules?: unknown }).rules;
    this.#d.audit.decision({
      direction,
      rawId,
      method,
      tool: frame.tool,
      check,
      reason: error.data.reason,
      code: error.code,
      durationMs,
      rule: Array.isArray(rules) && rules.length ? rules.join(", ") : undefined,
    });
    this.#d.logger.warn(
      {
        id: logId(rawId),
        method,
        tool: frame.tool,
        check,
        reason: error.data.reason,
        // A check that threw: its exception, so the bug can be found (the client never sees it).
        ...(error instanceof CheckFailedError ? { err: error.cause } : {}),
      },
      "refused a message",
    );
    const out = this.#d.output;
    const back = (l: string) =>
      direction === "client-to-server" ? out.toClient(l) : out.toServer(l);
    const onward = (l: string) =>
      direction === "client-to-server" ? out.toServer(l) : out.toClient(l);
    if (parsed.kind === "request" && rawId !== undefined) {
      back(toReply(error, rawId, method));
      if (direction === "client-to-server" && local) this.#rememberLocal(idKeyFromRaw(rawId));
    } else if (parsed.kind === "response" && rawId !== undefined) {
      // The peer waiting for this response gets an error in its place, so it never hangs.
      let answer = rawId;
      if (direction === "server-to-client") {
        const pending = this.#d.pending.take(this.#d.pending.keyOf(rawId));
        if (pending) {
          this.#d.audit.response(pending, "error");
          // The client's own spelling of the id, which is what it matches on.
          answer = pending.rawId;
        }
      } else {
        this.#d.pending.deleteServer(idKeyFromRaw(rawId));
      }
      onward(toReply(error, answer));
    }
    // A refused notification is dropped; it has nobody to answer.
  }

  /** A line that could not be read as one JSON-RPC message. */
  unreadable(
    bytes: Buffer,
    read: Exclude<Unreadable, { kind: "blank" }>,
    direction: Direction,
  ): void {
    if (read.kind === "too-deep") {
      this.#tooDeep(bytes, read.scan, direction);
      return;
    }
    if (read.kind === "ambiguous") {
      this.#ambiguous(read.scan, read.reason, direction);
      return;
    }
    if (direction === "server-to-client") {
      // A JSON object with the id of an open request but no valid envelope (a method beside
      // a result, result and error together): its request is answered, so nothing hangs.
      const { rawId } = read.scan;
      if (read.kind === "not-jsonrpc" && rawId !== undefined && this.#d.pending.find(rawId)) {
        const reason = "the server's answer is not a valid JSON-RPC 2.0 message";
        const error = new AegisError(ErrorCode.InvalidRequest, { check: "protocol", reason });
        this.#unparsed(rawId, undefined, error, direction, { reason });
        return;
      }
      // Not protocol: never let it reach the client's stdout.
      this.#d.logger.warn(
        { bytes: bytes.length, preview: bytes.toString("utf8", 0, 200) },
        "dropped a non-JSON-RPC line from the server",
      );
      return;
    }
    if (read.kind === "batch") {
      this.#batch(bytes);
      return;
    }
    const code = read.kind === "not-json" ? ErrorCode.ParseError : ErrorCode.InvalidRequest;
    const reason =
      read.kind === "not-json"
        ? "the line is not valid JSON"
        : "the message is not a valid JSON-RPC 2.0 message";
    this.#d.logger.warn(
      { bytes: bytes.length, reason },
      "refused a malformed line from the client",
    );
    const { rawId, method } = read.scan;
    this.#d.audit.decision({
      direction,
      rawId,
      method,
      check: "protocol",
      reason,
      code,
      durationMs: 0,
    });
    // Only a line with a method is a request to answer by its id. Without one it may be a
    // broken answer to a server request: that request gets an error (the server must not
    // hang), and the client an error without id, which no request of its own could match.
    if (method === undefined && rawId !== undefined) {
      this.#failServerRequest(
        rawId,
        new AegisError(ErrorCode.InvalidRequest, { check: "protocol", reason }),
      );
      this.#d.output.toClient(protocolErrorReply(code, reason));
      return;
    }
    this.#d.output.toClient(protocolErrorReply(code, reason, rawId));
  }

  /** A line over the size limit: only its head (and tail) were kept, to answer its id. */
  oversize(line: { head: Buffer; tail?: Buffer; bytes: number }, direction: Direction): void {
    const { maxLineBytes } = this.#d.context.limits;
    const scan = scanMessage(line.head);
    // SDK peers write the id last: look for it at the end when the head has none.
    const rawId = scan.rawId ?? (line.tail ? scanTailId(line.tail) : undefined);
    const error = new PayloadTooLargeError(
      `message of ${line.bytes} bytes exceeds the ${maxLineBytes}-byte limit`,
      { bytes: line.bytes, limit: maxLineBytes },
    );
    this.#unparsed(rawId, scan.method, error, direction, { bytes: line.bytes });
  }

  /** Whether a client notification cancels a request the shim answered itself. */
  isCancelOfLocal(frame: Frame): boolean {
    if (
      frame.parsed.kind !== "notification" ||
      frame.parsed.message.method !== "notifications/cancelled"
    )
      return false;
    // From the bytes: parsed, a requestId above 2^53 names its neighbour.
    const raw = scanParamToken(frame.raw, "requestId");
    if (raw === undefined || !/^["-\d]/.test(raw)) return false;
    return this.#answeredLocally.has(idKeyFromRaw(raw));
  }

  /**
   * A message that parsers would read differently (a repeated member, an id that is not
   * exactly an integer): never forwarded. Every id it could be read with is answered, so
   * no request waits, whichever reading its sender meant.
   */
  #ambiguous(scan: ScanResult, reason: string, direction: Direction): void {
    const error = new AegisError(ErrorCode.InvalidRequest, { check: "protocol", reason });
    const ids = [scan.rawId, scan.firstRawId].filter((id): id is string => id !== undefined);
    this.#unparsed(scan.rawId, scan.method, error, direction, { reason }, true);
    const other = ids[1];
    if (other !== undefined && idKeyFromRaw(other) !== idKeyFromRaw(ids[0] as string)) {
      this.#unparsed(other, scan.method, error, direction, { reason }, true);
    }
  }

  /** A line nested deeper than the limit, refused from its scan without parsing it. */
  #tooDeep(bytes: Buffer, scan: ScanResult, direction: Direction): void {
    if (scan.isArray && direction === "client-to-server") {
      this.#batch(bytes);
      return;
    }
    const error = new DepthExceededError(scan.depth, this.#d.context.limits.maxDepth);
    this.#unparsed(scan.rawId, scan.method, error, direction, { bytes: bytes.length });
  }

  /** Refuses a line that was never parsed, answering its id (read from the bytes) if any. */
  #unparsed(
    rawId: string | undefined,
    method: string | undefined,
    error: AegisError,
    direction: Direction,
    logFields: Record<string, unknown>,
    /** Answer with a JSON-RPC error even for tools/call (its method may not be the one meant). */
    plainError = false,
  ): void {
    const { audit, output, pending } = this.#d;
    audit.decision({
      direction,
      rawId,
      method,
      check: error.data.check,
      reason: error.data.reason,
      code: error.code,
      durationMs: 0,
    });
    this.#d.logger.warn(
      { id: logId(rawId), method, direction, check: error.data.check, ...logFields },
      "refused a line without parsing it",
    );
    if (rawId === undefined) return;
    const key = idKeyFromRaw(rawId);
    if (direction === "client-to-server") {
      if (method !== undefined) {
        output.toClient(toReply(error, rawId, plainError ? undefined : method));
        if (!pending.has(key)) this.#rememberLocal(key);
      } else {
        this.#failServerRequest(rawId, error);
      }
    } else if (method !== undefined) {
      output.toServer(toReply(error, rawId));
    } else {
      const open = pending.take(pending.keyOf(rawId));
      if (open) {
        audit.response(open, "error");
        output.toClient(toReply(error, open.rawId));
      }
    }
  }

  /** A client line in place of its answer to a server request was refused: the server gets the error. */
  #failServerRequest(rawId: string, error: AegisError): void {
    if (this.#d.pending.deleteServer(idKeyFromRaw(rawId))) {
      this.#d.output.toServer(toReply(error, rawId));
    }
  }

  /** JSON-RPC batches were removed from MCP (2025-06-18): refuse each request in one. */
  #batch(bytes: Buffer): void {
    const reason = "JSON-RPC batches are not accepted; send one message per line";
    const replies: string[] = [];
    // Ids from the bytes, not the parsed items: an id above 2^53 must come back exactly.
    const items = scanBatchItems(bytes);
    for (const item of items) {
      if (item.rawId !== undefined && item.method !== undefined) {
        replies.push(protocolErrorReply(ErrorCode.InvalidRequest, reason, item.rawId));
      }
    }
    this.#d.audit.decision({
      direction: "client-to-server",
      check: "protocol",
      reason,
      code: ErrorCode.InvalidRequest,
      durationMs: 0,
    });
    this.#d.logger.warn({ items: items.length }, "refused a batch");
    this.#d.output.toClient(
      replies.length
        ? `[${replies.join(",")}]`
        : protocolErrorReply(ErrorCode.InvalidRequest, reason),
    );
  }

  #rememberLocal(key: string): void {
    this.#answeredLocally.add(key);
    if (this.#answeredLocally.size > ANSWERED_LOCALLY_MAX) {
      const oldest = this.#answeredLocally.values().next().value as string;
      this.#answeredLocally.delete(oldest);
    }
  }
}
