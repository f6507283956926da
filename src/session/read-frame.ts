import type { Direction, Frame } from "../pipeline/types.js";
import { classify } from "../protocol/jsonrpc.js";
import { type ScanResult, scanMessage } from "../protocol/scan.js";

/** Why a line could not become a frame. */
export type Unreadable =
  | { kind: "blank" }
  | { kind: "not-json"; scan: ScanResult }
  | { kind: "batch"; scan: ScanResult; items: unknown[] }
  | { kind: "not-jsonrpc"; scan: ScanResult };

function isBlank(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0a) return false;
  return true;
}

/**
 * Turns one line into a frame: scan (depth, exact id), parse, classify. Parsing never
 * recurses in a way a deep message could overflow (V8's JSON.parse is iterative), and
 * the depth is judged by the depth check before anything walks the value.
 */
export function readFrame(bytes: Buffer, direction: Direction): { frame: Frame } | Unreadable {
  if (isBlank(bytes)) return { kind: "blank" };
  const scan = scanMessage(bytes);
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch {
    return { kind: "not-json", scan };
  }
  if (Array.isArray(value)) return { kind: "batch", scan, items: value };
  const parsed = classify(value);
  if (!parsed) return { kind: "not-jsonrpc", scan };
  let tool: string | undefined;
  // A tools/call sent as a notification (no id) is judged like a request: some servers run it anyway.
  if (parsed.kind !== "response" && parsed.message.method === "tools/call") {
    const name = parsed.message.params?.name;
    if (typeof name === "string") tool = name;
  }
  const frame: Frame = {
    raw: bytes,
    direction,
    parsed,
    depth: scan.depth,
    ...(scan.rawId !== undefined && parsed.kind !== "notification" ? { rawId: scan.rawId } : {}),
    ...(tool !== undefined ? { tool } : {}),
  };
  return { frame };
}
