import fc from "fast-check";
import { describe, it } from "vitest";
import { differentialProperty } from "./differential-property.js";

describe("parser differentials: the shim decides on the reading the server acts on", () => {
  it("same decision as the canonical parse, forwards the same names, answers every request once", async () => {
    // A fixed seed keeps `npm test` repeatable; the soak suite runs random ones.
    await fc.assert(differentialProperty(), { seed: 1818, numRuns: 300 });
  });
});
