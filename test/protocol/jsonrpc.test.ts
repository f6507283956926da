import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  classify,
  NotificationSchema,
  RequestSchema,
  ResponseSchema,
} from "../../src/protocol/jsonrpc.js";

/** The schema-based classification that the hand-written classify() replaced. */
function classifyWithSchemas(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  // JSON-RPC 2.0: a request has no result or error, a response not both.
  const members = ["method", "result", "error"].filter((m) => m in v).length;
  if (members > 1) return undefined;
  if ("method" in v) {
    if ("id" in v) return RequestSchema.safeParse(v).success ? "request" : undefined;
    return NotificationSchema.safeParse(v).success ? "notification" : undefined;
  }
  return ResponseSchema.safeParse(v).success ? "response" : undefined;
}

const member = fc.oneof(
  fc.constant("2.0"),
  fc.integer(),
  fc.constant(2 ** 60),
  fc.double(),
  fc.string(),
  fc.constant(null),
  fc.constant([]),
  fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 2 }),
  fc.record({
    code: fc.oneof(fc.integer(), fc.double()),
    message: fc.oneof(fc.string(), fc.integer()),
  }),
);
const shaped = fc.record(
  { jsonrpc: member, id: member, method: member, params: member, result: member, error: member },
  { requiredKeys: [] },
);

describe("classify", () => {
  it("decides exactly as the zod envelope schemas", () => {
    fc.assert(
      fc.property(fc.oneof(shaped, fc.jsonValue()), (v) => {
        expect(classify(v)?.kind).toBe(classifyWithSchemas(v));
      }),
      { numRuns: 5000 },
    );
  });

  it("is none for a message with the members of two kinds", () => {
    for (const v of [
      { jsonrpc: "2.0", id: 1, method: "x", result: {} },
      { jsonrpc: "2.0", method: "x", error: { code: 1, message: "m" } },
      { jsonrpc: "2.0", id: 1, result: {}, error: { code: 1, message: "m" } },
    ])
      expect(classify(v)).toBeUndefined();
  });

  it("keeps the parsed message as it came (unknown members included)", () => {
    const v = { jsonrpc: "2.0", id: 1, method: "x", extra: { a: 1 } };
    expect(classify(v)).toEqual({ kind: "request", message: v });
  });
});
