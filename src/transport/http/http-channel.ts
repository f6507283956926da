import { AsyncLocalStorage } from "node:async_hooks";
import type { ClientChannel, ClientReply } from "../../approval/channel.js";
import type { DecodedLine } from "../../protocol/framing.js";
import { idKeyFromRaw } from "../../protocol/jsonrpc.js";
import { scanMessage } from "../../protocol/scan.js";
import { Session } from "../../session/session.js";
import type { Channel, ChannelContext, MessageInfo } from "./channel.js";
import type { ClientSink } from "./sink.js";
import { SseParser } from "./sse.js";
import { readBounded, type UpstreamClient, UpstreamError } from "./upstream-client.js";

const JSON_RPC_ERROR_BODY_MAX = 64 * 1024;

/** The POST exchange whose checks are running: an `ask` approval goes out on its stream. */
const judging = new AsyncLocalStorage<Session>();

/** One POST or GET relayed: its own Session, and what labels the messages it lets through. */
interface Exchange {
  session: Session;
  setEventId(id: string | undefined): void;
  expectFinal(rawId: string | undefined): void;
}

/**
 * An MCP session relayed to an upstream Streamable HTTP server. Each exchange (one POST,
 * one GET stream) gets its own Session over the session's shared checks, context and tools
 * map, so whatever arrives on an upstream stream goes back on the matching client stream,
 * every message inspected, SSE relayed event by event with its id (Last-Event-ID works).
 */
export class HttpChannel implements Channel, ClientChannel {
  readonly #c: ChannelContext;
  readonly #upstream: UpstreamClient;
  readonly #maxBody: number;
  readonly #aborts = new Set<AbortController>();
  /** POST exchanges in progress: one of them may be waiting for the client's answer to its question. */
  readonly #posting = new Set<Session>();
  /** Open server streams (GET), where proxy-originated notifications go. */
  readonly #listeners = new Set<ClientSink>();
  #upstreamSessionId: string | undefined;
  #closed = false;

  constructor(c: ChannelContext, upstream: UpstreamClient, maxBodyBytes: number) {
    this.#c = c;
    this.#upstream = upstream;
    this.#maxBody = maxBodyBytes;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** An exchange: a Session whose client side is `sink` and whose server side is `send`. */
  #exchange(sink: ClientSink, send: (line: Buffer | string) => void): Exchange {
    let eventId: string | undefined;
    let finalKey: string | undefined;
    const session = new Session({
      clientPipeline: this.#c.clientPipeline,
      serverPipeline: this.#c.serverPipeline,
      context: this.#c.context,
      tools: this.#c.tools,
      logger: this.#c.logger,
      audit: this.#c.audit,
      // One session per POST: the server requests it answers came on another stream.
      seesServerRequests: false,
      output: {
        toServer: send,
        toClient: (line) => {
          const final = finalKey !== undefined && isResponseTo(line, finalKey);
          sink.send(line, { ...(eventId !== undefined ? { eventId } : {}), final });
        },
      },
    });
    return {
      session,
      setEventId: (id: string | undefined) => {
        eventId = id;
      },
      expectFinal: (rawId: string | undefined) => {
        finalKey = rawId;
      },
    };
  }

  /**
   * Asks the client on the stream of the POST being judged (an `ask` approval as
   * elicitation/create, answered by a POST of its own). Outside a POST nobody is asked.
   */
  requestClient(
    method: string,
    params: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<ClientReply> {
    const session = judging.getStore();
    if (session === undefined || this.#closed)
      return Promise.resolve({ kind: "error", error: { message: "no client stream to ask on" } });
    return session.requestClient(method, params, timeoutMs);
  }

  async post(body: Buffer, sink: ClientSink, info: MessageInfo): Promise<void> {
    // The client's answer to a question of the shim's own settles it; the upstream never sees it.
    if (info.kind === "response") {
      for (const s of this.#posting) {
        if (s.takeOwnReply(body)) {
          sink.accepted();
          return;
        }
      }
    }
    const abort = this.#track(sink);
    let forwarded: Promise<void> | undefined;
    const ex = this.#exchange(sink, (line) => {
      if (forwarded === undefined) forwarded = this.#forward(line, sink, info, ex, abort.signal);
      else void this.#postAside(line);
    });
    if (info.kind === "request") ex.expectFinal(info.rawId);
    this.#posting.add(ex.session);
    try {
      judging.run(ex.session, () => ex.session.fromClient({ kind: "line", bytes: body }));
      await ex.session.idle();
      if (forwarded) await forwarded;
      await ex.session.idle();
    } finally {
      this.#posting.delete(ex.session);
    }
    this.#aborts.delete(abort);
    sink.end();
  }

  async #forward(
    line: Buffer | string,
    sink: ClientSink,
    info: MessageInfo,
    ex: Exchange,
    signal: AbortSignal,
  ): Promise<void> {
    let res: Response;
    try {
      res = await this.#upstream.request({
        method: "POST",
        body: line,
        signal,
        ...this.#sessionHeaders(info.protocolVersion),
      });
    } catch (err) {
      this.#upstreamFailed(err, ex.session, sink, info);
      return;
    }
    const sid = res.headers.get("mcp-session-id");
    if (sid && info.method === "initialize" && res.ok) this.#upstreamSessionId = sid;
    const type = res.headers.get("content-type") ?? "";
    if (res.status === 202 || res.status === 204) {
      await res.body?.cancel().catch(() => {});
      sink.accepted();
    } else if (res.ok && type.startsWith("text/event-stream")) {
      sink.startStream();
      await this.#relayStream(res, sink, ex);
    } else if (res.ok && type.startsWith("application/json")) {
      try {
        const bytes = await readBounded(res, this.#maxBody);
        ex.session.fromServer({ kind: "line", bytes });
      } catch (err) {
        this.#upstreamFailed(err, ex.session, sink, info);
      }
    } else {
      // The upstream's HTTP-level answer (400, 404 unknown session, 405…): pass it on, bounded.
      const text = await readBounded(res, JSON_RPC_ERROR_BODY_MAX).then(
        (b) => b.toString("utf8"),
        () => "",
      );
      this.#c.logger.info(
        { status: res.status, session: this.#c.sessionId },
        "upstream refused a message",
      );
      sink.fail(res.status, text, type || "text/plain");
    }
  }

  async #relayStream(res: Response, sink: ClientSink, ex: Exchange): Promise<void> {
    const parser = new SseParser(this.#c.context.limits.maxLineBytes);
    const handle = async (events: ReturnType<SseParser["push"]>) => {
      for (const ev of events) {
        if ("oversize" in ev) {
          ex.setEventId(ev.id);
          const line: DecodedLine = {
            kind: "oversize",
            head: Buffer.from(ev.head),
            bytes: ev.bytes,
          };
          ex.session.fromServer(line);
        } else if (ev.data === "") {
          sink.sendMeta(ev.id, ev.retry);
          continue;
        } else {
          ex.setEventId(ev.id);
          ex.session.fromServer({ kind: "line", bytes: Buffer.from(ev.data) });
        }
        // One event at a time: its id labels what the checks let through, and a slow client slows us.
        await ex.session.idle();
        await sink.drain();
      }
    };
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        if (sink.closed) break;
        await handle(parser.push(chunk));
      }
      await handle(parser.end());
    } catch (err) {
      this.#c.logger.debug({ err, session: this.#c.sessionId }, "upstream stream ended early");
    } finally {
      await res.body?.cancel().catch(() => {});
    }
  }

  /** A message the shim sends upstream on its own (an error in place of a refused response). */
  async #postAside(line: Buffer | string): Promise<void> {
    try {
      const res = await this.#upstream.request({
        method: "POST",
        body: line,
        ...this.#sessionHeaders(),
      });
      await res.body?.cancel().catch(() => {});
    } catch (err) {
      this.#c.logger.warn(
        { err, session: this.#c.sessionId },
        "could not deliver a message upstream",
      );
    }
  }

  #upstreamFailed(err: unknown, session: Session, sink: ClientSink, info: MessageInfo): void {
    const reason = err instanceof UpstreamError ? err.message : "upstream failed";
    this.#c.logger.warn({ reason, session: this.#c.sessionId }, "upstream request failed");
    if (info.kind === "request") session.failPending(`the MCP server cannot be reached: ${reason}`);
    else sink.fail(502, JSON.stringify({ error: "bad_gateway", error_description: reason }));
  }

  #sessionHeaders(protocolVersion?: string) {
    return {
      ...(this.#upstreamSessionId !== undefined ? { sessionId: this.#upstreamSessionId } : {}),
      ...(protocolVersion !== undefined ? { protocolVersion } : {}),
    };
  }

  #track(sink: ClientSink): AbortController {
    const abort = new AbortController();
    this.#aborts.add(abort);
    // A client that leaves takes its upstream stream with it (the upstream may keep events to resume).
    sink.onClose(() => abort.abort());
    return abort;
  }

  async listen(
    sink: ClientSink,
    info: { lastEventId?: string; protocolVersion?: string },
  ): Promise<void> {
    const abort = this.#track(sink);
    let res: Response;
    try {
      res = await this.#upstream.request({
        method: "GET",
        signal: abort.signal,
        ...this.#sessionHeaders(info.protocolVersion),
        ...(info.lastEventId !== undefined ? { lastEventId: info.lastEventId } : {}),
      });
    } catch (err) {
      this.#aborts.delete(abort);
      sink.fail(
        502,
        JSON.stringify({ error: "bad_gateway", error_description: String((err as Error).message) }),
      );
      return;
    }
    const type = res.headers.get("content-type") ?? "";
    if (!res.ok || !type.startsWith("text/event-stream")) {
      const text = await readBounded(res, JSON_RPC_ERROR_BODY_MAX).then(
        (b) => b.toString("utf8"),
        () => "",
      );
      this.#aborts.delete(abort);
      sink.fail(res.ok ? 502 : res.status, text, type || "text/plain");
      return;
    }
    sink.startStream();
    const ex = this.#exchange(sink, (line) => void this.#postAside(line));
    this.#listeners.add(sink);
    try {
      await this.#relayStream(res, sink, ex);
      await ex.session.idle();
    } finally {
      this.#listeners.delete(sink);
      this.#aborts.delete(abort);
    }
    sink.end();
  }

  notify(line: string): void {
    for (const sink of this.#listeners) if (!sink.closed) sink.send(line);
  }

  async terminate(): Promise<number> {
    let status = 200;
    if (this.#upstreamSessionId !== undefined) {
      try {
        const res = await this.#upstream.request({ method: "DELETE", ...this.#sessionHeaders() });
        await res.body?.cancel().catch(() => {});
        status = res.status === 405 ? 405 : res.ok ? 200 : res.status;
      } catch {
        status = 502;
      }
    }
    if (status !== 405) await this.close();
    return status;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const a of this.#aborts) a.abort();
    this.#aborts.clear();
  }
}

/** Whether a line is the response to the request with this raw id. */
export function isResponseTo(line: Buffer | string, rawId: string): boolean {
  const s = scanMessage(typeof line === "string" ? Buffer.from(line) : line);
  return (
    s.method === undefined && s.rawId !== undefined && idKeyFromRaw(s.rawId) === idKeyFromRaw(rawId)
  );
}
