import { z } from "zod";

/** A JSON-RPC id as MCP allows it: a string or an integer, never null. */
// Not z.int(): zod's int() refuses integers above 2^53, which are valid ids we must keep.
export const RequestIdSchema = z.union([
  z.string(),
  z.number().refine(Number.isInteger, "an id must be an integer"),
]);
export type RequestId = z.infer<typeof RequestIdSchema>;

const ParamsSchema = z.record(z.string(), z.unknown());

export const RequestSchema = z.looseObject({
  jsonrpc: z.literal("2.0"),
  id: RequestIdSchema,
  method: z.string(),
  params: ParamsSchema.optional(),
});
export type JsonRpcRequest = z.infer<typeof RequestSchema>;

export const NotificationSchema = z.looseObject({
  jsonrpc: z.literal("2.0"),
  method: z.string(),
  params: ParamsSchema.optional(),
});
export type JsonRpcNotification = z.infer<typeof NotificationSchema>;

export const ErrorObjectSchema = z.looseObject({
  code: z.number().int(),
  message: z.string(),
  data: z.unknown().optional(),
});

export const ResponseSchema = z.union([
  z.looseObject({ jsonrpc: z.literal("2.0"), id: RequestIdSchema, result: z.unknown() }),
  z.looseObject({
    jsonrpc: z.literal("2.0"),
    id: RequestIdSchema.optional(),
    error: ErrorObjectSchema,
  }),
]);
export type JsonRpcResponse = z.infer<typeof ResponseSchema>;

/** A classified message: exactly one of request, notification, response. */
export type Classified =
  | { kind: "request"; message: JsonRpcRequest }
  | { kind: "notification"; message: JsonRpcNotification }
  | { kind: "response"; message: JsonRpcResponse };

function isId(v: unknown): v is RequestId {
  return typeof v === "string" || (typeof v === "number" && Number.isInteger(v));
}

function isParams(v: unknown): boolean {
  return v === undefined || (typeof v === "object" && v !== null && !Array.isArray(v));
}

function isErrorObject(v: unknown): boolean {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const e = v as Record<string, unknown>;
  return Number.isSafeInteger(e.code) && typeof e.message === "string";
}

/**
 * Classifies a parsed JSON value as a JSON-RPC message, or returns undefined when it is
 * none (also when it carries the members of two kinds: `method` beside `result` or `error`,
 * or `result` with `error`). Only the envelope is checked (unknown members are allowed): params are inspected
 * by the checks that need them. Decides exactly as the schemas above (a property test
 * holds them equal) but by hand: it runs twice per round trip, and the zod version took
 * 5% of the shim's time under load. The message returned is the parsed value itself.
 */
export function classify(value: unknown): Classified | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (v.jsonrpc !== "2.0") return undefined;
  // Two kinds at once: peers pick different ones (a lenient client may take a request that
  // carries a result for the answer to its own request), so it is none.
  if ("result" in v ? "method" in v || "error" in v : "method" in v && "error" in v)
    return undefined;
  if ("method" in v) {
    if (typeof v.method !== "string" || !isParams(v.params)) return undefined;
    if ("id" in v) {
      return isId(v.id) ? { kind: "request", message: v as JsonRpcRequest } : undefined;
    }
    return { kind: "notification", message: v as JsonRpcNotification };
  }
  const response = { kind: "response", message: v as JsonRpcResponse } as const;
  if ("result" in v && isId(v.id)) return response;
  if (isErrorObject(v.error) && (v.id === undefined || isId(v.id))) return response;
  return undefined;
}

/** Key for matching ids across directions and messages: "1" and 1 stay different. */
export function idKey(id: RequestId | string): string {
  return typeof id === "string" ? `s:${id}` : `n:${id}`;
}

/** Exponents beyond this cannot be an integer id (a double overflows at 1e309). */
const MAX_EXPONENT = 400;
const NUMBER = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/**
 * True for the common spelling that is already canonical: digits without a leading zero,
 * an optional minus before a non-zero, no fraction or exponent (checked by char code:
 * ids are read several times per message).
 */
function isPlainInteger(token: string): boolean {
  const n = token.length;
  let i = token.charCodeAt(0) === 0x2d ? 1 : 0;
  if (i >= n) return false;
  const first = token.charCodeAt(i);
  // "0" is canonical, "-0" and "01" are not.
  if (first === 0x30) return n === 1;
  for (; i < n; i++) {
    const c = token.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/**
 * The exact integer value of a JSON number token as canonical decimal digits ("1e2" →
 * "100", "303.0" → "303", "-0" → "0"), or undefined when the token is not an integer.
 * Computed on the digits, never through a double, so ids above 2^53 keep their value.
 */
export function canonicalInteger(token: string): string | undefined {
  if (isPlainInteger(token)) return token;
  const m = NUMBER.exec(token);
  if (!m) return undefined;
  const exp = Number(m[4] ?? "0");
  if (!Number.isFinite(exp) || Math.abs(exp) > MAX_EXPONENT) return undefined;
  let digits = (m[2] as string) + (m[3] ?? "");
  let scale = exp - (m[3]?.length ?? 0);
  if (scale < 0) {
    // Only zeros may be cut off: 1.50e1 is 15, 1.5 is no integer.
    const cut = digits.slice(digits.length + scale);
    if (cut.length === -scale && /^0*$/.test(cut)) digits = digits.slice(0, digits.length + scale);
    else if (/^0*$/.test(digits)) digits = "0";
    else return undefined;
    scale = 0;
  }
  digits = digits.replace(/^0+(?=\d)/, "");
  // Cutting every digit (0e-1) leaves zero, not an empty key.
  if (digits === "0" || digits === "") return "0";
  return `${m[1]}${digits}${"0".repeat(scale)}`;
}

/** What JSON.parse would have to decode (an escape) or refuse (a raw control character). */
const NEEDS_DECODING = /[\\\u0000-\u001f]/;

/**
 * The same key computed from an id's raw JSON token (a string with its escapes, or a
 * number in any spelling JSON allows). Keys compare ids by value, as every peer's parser
 * reads them: `1e2`, `100.0` and `100` are one id, `"\u0031"` and `"1"` are one id, and
 * a number keeps its digits: parsed, ids above 2^53 collapse onto their neighbours.
 */
export function idKeyFromRaw(rawId: string): string {
  if (rawId.startsWith('"')) {
    // Without escapes or control characters the text between the quotes is the value.
    return !NEEDS_DECODING.test(rawId)
      ? `s:${rawId.slice(1, -1)}`
      : idKey(JSON.parse(rawId) as string);
  }
  return `n:${canonicalInteger(rawId) ?? rawId}`;
}

/**
 * The key an id would have after a round trip through a double: itself for safe integers
 * and strings; for an integer beyond 2^53, the nearest double's digits.
 */
export function looseIdKey(key: string): string {
  // Up to 15 digits every integer is exact as a double (2^53 has 16).
  if (!key.startsWith("n:") || key.length <= (key.charCodeAt(2) === 0x2d ? 18 : 17)) return key;
  const n = Number(key.slice(2));
  return Number.isSafeInteger(n) ? key : `n:${canonicalInteger(String(n)) ?? String(n)}`;
}
