/** What an upstream request carries besides its method: never the client's credentials. */
export interface UpstreamRequest {
  method: "GET" | "POST" | "DELETE";
  body?: Buffer | string;
  sessionId?: string;
  protocolVersion?: string;
  lastEventId?: string;
  /** Aborts the request (client gone, proxy closing). */
  signal?: AbortSignal;
}

/** An upstream request that failed or timed out before the upstream answered. */
export class UpstreamError extends Error {
  override readonly name = "UpstreamError";
}

/**
 * Talks to an upstream Streamable HTTP server. Builds each request's headers from an
 * allow-list: the client's `Authorization` (and cookies, and everything else) never
 * reaches the upstream (token passthrough is forbidden); `extraHeaders` may carry the
 * proxy's own upstream credential. The timeout covers the wait for response headers;
 * streams then run as long as they run.
 */
export class UpstreamClient {
  readonly url: URL;
  readonly #timeoutMs: number;
  readonly #extra: Readonly<Record<string, string>>;

  constructor(url: string | URL, timeoutMs: number, extraHeaders: Record<string, string> = {}) {
    this.url = new URL(url);
    if (this.url.protocol !== "http:" && this.url.protocol !== "https:") {
      throw new TypeError(`Expected an http(s) upstream URL, got ${JSON.stringify(String(url))}`);
    }
    this.#timeoutMs = timeoutMs;
    this.#extra = extraHeaders;
  }

  async request(r: UpstreamRequest): Promise<Response> {
    const headers: Record<string, string> = { ...this.#extra };
    if (r.method === "POST") {
      headers["content-type"] = "application/json";
      headers.accept = "application/json, text/event-stream";
    } else if (r.method === "GET") {
      headers.accept = "text/event-stream";
    }
    if (r.sessionId !== undefined) headers["mcp-session-id"] = r.sessionId;
    if (r.protocolVersion !== undefined) headers["mcp-protocol-version"] = r.protocolVersion;
    if (r.lastEventId !== undefined) headers["last-event-id"] = r.lastEventId;
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const headersArrived = new AbortController();
    const onTimeout = () => headersArrived.abort(timeout.reason);
    timeout.addEventListener("abort", onTimeout, { once: true });
    const signal = r.signal
      ? AbortSignal.any([r.signal, headersArrived.signal])
      : headersArrived.signal;
    try {
      return await fetch(this.url, {
        method: r.method,
        headers,
        ...(r.body !== undefined ? { body: r.body } : {}),
        signal,
        redirect: "error",
      });
    } catch (err) {
      const why = timeout.aborted
        ? `no answer within ${this.#timeoutMs} ms`
        : r.signal?.aborted
          ? "request aborted"
          : "upstream unreachable";
      throw new UpstreamError(why, { cause: err });
    } finally {
      timeout.removeEventListener("abort", onTimeout);
    }
  }
}

/** Reads a whole (non-stream) upstream body, refusing one larger than `max` bytes. */
export async function readBounded(res: Response, max: number): Promise<Buffer> {
  const parts: Buffer[] = [];
  let size = 0;
  if (!res.body) return Buffer.alloc(0);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) {
      await res.body.cancel().catch(() => {});
      throw new UpstreamError(`upstream body exceeds ${max} bytes`);
    }
    parts.push(Buffer.from(chunk));
  }
  return Buffer.concat(parts);
}
