import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normalizeValue } from "../../src/sanitizer/normalize.js";

describe("normalizeValue", () => {
  it("gives what NFKC of the stripped text gives, ASCII or not", () => {
    const unit = fc.constantFrom("a", "\n", "%", "2", "e", "\uff0e", "\u200b", "\u00e9", "\t", "/");
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 24 }), fc.boolean(), (text, decode) => {
        const n = normalizeValue(text, decode);
        // Invisible characters go first, then NFKC: for these units that is the whole story.
        expect(n.plain).toBe(text.replace(/\u200b/g, "").normalize("NFKC"));
      }),
      { seed: 5, numRuns: 2000 },
    );
  });
});
