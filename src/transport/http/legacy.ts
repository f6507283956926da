import type { IncomingMessage, ServerResponse } from "node:http";
import { ErrorCode } from "../../protocol/errors.js";
import type { ProxyCore } from "./core.js";
import {
  BodyTimeoutError,
  BodyTooLargeError,
  readBody,
  sendJson,
  sendRpcError,
} from "./http-util.js";
import { readPosted } from "./message-info.js";
import { LegacyExchangeSink, StreamSink } from "./sink.js";

/**
 * Legacy HTTP+SSE (2024-11-05), for older clients: GET /sse opens the session's one stream
 * and names the endpoint to post to; every server message, responses included, comes back
 * on that stream. Ending the stream ends the session.
 */
export async function handleLegacyStream(
  core: ProxyCore,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== "GET") {
    sendJson(res, 405, { error: "method_not_allowed" }, { allow: "GET" });
    return;
  }
  const principal = await core.authenticate(req, res);
  if (!principal) return;
  const record = core.openSession(principal, res);
  if (!record) return;
  const stream = new StreamSink(res, {}, "message");
  record.legacy = stream;
  record.active += 1;
  stream.event({ event: "endpoint", data: `/messages?sessionId=${encodeURIComponent(record.id)}` });
  await new Promise<void>((resolve) => res.once("close", resolve));
  record.active -= 1;
  await core.endSession(record);
}

/** POST /messages?sessionId=…: accepted at once (202); the answer comes on the stream. */
export async function handleLegacyMessage(
  core: ProxyCore,
  req: IncomingMessage,
  res: ServerResponse,
  sessionId: string | null,
): Promise<void> {
  if (req.method !== "POST") {
    sendJson(res, 405, { error: "method_not_allowed" }, { allow: "POST" });
    return;
  }
  const principal = await core.authenticate(req, res);
  if (!principal) return;
  if (sessionId === null) {
    sendRpcError(res, 400, ErrorCode.InvalidRequest, "Bad Request: sessionId is required");
    return;
  }
  const record = core.findSession(sessionId, principal, res);
  if (!record) return;
  const stream = record.legacy;
  if (!stream || stream.closed) {
    sendRpcError(res, 404, ErrorCode.InvalidRequest, "Session not found");
    return;
  }
  let body: Buffer;
  try {
    body = await readBody(req, core.limits.maxHttpBodyBytes, core.limits.transportTimeoutMs);
  } catch (err) {
    if (err instanceof BodyTimeoutError) {
      core.denied("timeout", err.message, principal, record.id);
      sendRpcError(res, 408, ErrorCode.InvalidRequest, "Request Timeout", { connection: "close" });
      return;
    }
    if (err instanceof BodyTooLargeError) {
      core.denied("size", err.message, principal, record.id);
      sendRpcError(res, 413, ErrorCode.PayloadTooLarge, "Payload Too Large", {
        connection: "close",
      });
      return;
    }
    throw err;
  }
  const posted = readPosted(body, undefined);
  if ("code" in posted) {
    core.denied("protocol", posted.reason, principal, record.id);
    sendRpcError(res, 400, posted.code, posted.reason);
    return;
  }
  if (!core.checkScopes(res, principal, posted, record.id)) return;
  res.writeHead(202).end("Accepted");
  record.active += 1;
  try {
    await record.channel.post(body, new LegacyExchangeSink(stream), posted.info);
  } finally {
    record.active -= 1;
  }
  // Once the client has initialized, server-initiated messages may flow on the same stream.
  if (posted.info.method === "notifications/initialized") {
    void record.channel.listen(new LegacyExchangeSink(stream), {});
  }
}
