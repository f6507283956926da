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
 * none. Only the envelope is checked (unknown members are allowed): params are inspected
 * by the checks that need them. Decides exactly as the schemas above (a property test
 * holds them equal) but by hand: it runs twice per round trip, and the zod version took
 * 5% of the shim's time under load. The message returned is the parsed value itself.
 */
export function classify(value: unknown): Classified | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  if (v.jsonrpc !== "2.0") return undefined;
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

/**
 * The same key computed from an id's raw JSON token (as scanMessage reads it: a string,
 * or an integer without leading zeros). A number keeps its digits: parsed, ids above 2^53
 * collapse onto their neighbours (…993 and …992 would share one pending entry).
 */
export function idKeyFromRaw(rawId: string): string {
  if (rawId.startsWith('"')) return idKey(JSON.parse(rawId) as string);
  return rawId === "-0" ? "n:0" : `n:${rawId}`;
}
