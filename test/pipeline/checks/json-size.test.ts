import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonByteSize } from "../../../src/pipeline/checks/json-size.js";

const text = fc.string({ unit: "binary" });

describe("jsonByteSize", () => {
  it("equals the UTF-8 length of JSON.stringify for any JSON value", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.jsonValue(), fc.dictionary(text, fc.oneof(text, fc.jsonValue()))),
        (v) => {
          expect(jsonByteSize(v)).toBe(Buffer.byteLength(JSON.stringify(v)));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("counts escapes, lone surrogates, emoji and -0 as JSON.stringify writes them", () => {
    for (const v of [
      'a"b\\c',
      "\u0001\n\t",
      "\ud800",
      "😀é",
      -0,
      1e21,
      [],
      {},
      [null],
      { "": "" },
    ]) {
      expect(jsonByteSize(v)).toBe(Buffer.byteLength(JSON.stringify(v)));
    }
  });

  it("measures a value nested far deeper than the call stack allows", () => {
    let deep: unknown = [];
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(jsonByteSize(deep)).toBe(2 * 200_001);
  });
});
