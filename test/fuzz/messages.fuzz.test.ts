import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { classify, idKey, type RequestId } from "../../src/protocol/jsonrpc.js";
import { internalErrors, sessionRig } from "./session-rig.js";

const METHODS = [
  "initialize",
  "ping",
  "tools/list",
  "tools/call",
  "resources/read",
  "prompts/get",
  "notifications/cancelled",
  "notifications/progress",
];

/** A JSON-RPC-shaped object: every member may be right, wrong or missing. */
const shaped = fc.record(
  {
    jsonrpc: fc.oneof(fc.constant("2.0"), fc.constant("2.0"), fc.constant("1.0"), fc.jsonValue()),
    id: fc.oneof(
      fc.constant("unique"),
      fc.constant("unique"),
      fc.constant(null),
      fc.double(),
      fc.jsonValue(),
    ),
    method: fc.oneof(fc.constantFrom(...METHODS), fc.string(), fc.jsonValue()),
    params: fc.oneof(
      fc.record({
        name: fc.oneof(fc.constantFrom("echo", "get-env", "rm"), fc.jsonValue()),
        arguments: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
      }),
      fc.jsonValue(),
    ),
    result: fc.jsonValue(),
    error: fc.oneof(fc.record({ code: fc.integer(), message: fc.string() }), fc.jsonValue()),
  },
  { requiredKeys: [] },
);

const message = fc.oneof(
  { weight: 4, arbitrary: shaped },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 120 })
      .map((n) => JSON.parse(`${"[".repeat(n)}${"]".repeat(n)}`)),
  },
);

describe("message fuzz through the whole session and pipeline", () => {
  it("never throws out, and answers every request id exactly once", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { maxLength: 40 }), async (values) => {
        const rig = sessionRig({ answer: true, limits: { maxDepth: 64 } });
        const requests: string[] = [];
        values.forEach((value, i) => {
          let v = value;
          if (typeof v === "object" && v !== null && !Array.isArray(v) && v.id === "unique") {
            // Unique ids, half strings and half numbers, so answers can be counted per id.
            v = { ...v, id: i % 2 === 0 ? i : `r${i}` };
          }
          const c = classify(v);
          if (c?.kind === "request") requests.push(idKey(c.message.id));
          expect(() =>
            rig.session.fromClient({ kind: "line", bytes: Buffer.from(JSON.stringify(v)) }),
          ).not.toThrow();
        });
        // Let the fake server's answers (queued microtasks) and the queues settle.
        for (let i = 0; i < 3; i++) {
          await new Promise((r) => setImmediate(r));
          await rig.session.idle();
        }
        const answers = new Map<string, number>();
        for (const out of rig.toClient) {
          const msg = JSON.parse(out) as { id?: RequestId; method?: unknown };
          if (msg.id !== undefined && msg.method === undefined)
            answers.set(idKey(msg.id), (answers.get(idKey(msg.id)) ?? 0) + 1);
        }
        // Each request gets one answer: an id sent twice (a generated double or JSON value
        // can repeat) is answered twice, once for each request (the second may be refused).
        const asked = new Map<string, number>();
        for (const key of requests) asked.set(key, (asked.get(key) ?? 0) + 1);
        for (const [key, n] of asked) expect(answers.get(key), key).toBe(n);
        expect(rig.session.pendingCount).toBe(0);
        expect(internalErrors(rig.records)).toEqual([]);
      }),
      { numRuns: 400 },
    );
  });

  it("answers every id exactly once when the server sends garbage, duplicates and strays", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(shaped, fc.jsonValue()), { maxLength: 30 }),
        async (serverValues) => {
          const rig = sessionRig({ answer: false });
          for (let i = 0; i < 10; i++) {
            rig.session.fromClient({
              kind: "line",
              bytes: Buffer.from(`{"jsonrpc":"2.0","id":${i},"method":"ping"}`),
            });
          }
          for (const v of serverValues) {
            expect(() =>
              rig.session.fromServer({ kind: "line", bytes: Buffer.from(JSON.stringify(v)) }),
            ).not.toThrow();
          }
          await rig.session.idle();
          rig.session.failPending("the server went away");
          const counts = new Map<string, number>();
          for (const out of rig.toClient) {
            const msg = JSON.parse(out) as { id?: RequestId; jsonrpc?: string; method?: unknown };
            expect(msg.jsonrpc).toBe("2.0");
            // Server requests pass through to the client; only answers are counted.
            if (msg.id !== undefined && msg.method === undefined)
              counts.set(idKey(msg.id), (counts.get(idKey(msg.id)) ?? 0) + 1);
          }
          for (let i = 0; i < 10; i++) expect(counts.get(idKey(i)) ?? 0, `id ${i}`).toBe(1);
          expect(internalErrors(rig.records)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("fuzz findings, kept as regressions", () => {
  it("answers a request whose integer id is written with an exponent (1e+21) or a fraction (1.0)", async () => {
    const rig = sessionRig({ answer: false });
    for (const line of [
      '{"jsonrpc":"2.0","id":1e+21,"method":"tools/call"}',
      '{"jsonrpc":"2.0","id":1.0,"method":"tools/call","params":{"name":"get-env"}}',
    ]) {
      rig.session.fromClient({ kind: "line", bytes: Buffer.from(line) });
    }
    await rig.session.idle();
    expect(rig.toClient).toHaveLength(2);
    expect(rig.toClient[0]).toContain('"id":1e+21');
    expect(rig.toClient[1]).toContain('"id":1.0');
    expect(rig.toServer).toEqual([]);
  });
});
