import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { skipString } from "../../src/protocol/json-bytes.js";

/** The end of the string at `i` by the definition: the first quote not escaped. */
function reference(buf: Buffer, i: number): number {
  for (let j = i + 1; j < buf.length; j++) {
    if (buf[j] === 0x5c) j++;
    else if (buf[j] === 0x22) return j + 1;
  }
  return -1;
}

describe("skipString", () => {
  it("ends where the first unescaped quote is, for short and long strings alike", () => {
    // Runs of backslashes and quotes around the 64-byte point where the walk hands over
    // to indexOf, and lines that never close.
    const piece = fc.constantFrom("a", "\\", '"', "\\\\", '\\"', "é", "x".repeat(30));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.nat(3), (pieces, lead) => {
        const buf = Buffer.from(`${" ".repeat(lead)}"${pieces.join("")}`);
        expect(skipString(buf, lead)).toBe(reference(buf, lead));
      }),
      { seed: 64, numRuns: 3000 },
    );
  });

  it("treats an escaped quote at the hand-over point as part of the string", () => {
    const body = `${"a".repeat(62)}\\"${"b".repeat(10)}`;
    const buf = Buffer.from(`"${body}",`);
    expect(skipString(buf, 0)).toBe(buf.length - 1);
    expect(skipString(Buffer.from(`"${body}`), 0)).toBe(-1);
  });
});
