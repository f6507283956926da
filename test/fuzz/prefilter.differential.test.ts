import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ARGUMENT_EXTRA,
  findArgumentInjection,
  findArgumentInjectionFully,
} from "../../src/sanitizer/rules/prompt.js";
import { redactSecrets } from "../../src/secrets/detectors.js";
import { findInjections, findInjectionsFully, INJECTION_RULES } from "../../src/text/injection.js";
import { literalsOf } from "../../src/text/literals.js";
import { CORPUS, PARAMS, PREFIXES, text } from "./prefilter-texts.js";

/**
 * The anchor prefilter (one Aho–Corasick pass, then only the rules and detectors whose
 * anchor occurs) against every rule and detector run on the whole text: random texts built
 * from the anchors, near misses of them (a letter dropped, a look-alike that `/i` does not
 * fold, a blank inside), corpus texts and credentials must give the same decisions, the
 * same findings and the same redacted text.
 */
describe("anchor prefilter: the same result as every rule and detector on the whole text", () => {
  it("injection rules (response side)", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(findInjections(t).map((r) => r.id)).toEqual(findInjectionsFully(t).map((r) => r.id));
      }),
      PARAMS,
    );
  });

  it("argument injection rules (sanitizer)", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(findArgumentInjection(t)?.id).toBe(findArgumentInjectionFully(t)?.id);
      }),
      PARAMS,
    );
  });

  it("secret detectors: findings and redacted text", () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(redactSecrets(t)).toEqual(redactSecrets(t, true));
      }),
      PARAMS,
    );
  });

  it("secret detectors: every prefix with values of the lengths credentials have", () => {
    const rand = fc.sample(fc.stringMatching(/^[A-Za-z0-9]{200}$/), { seed: 16, numRuns: 4 });
    const LENGTHS = [
      8, 16, 20, 22, 24, 27, 28, 31, 32, 34, 35, 36, 40, 43, 44, 48, 52, 58, 64, 80, 86, 90,
    ];
    let found = 0;
    for (const prefix of PREFIXES)
      for (const n of LENGTHS)
        for (const [i, r] of rand.entries()) {
          const value = i === 3 ? r.slice(0, n).replace(/(.{4})/g, "$1-") : r.slice(0, n);
          const t = `x ${prefix}${value} y`;
          const fast = redactSecrets(t);
          expect(fast, t).toEqual(redactSecrets(t, true));
          if (fast.types.length > 0) found++;
        }
    expect(found).toBeGreaterThan(1000);
  });

  it("the corpora, whole", () => {
    for (const t of CORPUS) {
      expect(findInjections(t)).toEqual(findInjectionsFully(t));
      expect(findArgumentInjection(t)).toBe(findArgumentInjectionFully(t));
      expect(redactSecrets(t)).toEqual(redactSecrets(t, true));
    }
  });

  it("every rule's anchor is in every match of its pattern, in the corpora", () => {
    // A rule without an anchor always runs: nothing to check.
    const rules = [...INJECTION_RULES, ...ARGUMENT_EXTRA].filter((r) => r.anchor !== undefined);
    let matched = 0;
    for (const r of rules) {
      const literals = literalsOf(r.anchor as RegExp);
      const all = new RegExp(r.pattern.source, `${r.pattern.flags}g`);
      for (const t of CORPUS) {
        for (const m of t.matchAll(all)) {
          matched++;
          const lower = m[0].toLowerCase();
          expect(
            literals.some((l) => lower.includes(l)),
            `${r.id} in ${m[0]}`,
          ).toBe(true);
        }
      }
    }
    expect(matched).toBeGreaterThan(100);
  });
});
