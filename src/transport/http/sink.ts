import type { ServerResponse } from "node:http";
import { formatSseEvent } from "./sse.js";

/** Where server → client messages of one exchange go (a POST's response, a GET or legacy stream). */
export interface ClientSink {
  /** Sends one message; `final` marks the response that completes a POST. */
  send(line: Buffer | string, opts?: { eventId?: string; final?: boolean }): void;
  /** Relays an SSE event without a message (ids, retry hints, priming events). */
  sendMeta(eventId: string | undefined, retry: number | undefined): void;
  /** The upstream answers with a stream: so does this sink. */
  startStream(): void;
  /** The upstream accepted a notification or response (202). */
  accepted(): void;
  /** The exchange is over. */
  end(): void;
  /** Passes an upstream HTTP error through. */
  fail(status: number, body: string, contentType?: string): void;
  readonly closed: boolean;
  /** Resolves when the client has taken what was written (backpressure). */
  drain(): Promise<void>;
  /** Called when the client goes away. */
  onClose(listener: () => void): void;
}

/** Headers of every SSE response: no caching, no proxy buffering (stream as it comes). */
export const SSE_HEADERS = {
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  connection: "keep-alive",
} as const;

function drainOf(res: ServerResponse): Promise<void> {
  if (!res.writableNeedDrain || res.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.once("drain", done);
    res.once("close", done);
  });
}

/**
 * The answer to one Streamable HTTP POST. Lazy: a single final response becomes
 * `application/json`; anything else (progress first, server requests, an upstream
 * stream) turns the answer into `text/event-stream`, which ends with the final response.
 */
export class PostReply implements ClientSink {
  readonly #res: ServerResponse;
  readonly #headers: Record<string, string>;
  #state: "idle" | "sse" | "done" = "idle";

  constructor(res: ServerResponse, headers: Record<string, string> = {}) {
    this.#res = res;
    this.#headers = headers;
  }

  get closed(): boolean {
    return this.#state === "done" || this.#res.destroyed || this.#res.writableEnded;
  }

  /** Adds a header to send (e.g. the session id once an initialize creates it). */
  setHeader(name: string, value: string): void {
    this.#headers[name] = value;
  }

  send(line: Buffer | string, opts: { eventId?: string; final?: boolean } = {}): void {
    if (this.closed) return;
    if (this.#state === "idle" && opts.final) {
      this.#res.writeHead(200, { ...this.#headers, "content-type": "application/json" });
      this.#res.end(line);
      this.#state = "done";
      return;
    }
    this.startStream();
    const data = typeof line === "string" ? line : line.toString("utf8");
    this.#res.write(
      formatSseEvent({ data, ...(opts.eventId !== undefined ? { id: opts.eventId } : {}) }),
    );
    if (opts.final) this.end();
  }

  sendMeta(eventId: string | undefined, retry: number | undefined): void {
    if (this.closed) return;
    this.startStream();
    let out = "";
    if (eventId !== undefined) out += `id: ${eventId}\n`;
    if (retry !== undefined) out += `retry: ${retry}\n`;
    this.#res.write(`${out}data: \n\n`);
  }

  startStream(): void {
    if (this.#state !== "idle" || this.closed) return;
    this.#res.writeHead(200, { ...this.#headers, ...SSE_HEADERS });
    this.#res.flushHeaders();
    this.#state = "sse";
  }

  accepted(): void {
    if (this.#state !== "idle" || this.closed) return;
    this.#res.writeHead(202, this.#headers);
    this.#res.end();
    this.#state = "done";
  }

  end(): void {
    if (this.closed) return;
    if (this.#state === "idle") {
      // Nothing came for this exchange (e.g. a refused notification): accepted, nothing to say.
      this.accepted();
      return;
    }
    this.#res.end();
    this.#state = "done";
  }

  fail(status: number, body: string, contentType = "application/json"): void {
    if (this.closed) return;
    if (this.#state === "sse") {
      this.end();
      return;
    }
    this.#res.writeHead(status, { ...this.#headers, "content-type": contentType });
    this.#res.end(body);
    this.#state = "done";
  }

  drain(): Promise<void> {
    return drainOf(this.#res);
  }

  onClose(listener: () => void): void {
    this.#res.once("close", listener);
  }
}

/**
 * A long-lived stream: the GET server stream of Streamable HTTP, or the legacy `/sse`
 * stream, which carries every server message including responses. Never ends with an
 * exchange; ends when the client leaves or the session does.
 */
export class StreamSink implements ClientSink {
  readonly #res: ServerResponse;
  readonly #eventName: string | undefined;

  constructor(res: ServerResponse, headers: Record<string, string> = {}, eventName?: string) {
    this.#res = res;
    this.#eventName = eventName;
    res.writeHead(200, { ...headers, ...SSE_HEADERS });
    res.flushHeaders();
  }

  get closed(): boolean {
    return this.#res.destroyed || this.#res.writableEnded;
  }

  /** Writes a raw event (the legacy `endpoint` event). */
  event(ev: { event?: string; data: string }): void {
    if (!this.closed) this.#res.write(formatSseEvent(ev));
  }

  send(line: Buffer | string, opts: { eventId?: string } = {}): void {
    if (this.closed) return;
    const data = typeof line === "string" ? line : line.toString("utf8");
    this.#res.write(
      formatSseEvent({
        data,
        ...(this.#eventName !== undefined ? { event: this.#eventName } : {}),
        ...(opts.eventId !== undefined ? { id: opts.eventId } : {}),
      }),
    );
  }

  sendMeta(eventId: string | undefined, retry: number | undefined): void {
    if (this.closed || (eventId === undefined && retry === undefined)) return;
    let out = "";
    if (eventId !== undefined) out += `id: ${eventId}\n`;
    if (retry !== undefined) out += `retry: ${retry}\n`;
    this.#res.write(`${out}data: \n\n`);
  }

  startStream(): void {}
  accepted(): void {}

  end(): void {
    if (!this.closed) this.#res.end();
  }

  fail(): void {
    this.end();
  }

  drain(): Promise<void> {
    return drainOf(this.#res);
  }

  onClose(listener: () => void): void {
    this.#res.once("close", listener);
  }
}

/**
 * A legacy-SSE exchange: messages go to the session's one stream, and the exchange's own
 * end or failure is nothing to the client (its POST was already answered 202).
 */
export class LegacyExchangeSink implements ClientSink {
  readonly #stream: StreamSink;

  constructor(stream: StreamSink) {
    this.#stream = stream;
  }

  get closed(): boolean {
    return this.#stream.closed;
  }

  send(line: Buffer | string): void {
    this.#stream.send(line);
  }

  sendMeta(): void {}
  startStream(): void {}
  accepted(): void {}
  end(): void {}
  fail(): void {}

  drain(): Promise<void> {
    return this.#stream.drain();
  }

  onClose(listener: () => void): void {
    this.#stream.onClose(listener);
  }
}
