import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scanMessage } from "../../src/protocol/scan.js";
import { referenceScan } from "./scan-reference.js";

/** Tokens a line is glued from: envelope keys (plain and escaped), ids of every kind, structure. */
const token = fc.oneof(
  fc.constantFrom(
    '"id"',
    '"\\u0069d"',
    '"method"',
    '"m\\u0065thod"',
    '"params"',
    '"jsonrpc"',
    '"result"',
    '"error"',
    '"idx"',
    '"i"',
    '"2.0"',
    '"tools/call"',
    '"a\\"b"',
    '"\\\\"',
    '"é"',
    "1",
    "12345678901234567890",
    "0",
    "-1",
    "01",
    "1.0",
    "1e2",
    "123abc",
    "true",
    "null",
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    " ",
    "\t",
    '"',
    "\\",
  ),
  fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
  fc.string({ unit: "binary", maxLength: 4 }),
);

/** Well-formed messages too, so that the envelope paths are taken often. */
const message = fc
  .record(
    {
      jsonrpc: fc.constantFrom("2.0", "1.0"),
      id: fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null), fc.double()),
      method: fc.string({ maxLength: 8 }),
      params: fc.jsonValue({ maxDepth: 3 }),
      result: fc.jsonValue({ maxDepth: 2 }),
    },
    { requiredKeys: [] },
  )
  .map((m) => JSON.stringify(m));

const KEYS = ['"id"', '"\\u0069d"', '"method"', '"params"', '"jsonrpc"', '"result"', '"error"'];
const RAW_VALUES = [
  '"2.0"',
  '"x"',
  '"a\\"b"',
  "7",
  "01",
  "-0",
  "1.0",
  "1e2",
  "123456789012345",
  "1234567890123456",
  "9a",
  "[]",
  "{}",
  "null",
];

/** An object written member by member, with raw tokens: repeated and escaped keys, odd ids. */
const rawObject = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...KEYS),
        fc.string({ maxLength: 3 }).map((k) => JSON.stringify(k)),
      ),
      fc.oneof(
        fc.constantFrom(...RAW_VALUES),
        fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      ),
      fc.constantFrom("", " "),
    ),
    { maxLength: 6 },
  )
  .map((members) => `{${members.map(([k, v, sp]) => `${sp}${k}${sp}:${sp}${v}`).join(",")}}`);

describe("scanMessage (differential against the reference scanner)", () => {
  it("finds the same depth, keys, ids, method and repeated members in any bytes", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.array(token, { maxLength: 40 }).map((t) => t.join("")),
          message,
          rawObject,
          fc.array(rawObject, { maxLength: 3 }).map((o) => `[${o.join(",")}]`),
          fc.tuple(message, fc.nat(200)).map(([m, cut]) => m.slice(0, cut)),
        ),
        fc.boolean(),
        (line, withMethod) => {
          const bytes = Buffer.from(line);
          expect(scanMessage(bytes, withMethod)).toEqual(referenceScan(bytes, withMethod));
        },
      ),
      { seed: 4242, numRuns: 5000 },
    );
  });

  it("reads a line after a deep one as if it came first (the depth stack is reused)", () => {
    const deep = Buffer.from(`{"id":1,"params":${"[".repeat(5000)}${"]".repeat(5000)}}`);
    const line = Buffer.from('{"a":[1,{"b":2}],"id":7,"method":"x"}');
    expect(scanMessage(deep)).toEqual(referenceScan(deep));
    expect(scanMessage(line)).toEqual(referenceScan(line));
  });
});
