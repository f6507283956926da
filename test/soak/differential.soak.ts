import fc from "fast-check";
import { describe, it } from "vitest";
import { differentialProperty } from "../fuzz/differential-property.js";

describe("soak: parser differentials with random seeds", () => {
  it("holds for 20,000 random message sequences", async () => {
    const seed = Number(process.env.DIFFERENTIAL_SEED ?? Date.now() % 2 ** 31);
    // Printed so a failure can be replayed with DIFFERENTIAL_SEED.
    console.log(`differential soak seed: ${seed}`);
    await fc.assert(differentialProperty(), { seed, numRuns: 20_000 });
  });
});
