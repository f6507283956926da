import type { Direction, Frame } from "../pipeline/types.js";
import { canonicalInteger, classify } from "../protocol/jsonrpc.js";
import { parseLine } from "../protocol/parse-line.js";
import { type ScanResult, scanMessage } from "../protocol/scan.js";

/** Why a line could not become a frame. */
export type Unreadable =
  | { kind: "blank" }
  | { kind: "not-json"; scan: ScanResult }
  | { kind: "batch"; scan: ScanResult; items: unknown[] }
  | { kind: "not-jsonrpc"; scan: ScanResult }
  | { kind: "too-deep"; scan: ScanResult }
  | { kind: "ambiguous"; scan: ScanResult; reason: string };

/** Members of every object in a parsed value (iterative: the value may be deep). */
export function countKeys(value: unknown): number {
  let n = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== "object" || v === null) continue;
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === "object" && item !== null) stack.push(item);
      continue;
    }
    for (const key in v) {
      n++;
      const item = (v as Record<string, unknown>)[key];
      if (typeof item === "object" && item !== null) stack.push(item);
    }
  }
  return n;
}

/**
 * Why a parsed message could be read two ways, or undefined. Peers disagree on repeated
 * keys (JSON.parse keeps the last, some parsers the first or refuse), so a message with
 * one must not be judged on one reading and acted on by the other. Both directions are
 * checked at every depth: a repeated `name` in params picks the tool, and a repeated
 * `tools` or `name` in a list result would show a first-wins client what the filter,
 * reading the last, let through as the original bytes.
 */
function ambiguity(scan: ScanResult, value: unknown): string | undefined {
  if (scan.duplicate !== undefined) return `the member "${scan.duplicate}" appears twice`;
  if (countKeys(value) !== scan.keys) {
    return "an object has the same key twice";
  }
  if (scan.rawId !== undefined && !scan.rawId.startsWith('"')) {
    if (canonicalInteger(scan.rawId) === undefined) return "the id is not an exact integer";
  }
  return undefined;
}

function isBlank(bytes: Buffer): boolean {
  // Indexed: a for-of over a Buffer goes through the iterator protocol for every line.
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== 0x0d && b !== 0x0a) return false;
  }
  return true;
}

/**
 * Turns one line into a frame: scan (depth, exact id), parse, classify. Parsing never
 * recurses in a way a deep message could overflow (V8's JSON.parse is iterative), and
 * a line nested deeper than `maxDepth` is not parsed at all: JSON.parse of a 10 MB depth
 * bomb takes about 10 s and 300 MiB (measured, Node 20), the scan a fraction of a second.
 */
export function readFrame(
  bytes: Buffer,
  direction: Direction,
  maxDepth = Number.POSITIVE_INFINITY,
  /** For a response: the request it answers, looked up by raw id (the session's pending map). */
  requestOf?: (rawId: string) => Frame["inReplyTo"],
): { frame: Frame } | Unreadable {
  if (isBlank(bytes)) return { kind: "blank" };
  // Without `method`: a line that parses has it, and only refusals of unparsed lines need it.
  const scan = scanMessage(bytes, false);
  if (scan.depth > maxDepth) return { kind: "too-deep", scan: scanMessage(bytes) };
  let value: unknown;
  try {
    value = parseLine(bytes);
  } catch {
    return { kind: "not-json", scan: scanMessage(bytes) };
  }
  if (Array.isArray(value)) return { kind: "batch", scan, items: value };
  const parsed = classify(value);
  if (!parsed) return { kind: "not-jsonrpc", scan: scanMessage(bytes) };
  const reason = ambiguity(scan, value);
  if (reason !== undefined) return { kind: "ambiguous", scan: scanMessage(bytes), reason };
  // Built by assignment, not by spreading optional parts: this runs for every message.
  const frame: { -readonly [K in keyof Frame]: Frame[K] } = {
    raw: bytes,
    direction,
    parsed,
    depth: scan.depth,
  };
  if (scan.rawId !== undefined && parsed.kind !== "notification") frame.rawId = scan.rawId;
  // A tools/call sent as a notification (no id) is judged like a request: some servers run it anyway.
  if (parsed.kind !== "response" && parsed.message.method === "tools/call") {
    const name = parsed.message.params?.name;
    if (typeof name === "string") frame.tool = name;
  } else if (parsed.kind === "response" && frame.rawId !== undefined && requestOf) {
    const request = requestOf(frame.rawId);
    if (request) frame.inReplyTo = request;
  }
  return { frame };
}
