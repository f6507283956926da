import type { IncomingMessage, ServerResponse } from "node:http";
import { ErrorCode } from "../../protocol/errors.js";
import type { ProxyCore } from "./core.js";
import {
  BodyTimeoutError,
  BodyTooLargeError,
  header,
  readBody,
  sendJson,
  sendRpcError,
} from "./http-util.js";
import { readPosted } from "./message-info.js";
import type { SessionRecord } from "./registry.js";
import { PostReply } from "./sink.js";

const SESSION_HEADER = "mcp-session-id";

function accepts(req: IncomingMessage, type: string): boolean {
  const accept = header(req, "accept") ?? "";
  return accept.includes(type) || accept.includes("*/*");
}

/** Streamable HTTP at /mcp: POST a message, GET the server stream, DELETE the session. */
export async function handleStreamable(
  core: ProxyCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const method = req.method ?? "GET";
  if (method !== "POST" && method !== "GET" && method !== "DELETE") {
    sendJson(res, 405, { error: "method_not_allowed" }, { allow: "GET, POST, DELETE" });
    return;
  }
  // Nothing is read, and no session is looked up, before the caller is known.
  const principal = await core.authenticate(req, res);
  if (!principal) return;
  const sessionId = header(req, SESSION_HEADER);
  const protocolVersion = header(req, "mcp-protocol-version");

  if (method === "POST") {
    if (!accepts(req, "application/json") || !accepts(req, "text/event-stream")) {
      sendRpcError(
        res,
        406,
        ErrorCode.InvalidRequest,
        "Not Acceptable: accept both application/json and text/event-stream",
      );
      return;
    }
    if (!(header(req, "content-type") ?? "").toLowerCase().startsWith("application/json")) {
      sendRpcError(
        res,
        415,
        ErrorCode.InvalidRequest,
        "Unsupported Media Type: send application/json",
      );
      return;
    }
    let body: Buffer;
    try {
      body = await readBody(req, core.limits.maxHttpBodyBytes, core.limits.transportTimeoutMs);
    } catch (err) {
      if (err instanceof BodyTimeoutError) {
        core.denied("timeout", err.message, principal);
        sendRpcError(res, 408, ErrorCode.InvalidRequest, "Request Timeout", {
          connection: "close",
        });
        return;
      }
      if (err instanceof BodyTooLargeError) {
        core.denied("size", err.message, principal, sessionId);
        sendRpcError(res, 413, ErrorCode.PayloadTooLarge, "Payload Too Large", {
          connection: "close",
        });
        return;
      }
      throw err;
    }
    const posted = readPosted(body, protocolVersion);
    if ("code" in posted) {
      core.denied("protocol", posted.reason, principal, sessionId);
      sendRpcError(res, 400, posted.code, posted.reason);
      return;
    }
    let record: SessionRecord | undefined;
    if (sessionId === undefined) {
      if (posted.info.method !== "initialize") {
        sendRpcError(
          res,
          400,
          ErrorCode.InvalidRequest,
          "Bad Request: Mcp-Session-Id header is required",
        );
        return;
      }
      if (!core.checkScopes(res, principal, posted)) return;
      record = core.openSession(principal, res);
    } else {
      record = core.findSession(sessionId, principal, res);
      if (record && !core.checkScopes(res, principal, posted, record.id)) return;
    }
    if (!record) return;
    const reply = new PostReply(res, { [SESSION_HEADER]: record.id });
    record.active += 1;
    try {
      await record.channel.post(body, reply, posted.info);
    } finally {
      record.active -= 1;
      record.lastSeen = Date.now();
    }
    return;
  }

  if (sessionId === undefined) {
    sendRpcError(
      res,
      400,
      ErrorCode.InvalidRequest,
      "Bad Request: Mcp-Session-Id header is required",
    );
    return;
  }
  const record = core.findSession(sessionId, principal, res);
  if (!record) return;

  if (method === "DELETE") {
    const status = await record.channel.terminate();
    res.writeHead(status, { [SESSION_HEADER]: record.id }).end();
    if (status !== 405) await core.endSession(record);
    return;
  }

  if (!accepts(req, "text/event-stream")) {
    sendRpcError(res, 406, ErrorCode.InvalidRequest, "Not Acceptable: accept text/event-stream");
    return;
  }
  const lastEventId = header(req, "last-event-id");
  record.active += 1;
  try {
    await record.channel.listen(new LazyStreamSink(res, { [SESSION_HEADER]: record.id }), {
      ...(lastEventId !== undefined ? { lastEventId } : {}),
      ...(protocolVersion !== undefined ? { protocolVersion } : {}),
    });
  } finally {
    record.active -= 1;
    record.lastSeen = Date.now();
  }
}

/**
 * The GET stream: its status line waits until the upstream has answered, so an upstream
 * that offers no server stream (405) or refuses a Last-Event-ID is answered as it answered.
 */
class LazyStreamSink extends PostReply {
  override send(line: Buffer | string, opts: { eventId?: string } = {}): void {
    super.send(line, { ...opts, final: false });
  }
}
