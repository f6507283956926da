import type { IncomingMessage, ServerResponse } from "node:http";

/** A request body over the limit (answered 413). */
export class BodyTooLargeError extends Error {
  override readonly name = "BodyTooLargeError";
}

/** A request body that did not arrive in time (answered 408): a slow sender holds no slot for long. */
export class BodyTimeoutError extends Error {
  override readonly name = "BodyTimeoutError";
}

/**
 * Reads a request body, refusing it as soon as it passes `max` bytes (never buffers more)
 * or when it has not fully arrived within `timeoutMs`.
 */
export function readBody(req: IncomingMessage, max: number, timeoutMs = 30_000): Promise<Buffer> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > max) {
    return Promise.reject(new BodyTooLargeError(`body of ${declared} bytes exceeds ${max}`));
  }
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) {
        clearTimeout(timer);
        req.off("data", onData);
        req.resume(); // discard the rest; the answer goes out now
        reject(new BodyTooLargeError(`body exceeds ${max} bytes`));
        return;
      }
      parts.push(chunk);
    };
    const timer = setTimeout(() => {
      req.off("data", onData);
      reject(new BodyTimeoutError(`body not received within ${timeoutMs} ms`));
    }, timeoutMs);
    timer.unref();
    req.on("data", onData);
    req.once("end", () => {
      clearTimeout(timer);
      resolve(Buffer.concat(parts));
    });
    req.once("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

/** The single value of a header (the first, when a client repeated it). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** A JSON-RPC error body for HTTP-level refusals (no id: the SDK rejects `"id": null`). */
export function rpcErrorBody(code: number, message: string, rawId?: string): string {
  const idPart = rawId === undefined ? "" : `,"id":${rawId}`;
  return `{"jsonrpc":"2.0"${idPart},"error":${JSON.stringify({ code, message })}}`;
}

export function sendRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = rpcErrorBody(code, message);
  res.writeHead(status, { ...headers, "content-type": "application/json" });
  res.end(text);
}
