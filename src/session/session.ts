import type { ClientReply } from "../approval/channel.js";
import type { AuditSink } from "../audit/audit.js";
import type { Logger } from "../audit/logger.js";
import type { Pipeline } from "../pipeline/compose.js";
import type { Context, Direction, Frame, Verdict } from "../pipeline/types.js";
import { readCleanResponse } from "../protocol/clean-response.js";
import { AegisError, ErrorCode, toReply } from "../protocol/errors.js";
import type { DecodedLine } from "../protocol/framing.js";
import { idKey, idKeyFromRaw } from "../protocol/jsonrpc.js";
import { OwnRequests } from "./own-requests.js";
import { type Pending, PendingRequests } from "./pending.js";
import { readFrame } from "./read-frame.js";
import { Refusals } from "./refusals.js";
import { SerialQueue } from "./serial-queue.js";
import { logId, SessionAudit } from "./session-audit.js";
import type { SessionOutput } from "./types.js";

export type { SessionOutput } from "./types.js";

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

/**
 * The transport-agnostic heart of the shim: takes lines from either side, runs them
 * through the checks, forwards unchanged messages as their original bytes and keeps the
 * open requests of both directions. Refusals (refusals.ts), the open-request book
 * (pending.ts), the shim's own questions to the client (own-requests.ts) and the audit
 * rows (session-audit.ts) are modules of their own; this class routes.
 */
export class Session {
  readonly #o: SessionOptions;
  readonly #clientQueue: SerialQueue<DecodedLine>;
  readonly #serverQueue: SerialQueue<DecodedLine>;
  readonly #pending = new PendingRequests();
  readonly #tools: Map<string, Readonly<Record<string, unknown>>>;
  readonly #own: OwnRequests;
  readonly #audit: SessionAudit;
  readonly #refusals: Refusals;
  /** Set once the server is gone: requests are answered with this error. */
  #gone: AegisError | undefined;

  constructor(options: SessionOptions) {
    this.#o = options;
    this.#audit = new SessionAudit(options.audit, options.context);
    this.#own = new OwnRequests((line) => options.output.toClient(line));
    this.#refusals = new Refusals({
      output: options.output,
      logger: options.logger,
      audit: this.#audit,
      pending: this.#pending,
      context: options.context,
    });
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
    if (line.kind !== "oversize" && this.#own.take(line.bytes)) return;
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
    return this.#own.request(method, params, timeoutMs);
  }

  /** True when the line answers one of the shim's own requests (and settles it). */
  takeOwnReply(bytes: Buffer): boolean {
    return this.#own.take(bytes);
  }

  /**
   * Answers every open client request with an error (the server is gone), and every
   * request that still arrives afterwards: nothing waits on a server that cannot answer.
   */
  failPending(reason: string): void {
    const error = new AegisError(ErrorCode.UpstreamUnavailable, { check: "transport", reason });
    this.#gone = error;
    for (const p of this.#pending.drain()) {
      this.#o.output.toClient(toReply(error, p.rawId));
      this.#audit.response(p, "error");
    }
  }

  #route(line: DecodedLine, direction: Direction): void | Promise<void> {
    if (line.kind === "oversize") return this.#refusals.oversize(line, direction);
    if (direction === "server-to-client" && this.#fastResponse(line.bytes)) return;
    const read = readFrame(
      line.bytes,
      direction,
      this.#o.context.limits.maxDepth,
      direction === "server-to-client" ? this.#pending.requestOf : undefined,
    );
    if (!("frame" in read)) {
      if (read.kind !== "blank") this.#refusals.unreadable(line.bytes, read, direction);
      return;
    }
    const frame = read.frame;
    if (direction === "client-to-server" && this.#refusals.isCancelOfLocal(frame)) return;
    if (
      frame.parsed.kind === "response" &&
      frame.rawId !== undefined &&
      (direction === "server-to-client" || this.#o.seesServerRequests !== false) &&
      !this.#pending.expected(frame)
    ) {
      // Answers nothing that was asked: a list nobody requested could carry hidden names.
      this.#o.logger.warn(
        { id: logId(frame.rawId), direction },
        "dropped a response to no open request",
      );
      return;
    }
    // The id's key, computed once for the in-flight test and the pending entry.
    const key =
      frame.parsed.kind === "request" && frame.rawId !== undefined
        ? idKeyFromRaw(frame.rawId)
        : undefined;
    if (key !== undefined && this.#pending.inFlight(frame, key)) {
      const error = new AegisError(ErrorCode.InvalidRequest, {
        check: "protocol",
        reason: "a request with this id is already in flight",
      });
      return this.#refusals.refuse(frame, error, "protocol", 0, false);
    }
    // The cap holds each way: server requests waiting for the client count against it too.
    const inFlight =
      direction === "client-to-server" ? this.#pending.size : this.#pending.serverSize;
    if (
      frame.parsed.kind === "request" &&
      inFlight >= this.#o.context.limits.maxConcurrentRequests
    ) {
      const error = new AegisError(ErrorCode.TooManyRequests, {
        check: "concurrency",
        reason: `more than ${this.#o.context.limits.maxConcurrentRequests} requests in flight`,
      });
      return this.#refusals.refuse(frame, error, "concurrency", 0);
    }
    const pipeline =
      direction === "client-to-server" ? this.#o.clientPipeline : this.#o.serverPipeline;
    const outcome = pipeline(frame, this.#o.context, this.#audit.enabled);
    if (outcome instanceof Promise) {
      return outcome.then(
        (o) => this.#apply(frame, o.verdict, o.check, o.durationMs, o.rule, key),
        (err: unknown) => {
          // compose() never rejects; this is a last line of defence (fail closed).
          this.#o.logger.error({ err }, "pipeline failed");
          this.#refusals.refuse(
            frame,
            new AegisError(ErrorCode.CheckFailed, { check: "pipeline", reason: "internal error" }),
            "pipeline",
            0,
          );
        },
      );
    }
    this.#apply(frame, outcome.verdict, outcome.check, outcome.durationMs, outcome.rule, key);
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
    const found = this.#pending.find(clean.rawId);
    // tools/list results are remembered by #settle from the parsed message.
    if (found === undefined || found.pending.method === "tools/list") return false;
    const { key, pending } = found;
    const view = {
      bytes: bytes.length,
      depth: clean.depth,
      inReplyTo: pending.request,
      strings: clean.strings,
    };
    if (!passes(view, this.#o.context)) return false;
    this.#pending.remove(key);
    this.#audit.response(pending, clean.isError ? "tool-error" : "result");
    this.#o.output.toClient(bytes);
    return true;
  }

  #apply(
    frame: Frame,
    verdict: Verdict,
    check: string | undefined,
    durationMs: number,
    rule: string | undefined,
    key: string | undefined,
  ): void {
    if (!verdict.ok) {
      this.#refusals.refuse(frame, verdict.error, check ?? verdict.error.data.check, durationMs);
      return;
    }
    const out = verdict.frame ?? frame;
    this.#forward(out, durationMs, rule, out.rawId === frame.rawId ? key : undefined);
  }

  /**
   * `rule`: what allowed it (a policy rule, `ungated`, `monitor`), for the audit row.
   * `key`: the request id's key, when #route computed it (a rewrite keeps the id).
   */
  #forward(frame: Frame, durationMs: number, rule?: string, idKeyOfRequest?: string): void {
    const { parsed, rawId } = frame;
    const toServer = frame.direction === "client-to-server";
    if (toServer && this.#gone) {
      if (parsed.kind === "request" && rawId !== undefined)
        this.#o.output.toClient(toReply(this.#gone, rawId));
      return;
    }
    if (parsed.kind === "request" && rawId !== undefined) {
      const key = idKeyOfRequest ?? idKeyFromRaw(rawId);
      if (toServer) {
        const method = parsed.message.method;
        // The start time serves only the audit row's round-trip time.
        const start = this.#audit.enabled ? performance.now() : 0;
        const pending: Pending =
          frame.tool === undefined
            ? { rawId, method, start, request: { method } }
            : { rawId, method, tool: frame.tool, start, request: { method, tool: frame.tool } };
        this.#pending.add(key, pending);
        // Guarded here, not only inside: the record object would be built for every request.
        if (this.#audit.enabled) {
          this.#audit.decision({
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
        this.#pending.addServer(key);
      }
    } else if (parsed.kind === "response") {
      const id = parsed.message.id;
      if (id !== undefined) {
        // From the raw token when there is one, so big ids match their requests exactly.
        if (toServer)
          this.#pending.deleteServer(rawId !== undefined ? idKeyFromRaw(rawId) : idKey(id));
        else
          this.#settle(
            rawId !== undefined ? this.#pending.keyOf(rawId) : idKey(id),
            parsed.message,
          );
      }
    }
    if (toServer) this.#o.output.toServer(frame.raw);
    else this.#o.output.toClient(frame.raw);
  }

  /** A server response arrived: time it, remember tools it lists, forget the request. */
  #settle(key: string, message: Record<string, unknown>): void {
    const pending = this.#pending.take(key);
    if (!pending) return;
    const result = message.result as { isError?: unknown; tools?: unknown } | undefined;
    if (pending.method === "tools/list" && Array.isArray(result?.tools)) {
      for (const tool of result.tools as Array<Record<string, unknown>>) {
        if (typeof tool?.name === "string") this.#tools.set(tool.name, tool);
      }
    }
    const outcome =
      "error" in message ? "error" : result?.isError === true ? "tool-error" : "result";
    this.#audit.response(pending, outcome);
  }
}
