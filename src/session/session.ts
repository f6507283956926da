import { randomUUID } from "node:crypto";
import type { ClientReply } from "../approval/channel.js";
import { type AuditSink, NULL_AUDIT } from "../audit/audit.js";
import type { Logger } from "../audit/logger.js";
import type { Pipeline } from "../pipeline/compose.js";
import type { Context, Direction, Frame } from "../pipeline/types.js";
import { readCleanResponse } from "../protocol/clean-response.js";
import {
  AegisError,
  CheckFailedError,
  DepthExceededError,
  ErrorCode,
  PayloadTooLargeError,
  protocolErrorReply,
  toReply,
} from "../protocol/errors.js";
import type { DecodedLine } from "../protocol/framing.js";
import { idKey, idKeyFromRaw, looseIdKey, type RequestId } from "../protocol/jsonrpc.js";
import {
  type ScanResult,
  scanBatchItems,
  scanMessage,
  scanParamToken,
  scanTailId,
} from "../protocol/scan.js";
import { readFrame } from "./read-frame.js";
import { SerialQueue } from "./serial-queue.js";

/** Where the session writes lines (without newline); the transport frames them. */
export interface SessionOutput {
  toServer(line: Buffer | string): void;
  toClient(line: Buffer | string): void;
}

export interface SessionOptions {
  /** Checks on client → server messages. */
  clientPipeline: Pipeline;
  /** Checks on server → client messages. */
  serverPipeline: Pipeline;
  context: Context;
  output: SessionOutput;
  logger: Logger;
  audit: AuditSink;
  /** Tools map the session fills from tools/list results (shared with the context). */
  tools?: Map<string, Readonly<Record<string, unknown>>>;
  /**
   * False when server requests reach the client outside this session (an HTTP exchange:
   * they come on other streams), so a client response to none of this session's is not
   * known to be unasked and is forwarded. Server responses are always correlated.
   */
  seesServerRequests?: boolean;
  /**
   * False keeps every server response on the full path (parse, classify, every check);
   * by default a clean one is judged on its bytes (see #fastResponse). The differential
   * test runs both and compares them.
   */
  fastPath?: boolean;
}

interface Pending {
  rawId: string;
  method: string;
  tool?: string;
  start: number;
  /** What a response to it is told it answers (built once, at forwarding). */
  request: NonNullable<Frame["inReplyTo"]>;
}

/** Ids the shim answered itself, kept briefly so their cancellations go nowhere. */
const ANSWERED_LOCALLY_MAX = 1024;

/** The id for a log record: the value, or its exact text when a number is unsafe. */
function logId(rawId: string | undefined): string | number | undefined {
  if (rawId === undefined) return undefined;
  const v = JSON.parse(rawId) as RequestId;
  return typeof v === "number" && !Number.isSafeInteger(v) ? rawId : v;
}

/**
 * The transport-agnostic heart of the shim: takes lines from either side, runs them
 * through the checks, forwards unchanged messages as their original bytes, answers
 * refused requests for their id, and keeps the per-direction pending maps that let it
 * time responses and answer every open request if the server goes away.
 */
export class Session {
  readonly #o: SessionOptions;
  readonly #clientQueue: SerialQueue<DecodedLine>;
  readonly #serverQueue: SerialQueue<DecodedLine>;
  /** Client requests forwarded to the server and not yet answered. */
  readonly #pending = new Map<string, Pending>();
  /** Pending keys of ids above 2^53, by the key their double would have. */
  readonly #loose = new Map<string, string>();
  /** Server requests forwarded to the client and not yet answered. */
  readonly #serverPending = new Set<string>();
  readonly #answeredLocally = new Set<string>();
  readonly #tools: Map<string, Readonly<Record<string, unknown>>>;
  /** Requests the shim sent to the client itself, by id key: their answers never reach the server. */
  readonly #own = new Map<string, (reply: ClientReply) => void>();
  /** A per-session random prefix, so shim ids cannot collide with (or be guessed by) the server's. */
  readonly #ownPrefix = `mcp-aegis-${randomUUID()}-`;
  #ownSeq = 0;
  /** Building audit records costs per message; skip it when they go nowhere. */
  readonly #auditing: boolean;
  /** Set once the server is gone: requests are answered with this error. */
  #gone: AegisError | undefined;

  constructor(options: SessionOptions) {
    this.#o = options;
    this.#auditing = options.audit !== NULL_AUDIT;
    const onError = (err: unknown) =>
      options.logger.error({ err }, "internal error while routing a message");
    this.#clientQueue = new SerialQueue((line) => this.#route(line, "client-to-server"), onError);
    this.#serverQueue = new SerialQueue((line) => this.#route(line, "server-to-client"), onError);
    this.#tools = options.tools ?? new Map();
  }

  /** Client requests awaiting a server answer. */
  get pendingCount(): number {
    return this.#pending.size;
  }

  /** Messages waiting behind an asynchronous check (for backpressure). */
  get backlog(): number {
    return this.#clientQueue.length + this.#serverQueue.length;
  }

  /** Resolves when every message received so far has been routed. */
  async idle(): Promise<void> {
    await Promise.all([this.#clientQueue.idle(), this.#serverQueue.idle()]);
  }

  fromClient(line: DecodedLine): void {
    // An answer to the shim's own request skips the queue: a check may be waiting for it.
    if (line.kind !== "oversize" && this.takeOwnReply(line.bytes)) return;
    this.#clientQueue.push(line);
  }

  fromServer(line: DecodedLine): void {
    this.#serverQueue.push(line);
  }

  /** Sends a message the shim itself originates (e.g. notifications/tools/list_changed) to the client. */
  sendToClient(line: Buffer | string): void {
    this.#o.output.toClient(line);
  }

  /** Sends a message the shim itself originates to the server. */
  sendToServer(line: Buffer | string): void {
    this.#o.output.toServer(line);
  }

  /**
   * Sends a request of the shim's own to the client (e.g. elicitation/create) and resolves
   * with its answer, or `timeout`. The id is a string with a random per-session prefix; the
   * answer is taken out before the pipeline and never forwarded to the server.
   */
  requestClient(
    method: string,
    params: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<ClientReply> {
    const id = `${this.#ownPrefix}${++this.#ownSeq}`;
    const key = idKey(id);
    return new Promise<ClientReply>((resolve) => {
      const timer = setTimeout(() => {
        // Keep a no-op entry so a late answer is still swallowed, then tell the client to stop.
        this.#own.set(key, () => {});
        this.#o.output.toClient(
          JSON.stringify({
            jsonrpc: "2.0",
            method: "notifications/cancelled",
            params: { requestId: id, reason: "timed out" },
          }),
        );
        resolve({ kind: "timeout" });
      }, timeoutMs);
      this.#own.set(key, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.#o.output.toClient(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    });
  }

  /** True when the line answers one of the shim's own requests (and settles it). */
  takeOwnReply(bytes: Buffer): boolean {
    if (this.#own.size === 0) return false;
    const scan = scanMessage(bytes);
    if (scan.rawId === undefined || scan.method !== undefined || !scan.rawId.startsWith('"'))
      return false;
    let message: { id?: unknown; result?: unknown; error?: unknown };
    try {
      message = JSON.parse(bytes.toString("utf8")) as typeof message;
    } catch {
      return false;
    }
    if (typeof message.id !== "string") return false;
    const key = idKey(message.id);
    const settle = this.#own.get(key);
    if (!settle) return false;
    this.#own.delete(key);
    settle(
      "error" in message
        ? { kind: "error", error: message.error }
        : { kind: "result", result: message.result },
    );
    return true;
  }

  /** The request a server response answers, so response checks know what it is. */
  readonly #requestOf = (rawId: string): Frame["inReplyTo"] =>
    this.#pending.get(this.#pendingKey(rawId))?.request;

  /**
   * The pending key a response id answers: its exact value, or else the value a peer that
   * reads numbers as doubles would have echoed (a JS server answers 9007199254740993 as
   * …992). Requests whose ids collide that way are refused, so the fallback is unique.
   */
  #pendingKey(rawId: string): string {
    const key = idKeyFromRaw(rawId);
    if (this.#pending.has(key)) return key;
    return this.#loose.get(looseIdKey(key)) ?? key;
  }

  #takePending(key: string): Pending | undefined {
    const pending = this.#pending.get(key);
    if (!pending) return undefined;
    this.#pending.delete(key);
    const loose = looseIdKey(key);
    if (loose !== key) this.#loose.delete(loose);
    return pending;
  }

  /** Whether a response answers an open request of the other side. */
  #expected(frame: Frame): boolean {
    const rawId = frame.rawId as string;
    if (frame.direction === "server-to-client") return this.#pending.has(this.#pendingKey(rawId));
    return this.#serverPending.has(idKeyFromRaw(rawId));
  }

  /** Whether a request reuses the id (by value, or as a double) of one still open. */
  #inFlight(frame: Frame): boolean {
    const key = idKeyFromRaw(frame.rawId as string);
    if (frame.direction === "server-to-client") return this.#serverPending.has(key);
    const loose = looseIdKey(key);
    return this.#pending.has(key) || this.#pending.has(loose) || this.#loose.has(loose);
  }

  /**
   * Answers every open client request with an error (the server is gone), and every
   * request that still arrives afterwards: nothing waits on a server that cannot answer.
   */
  failPending(reason: string): void {
    const error = new AegisError(ErrorCode.UpstreamUnavailable, { check: "transport", reason });
    this.#gone = error;
    for (const p of this.#pending.values()) {
      this.#o.output.toClient(toReply(error, p.rawId));
      this.#auditResponse(p, "error");
    }
    this.#pending.clear();
    this.#loose.clear();
  }

  #route(line: DecodedLine, direction: Direction): void | Promise<void> {
    const { logger } = this.#o;
    if (line.kind === "oversize") return this.#refuseOversize(line, direction);
    if (direction === "server-to-client" && this.#fastResponse(line.bytes)) return;
    const read = readFrame(
      line.bytes,
      direction,
      this.#o.context.limits.maxDepth,
      direction === "server-to-client" ? this.#requestOf : undefined,
    );
    if (!("frame" in read)) {
      if (read.kind === "blank") return;
      if (read.kind === "too-deep") return this.#refuseTooDeep(line.bytes, read.scan, direction);
      if (read.kind === "ambiguous")
        return this.#refuseAmbiguous(read.scan, read.reason, direction);
      if (direction === "server-to-client") {
        // Not protocol: never let it reach the client's stdout.
        logger.warn(
          { bytes: line.bytes.length, preview: line.bytes.toString("utf8", 0, 200) },
          "dropped a non-JSON-RPC line from the server",
        );
        return;
      }
      if (read.kind === "batch") return this.#refuseBatch(line.bytes);
      const code = read.kind === "not-json" ? ErrorCode.ParseError : ErrorCode.InvalidRequest;
      const reason =
        read.kind === "not-json"
          ? "the line is not valid JSON"
          : "the message is not a valid JSON-RPC 2.0 message";
      logger.warn({ bytes: line.bytes.length, reason }, "refused a malformed line from the client");
      this.#auditDecision({
        direction,
        rawId: read.scan.rawId,
        method: read.scan.method,
        check: "protocol",
        reason,
        code,
        durationMs: 0,
      });
      const { rawId, method } = read.scan;
      // Only a line with a method is a request to answer by its id. Without one it may be a
      // broken answer to a server request: that request gets an error (the server must not
      // hang), and the client an error without id, which no request of its own could match.
      if (method === undefined && rawId !== undefined) {
        this.#failServerRequest(
          rawId,
          new AegisError(ErrorCode.InvalidRequest, { check: "protocol", reason }),
        );
        this.#o.output.toClient(protocolErrorReply(code, reason));
        return;
      }
      this.#o.output.toClient(protocolErrorReply(code, reason, rawId));
      return;
    }
    const frame = read.frame;
    if (direction === "client-to-server" && this.#isCancelOfLocal(frame)) return;
    if (
      frame.parsed.kind === "response" &&
      frame.rawId !== undefined &&
      (direction === "server-to-client" || this.#o.seesServerRequests !== false) &&
      !this.#expected(frame)
    ) {
      // Answers nothing that was asked: a list nobody requested could carry hidden names.
      logger.warn({ id: logId(frame.rawId), direction }, "dropped a response to no open request");
      return;
    }
    if (frame.parsed.kind === "request" && frame.rawId !== undefined && this.#inFlight(frame)) {
      const error = new AegisError(ErrorCode.InvalidRequest, {
        check: "protocol",
        reason: "a request with this id is already in flight",
      });
      return this.#refuse(frame, error, "protocol", 0, false);
    }
    // The cap holds each way: server requests waiting for the client count against it too.
    const inFlight =
      direction === "client-to-server" ? this.#pending.size : this.#serverPending.size;
    if (
      frame.parsed.kind === "request" &&
      inFlight >= this.#o.context.limits.maxConcurrentRequests
    ) {
      const error = new AegisError(ErrorCode.TooManyRequests, {
        check: "concurrency",
        reason: `more than ${this.#o.context.limits.maxConcurrentRequests} requests in flight`,
      });
      return this.#refuse(frame, error, "concurrency", 0);
    }
    const pipeline =
      direction === "client-to-server" ? this.#o.clientPipeline : this.#o.serverPipeline;
    const outcome = pipeline(frame, this.#o.context);
    if (outcome instanceof Promise) {
      return outcome.then(
        (o) => this.#apply(frame, o.verdict, o.check, o.durationMs, o.rule),
        (err: unknown) => {
          // compose() never rejects; this is a last line of defence (fail closed).
          this.#o.logger.error({ err }, "pipeline failed");
          this.#refuse(
            frame,
            new AegisError(ErrorCode.CheckFailed, { check: "pipeline", reason: "internal error" }),
            "pipeline",
            0,
          );
        },
      );
    }
    this.#apply(frame, outcome.verdict, outcome.check, outcome.durationMs, outcome.rule);
  }

  /**
   * Forwards a server response judged on its bytes, when it is clean (readCleanResponse),
   * answers an open request and every server check says it would pass it untouched:
   * what the full path would do, without parsing it. False: take the full path.
   */
  #fastResponse(bytes: Buffer): boolean {
    const passes = this.#o.serverPipeline.passesClean;
    if (passes === undefined || this.#o.fastPath === false) return false;
    const clean = readCleanResponse(bytes);
    if (clean === undefined || clean.depth > this.#o.context.limits.maxDepth) return false;
    const key = this.#pendingKey(clean.rawId);
    const pending = this.#pending.get(key);
    // tools/list results are remembered by #settle from the parsed message.
    if (pending === undefined || pending.method === "tools/list") return false;
    const view = {
      bytes: bytes.length,
      depth: clean.depth,
      inReplyTo: pending.request,
      strings: clean.strings,
    };
    if (!passes(view, this.#o.context)) return false;
    this.#takePending(key);
    this.#auditResponse(pending, clean.isError ? "tool-error" : "result");
    this.#o.output.toClient(bytes);
    return true;
  }

  #apply(
    frame: Frame,
    verdict: import("../pipeline/types.js").Verdict,
    check: string | undefined,
    durationMs: number,
    rule?: string,
  ): void {
    if (!verdict.ok) {
      this.#refuse(frame, verdict.error, check ?? verdict.error.data.check, durationMs);
      return;
    }
    this.#forward(verdict.frame ?? frame, durationMs, rule);
  }

  /** `rule`: what allowed it (a policy rule, `ungated`, `monitor`), for the audit row. */
  #forward(frame: Frame, durationMs: number, rule?: string): void {
    const { parsed, rawId } = frame;
    const toServer = frame.direction === "client-to-server";
    if (toServer && this.#gone) {
      if (parsed.kind === "request" && rawId !== undefined)
        this.#o.output.toClient(toReply(this.#gone, rawId));
      return;
    }
    if (parsed.kind === "request" && rawId !== undefined) {
      const key = idKeyFromRaw(rawId);
      if (toServer) {
        const method = parsed.message.method;
        const pending: Pending =
          frame.tool === undefined
            ? { rawId, method, start: performance.now(), request: { method } }
            : {
                rawId,
                method,
                tool: frame.tool,
                start: performance.now(),
                request: { method, tool: frame.tool },
              };
        this.#pending.set(key, pending);
        const loose = looseIdKey(key);
        if (loose !== key) this.#loose.set(loose, key);
        // Guarded here, not only inside: the record object would be built for every request.
        if (this.#auditing) {
          this.#auditDecision({
            direction: frame.direction,
            rawId,
            method: parsed.message.method,
            tool: frame.tool,
            check: "pipeline",
            durationMs,
            allow: true,
            rule,
          });
        }
        if (this.#o.logger.isLevelEnabled("debug")) {
          this.#o.logger.debug(
            { id: logId(rawId), method: parsed.message.method, tool: frame.tool },
            "forwarded request",
          );
        }
      } else {
        this.#serverPending.add(key);
      }
    } else if (parsed.kind === "response") {
      const id = parsed.message.id;
      if (id !== undefined) {
        // From the raw token when there is one, so big ids match their requests exactly.
        if (toServer)
          this.#serverPending.delete(rawId !== undefined ? idKeyFromRaw(rawId) : idKey(id));
        else
          this.#settle(rawId !== undefined ? this.#pendingKey(rawId) : idKey(id), parsed.message);
      }
    }
    if (toServer) this.#o.output.toServer(frame.raw);
    else this.#o.output.toClient(frame.raw);
  }

  /** A server response arrived: time it, remember tools it lists, forget the request. */
  #settle(key: string, message: Record<string, unknown>): void {
    const pending = this.#takePending(key);
    if (!pending) return;
    const result = message.result as { isError?: unknown; tools?: unknown } | undefined;
    if (pending.method === "tools/list" && Array.isArray(result?.tools)) {
      for (const tool of result.tools as Array<Record<string, unknown>>) {
        if (typeof tool?.name === "string") this.#tools.set(tool.name, tool);
      }
    }
    const outcome =
      "error" in message ? "error" : result?.isError === true ? "tool-error" : "result";
    this.#auditResponse(pending, outcome);
  }

  #refuse(
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
    this.#auditDecision({
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
    this.#o.logger.warn(
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
    const out = this.#o.output;
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
        const pending = this.#takePending(this.#pendingKey(rawId));
        if (pending) {
          this.#auditResponse(pending, "error");
          // The client's own spelling of the id, which is what it matches on.
          answer = pending.rawId;
        }
      } else {
        this.#serverPending.delete(idKeyFromRaw(rawId));
      }
      onward(toReply(error, answer));
    }
    // A refused notification is dropped; it has nobody to answer.
  }

  #refuseOversize(
    line: { head: Buffer; tail?: Buffer; bytes: number },
    direction: Direction,
  ): void {
    const { maxLineBytes } = this.#o.context.limits;
    const scan = scanMessage(line.head);
    // SDK peers write the id last: look for it at the end when the head has none.
    const rawId = scan.rawId ?? (line.tail ? scanTailId(line.tail) : undefined);
    const error = new PayloadTooLargeError(
      `message of ${line.bytes} bytes exceeds the ${maxLineBytes}-byte limit`,
      {
        bytes: line.bytes,
        limit: maxLineBytes,
      },
    );
    this.#refuseUnparsed(rawId, scan.method, error, direction, { bytes: line.bytes });
  }

  /**
   * A message that parsers would read differently (a repeated member, an id that is not
   * exactly an integer): never forwarded. Every id it could be read with is answered, so
   * no request waits, whichever reading its sender meant.
   */
  #refuseAmbiguous(scan: ScanResult, reason: string, direction: Direction): void {
    const error = new AegisError(ErrorCode.InvalidRequest, { check: "protocol", reason });
    const ids = [scan.rawId, scan.firstRawId].filter((id): id is string => id !== undefined);
    this.#refuseUnparsed(scan.rawId, scan.method, error, direction, { reason }, true);
    const other = ids[1];
    if (other !== undefined && idKeyFromRaw(other) !== idKeyFromRaw(ids[0] as string)) {
      this.#refuseUnparsed(other, scan.method, error, direction, { reason }, true);
    }
  }

  /** A line nested deeper than the limit, refused from its scan without parsing it. */
  #refuseTooDeep(bytes: Buffer, scan: ScanResult, direction: Direction): void {
    if (scan.isArray && direction === "client-to-server") {
      this.#refuseBatch(bytes);
      return;
    }
    const error = new DepthExceededError(scan.depth, this.#o.context.limits.maxDepth);
    this.#refuseUnparsed(scan.rawId, scan.method, error, direction, { bytes: bytes.length });
  }

  /** Refuses a line that was never parsed, answering its id (read from the bytes) if any. */
  #refuseUnparsed(
    rawId: string | undefined,
    method: string | undefined,
    error: AegisError,
    direction: Direction,
    logFields: Record<string, unknown>,
    /** Answer with a JSON-RPC error even for tools/call (its method may not be the one meant). */
    plainError = false,
  ): void {
    this.#auditDecision({
      direction,
      rawId,
      method,
      check: error.data.check,
      reason: error.data.reason,
      code: error.code,
      durationMs: 0,
    });
    this.#o.logger.warn(
      { id: logId(rawId), method, direction, check: error.data.check, ...logFields },
      "refused a line without parsing it",
    );
    if (rawId === undefined) return;
    const key = idKeyFromRaw(rawId);
    if (direction === "client-to-server") {
      if (method !== undefined) {
        this.#o.output.toClient(toReply(error, rawId, plainError ? undefined : method));
        if (!this.#pending.has(key)) this.#rememberLocal(key);
      } else {
        this.#failServerRequest(rawId, error);
      }
    } else if (method !== undefined) {
      this.#o.output.toServer(toReply(error, rawId));
    } else {
      const pending = this.#takePending(this.#pendingKey(rawId));
      if (pending) {
        this.#auditResponse(pending, "error");
        this.#o.output.toClient(toReply(error, pending.rawId));
      }
    }
  }

  /** A client line in place of its answer to a server request was refused: the server gets the error. */
  #failServerRequest(rawId: string, error: AegisError): void {
    if (this.#serverPending.delete(idKeyFromRaw(rawId))) {
      this.#o.output.toServer(toReply(error, rawId));
    }
  }

  /** JSON-RPC batches were removed from MCP (2025-06-18): refuse each request in one. */
  #refuseBatch(bytes: Buffer): void {
    const reason = "JSON-RPC batches are not accepted; send one message per line";
    const replies: string[] = [];
    // Ids from the bytes, not the parsed items: an id above 2^53 must come back exactly.
    const items = scanBatchItems(bytes);
    for (const item of items) {
      if (item.rawId !== undefined && item.method !== undefined) {
        replies.push(protocolErrorReply(ErrorCode.InvalidRequest, reason, item.rawId));
      }
    }
    this.#auditDecision({
      direction: "client-to-server",
      check: "protocol",
      reason,
      code: ErrorCode.InvalidRequest,
      durationMs: 0,
    });
    this.#o.logger.warn({ items: items.length }, "refused a batch");
    this.#o.output.toClient(
      replies.length
        ? `[${replies.join(",")}]`
        : protocolErrorReply(ErrorCode.InvalidRequest, reason),
    );
  }

  #isCancelOfLocal(frame: Frame): boolean {
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

  #rememberLocal(key: string): void {
    this.#answeredLocally.add(key);
    if (this.#answeredLocally.size > ANSWERED_LOCALLY_MAX) {
      const oldest = this.#answeredLocally.values().next().value as string;
      this.#answeredLocally.delete(oldest);
    }
  }

  #auditDecision(d: {
    direction: Direction;
    rawId?: string | undefined;
    method?: string | undefined;
    tool?: string | undefined;
    check: string;
    reason?: string;
    code?: number;
    durationMs: number;
    allow?: boolean;
    rule?: string | undefined;
  }): void {
    if (!this.#auditing) return;
    const { principal } = this.#o.context;
    const record: import("../audit/audit.js").DecisionRecord = {
      direction: d.direction,
      principal: principal.id,
      roles: [...principal.roles],
      decision: d.allow ? "allow" : "deny",
      check: d.check,
      durationMs: Math.round(d.durationMs * 1000) / 1000,
    };
    const id = logId(d.rawId);
    if (id !== undefined) record.id = id;
    if (d.method !== undefined) record.method = d.method;
    if (d.tool !== undefined) record.tool = d.tool;
    if (d.rule !== undefined) record.rule = d.rule;
    if (d.reason !== undefined) record.reason = d.reason;
    if (d.code !== undefined) record.code = d.code;
    this.#o.audit.decision(record);
  }

  #auditResponse(p: Pending, outcome: "result" | "error" | "tool-error"): void {
    if (!this.#auditing) return;
    const record: import("../audit/audit.js").ResponseRecord = {
      id: logId(p.rawId) as string | number,
      method: p.method,
      principal: this.#o.context.principal.id,
      outcome,
      rttMs: Math.round((performance.now() - p.start) * 1000) / 1000,
    };
    if (p.tool !== undefined) record.tool = p.tool;
    this.#o.audit.response(record);
  }
}
