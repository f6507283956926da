import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeForScan } from "../../src/inspect/scan-text.js";

describe("normalizeForScan on plain text", () => {
  it("turns every run of spaces and tabs into one space, and nothing else", () => {
    const unit = fc.constantFrom(" ", "\t", "a", "\n", ".", "\r");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 40 }), (text) => {
        expect(normalizeForScan(text)).toBe(text.replace(/[ \t]+/g, " "));
      }),
      { seed: 77, numRuns: 2000 },
    );
  });
});
