import { ErrorCode } from "../../protocol/errors.js";
import { classify } from "../../protocol/jsonrpc.js";
import { scanMessage } from "../../protocol/scan.js";
import type { MessageInfo } from "./channel.js";

/** A posted body the HTTP layer answers itself with 400 (not JSON, a batch, not JSON-RPC). */
export interface BadBody {
  code: ErrorCode.ParseError | ErrorCode.InvalidRequest;
  reason: string;
}

/** A posted message, read once: routing facts, plus the tool call for the scope check. */
export interface PostedMessage {
  info: MessageInfo;
  tool?: string;
  arguments?: Record<string, unknown>;
}

/**
 * Reads what the HTTP layer must know of a posted body: kind, exact id, method, progress
 * token, tool name and arguments. The session's pipeline parses and checks it again; this
 * only routes. Batches are refused: MCP removed them (2025-06-18) and one POST is one message.
 */
export function readPosted(
  body: Buffer,
  protocolVersion: string | undefined,
): PostedMessage | BadBody {
  let value: unknown;
  try {
    value = JSON.parse(body.toString("utf8"));
  } catch {
    return { code: ErrorCode.ParseError, reason: "the body is not valid JSON" };
  }
  if (Array.isArray(value)) {
    return {
      code: ErrorCode.InvalidRequest,
      reason: "JSON-RPC batches are not accepted; post one message",
    };
  }
  const parsed = classify(value);
  if (!parsed)
    return { code: ErrorCode.InvalidRequest, reason: "the body is not a JSON-RPC 2.0 message" };
  const scan = scanMessage(body);
  const info: MessageInfo = { kind: parsed.kind };
  if (protocolVersion !== undefined) info.protocolVersion = protocolVersion;
  if (parsed.kind !== "notification" && scan.rawId !== undefined) info.rawId = scan.rawId;
  if (parsed.kind === "response") return { info };
  const message = parsed.message as { method: string; params?: Record<string, unknown> };
  info.method = message.method;
  const params = message.params;
  const meta = params?._meta as { progressToken?: unknown } | undefined;
  const token = meta?.progressToken;
  if (typeof token === "string" || typeof token === "number")
    info.progressToken = JSON.stringify(token);
  const out: PostedMessage = { info };
  if (message.method === "tools/call" && typeof params?.name === "string") {
    out.tool = params.name;
    const args = params.arguments;
    if (typeof args === "object" && args !== null && !Array.isArray(args)) {
      out.arguments = args as Record<string, unknown>;
    }
  }
  return out;
}
