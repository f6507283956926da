import { describe, expect, it } from "vitest";
import { findSecrets } from "../../src/secrets/detectors.js";
import { benignCorpus } from "../support/benign-corpus.js";

// Issue 15: hashes, UUIDs, lockfiles and ordinary source are not secrets.
const MAX_FLAGGED = 0.005;

describe("secret detectors on a benign corpus", () => {
  const corpus = benignCorpus();

  it("has at least 500 lines of real source and lockfiles", () => {
    const real = corpus.filter((l) => l.source.includes("/") || l.source === "package-lock.json");
    expect(real.length).toBeGreaterThanOrEqual(500);
  });

  it(`flags at most ${MAX_FLAGGED * 100} % of lines`, () => {
    const flagged = corpus
      .map((l) => ({ ...l, types: findSecrets(l.text) }))
      .filter((l) => l.types.length > 0);
    const rate = flagged.length / corpus.length;
    console.log(
      [
        `benign corpus: ${flagged.length}/${corpus.length} lines flagged (${(rate * 100).toFixed(2)} %)`,
        ...flagged.map(
          (f) => `  ${f.source}: ${f.types.join(",")}: ${f.text.trim().slice(0, 120)}`,
        ),
      ].join("\n"),
    );
    expect(rate).toBeLessThanOrEqual(MAX_FLAGGED);
    // No hash, UUID, integrity string or image is ever flagged.
    expect(
      flagged.filter((f) => !f.source.includes("/") && f.source !== "package-lock.json"),
    ).toEqual([]);
  });
});
