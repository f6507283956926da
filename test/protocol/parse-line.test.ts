import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LARGE_LINE_BYTES, parseLarge, parseLine } from "../../src/protocol/parse-line.js";

/** What JSON.parse makes of the bytes: its value, or that it threw. */
function reference(bytes: Buffer): { value: unknown } | { threw: true } {
  try {
    return { value: JSON.parse(bytes.toString("utf8")) };
  } catch {
    return { threw: true };
  }
}

function outcome(parse: () => unknown): { value: unknown } | { threw: true } {
  try {
    return { value: parse() };
  } catch {
    return { threw: true };
  }
}

/** Same value, same key order (isDeepStrictEqual ignores it), same -0; or both threw. */
function expectSame(bytes: Buffer, minString: number): void {
  const want = reference(bytes);
  const got = outcome(() => parseLarge(bytes, minString));
  expect("threw" in got).toBe("threw" in want);
  if ("value" in got && "value" in want) {
    expect(isDeepStrictEqual(got.value, want.value)).toBe(true);
    expect(JSON.stringify(got.value)).toBe(JSON.stringify(want.value));
  }
}

/** Bytes that make JSON invalid or odd: quotes, escapes, control characters, bad UTF-8. */
const nasty = fc.constantFrom(
  ...['"', "\\", ":", ",", "{", "}", "[", "]", " ", "\\u", "\\ud83d", "\\ude00", "é", "😀"].map(
    (s) => Buffer.from(s),
  ),
  Buffer.from([0x00]),
  Buffer.from([0x1f]),
  Buffer.from([0x0a]),
  Buffer.from([0xff]),
  Buffer.from([0xe2, 0x82]),
  Buffer.from([0x82]),
  Buffer.from([0xed, 0xa0, 0x80]),
);

describe("parseLarge (long strings decoded from the bytes, the rest by JSON.parse)", () => {
  it("gives what JSON.parse gives for any JSON, whatever strings it cuts out", () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(12), fc.boolean(), (value, minString, pretty) => {
        expectSame(Buffer.from(JSON.stringify(value, null, pretty ? 2 : undefined)), minString);
      }),
      { numRuns: 1000 },
    );
  });

  it("decodes escaped strings from the bytes as JSON.parse does (any escape, any spelling)", () => {
    const ch = fc.constantFrom(
      "a",
      "\n",
      '"',
      "\\",
      "/",
      "\b",
      "\u0000",
      "\u007f",
      "é",
      "中",
      "😀",
      "\ud800",
      "x",
    );
    // Each character as JSON.stringify writes it, or as \uXXXX code units (upper or lower hex).
    const spelled = fc.tuple(ch, fc.constantFrom("plain", "lower", "upper")).map(([c, how]) => {
      if (how === "plain") return JSON.stringify(c).slice(1, -1);
      return [...c]
        .flatMap((x) => (x.length === 2 ? [x.charCodeAt(0), x.charCodeAt(1)] : [x.charCodeAt(0)]))
        .map((u) => `\\u${u.toString(16).padStart(4, "0")}`)
        .map((e) => (how === "upper" ? e.toUpperCase().replace("\\U", "\\u") : e))
        .join("");
    });
    fc.assert(
      fc.property(fc.array(spelled, { maxLength: 30 }), fc.nat(4), (parts, minString) => {
        expectSame(
          Buffer.from(`{"a":"${parts.join("")}","b":["${parts.reverse().join("")}"]}`),
          minString,
        );
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it("throws exactly when JSON.parse throws, and agrees otherwise, on damaged JSON", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.array(fc.tuple(fc.nat(), fc.nat(2), nasty), { maxLength: 4 }),
        fc.nat(8),
        (value, edits, minString) => {
          let bytes = Buffer.from(JSON.stringify(value));
          for (const [at, cut, insert] of edits) {
            const i = at % (bytes.length + 1);
            bytes = Buffer.concat([bytes.subarray(0, i), insert, bytes.subarray(i + cut)]);
          }
          expectSame(bytes, minString);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("keeps __proto__ an own property holding its long string, without touching the prototype", () => {
    const long = "p".repeat(100);
    const value = parseLarge(
      Buffer.from(`{"__proto__":"${long}","a":{"__proto__":["${long}"]}}`),
      10,
    );
    const obj = value as Record<string, unknown>;
    expect(Object.getPrototypeOf(obj)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(obj, "__proto__")?.value).toBe(long);
    const inner = obj.a as Record<string, unknown>;
    expect(Object.getPrototypeOf(inner)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(inner, "__proto__")?.value).toEqual([long]);
  });

  it("decodes escapes, surrogate pairs and lone surrogates in long strings like JSON.parse", () => {
    const piece = String.raw`x\n\"\\\u00e9\ud83d\ude00\ud800 é😀`;
    const text = `{"s":"${piece.repeat(50)}","k":"${String.raw`\ud83d`}"}`;
    expectSame(Buffer.from(text), 10);
  });

  it("refuses a raw control character inside a long string, as JSON.parse does", () => {
    const text = `{"s":"${"a".repeat(100)}\t${"a".repeat(100)}"}`;
    expect(() => parseLarge(Buffer.from(text), 10)).toThrow(SyntaxError);
  });

  it("leaves long keys in place and takes the last of duplicate keys", () => {
    const long = "k".repeat(100);
    expectSame(Buffer.from(`{"${long}":1,"a":"${long}","a":"short","b":"x","b":"${long}"}`), 10);
    expectSame(Buffer.from(`"${long}"`), 10);
    expectSame(Buffer.from(`["${long}" , "${long}"]`), 10);
  });
});

describe("parseLine", () => {
  it("parses short and long lines to what JSON.parse gives", () => {
    const short = Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping"}');
    expect(parseLine(short)).toEqual(JSON.parse(short.toString()));
    const message = "é😀\\n".repeat(LARGE_LINE_BYTES / 4);
    const long = Buffer.from(
      `{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"message":"${message}","n":[1,2]}}}`,
    );
    expect(long.length).toBeGreaterThan(LARGE_LINE_BYTES);
    expect(parseLine(long)).toEqual(JSON.parse(long.toString()));
  });
});
