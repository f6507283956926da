import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BucketState, takeTokens, validateRule } from "../../src/ratelimit/bucket.js";
import type { BucketRule } from "../../src/ratelimit/types.js";

/** Replays calls at the given instants; returns the instants of the allowed ones. */
function replay(rule: BucketRule, instants: number[]): number[] {
  let state: BucketState | undefined;
  const allowed: number[] = [];
  for (const t of instants) {
    const r = takeTokens(state, rule, 1, t);
    state = r.state;
    if (r.allowed) allowed.push(t);
  }
  return allowed;
}

describe("token bucket arithmetic (controlled clock)", () => {
  it("allows exactly `burst` calls at one instant, then refuses", () => {
    const rule = { burst: 5, perMinute: 60 };
    expect(replay(rule, Array(8).fill(1_000))).toHaveLength(5);
  });

  it("refills one token every 60000/perMinute ms, exactly at retryAfterMs and not a millisecond before", () => {
    const rule = { burst: 2, perMinute: 7 }; // 8571.43 ms per token: not a whole number
    let state = takeTokens(undefined, rule, 1, 0).state;
    state = takeTokens(state, rule, 1, 0).state;
    const refused = takeTokens(state, rule, 1, 0);
    expect(refused.allowed).toBe(false);
    const wait = refused.allowed ? 0 : refused.retryAfterMs;
    expect(wait).toBe(8572);
    expect(takeTokens(state, rule, 1, wait - 1).allowed).toBe(false);
    expect(takeTokens(state, rule, 1, wait).allowed).toBe(true);
  });

  it("does not drift: a caller retrying exactly when told gets perMinute × minutes calls after the burst", () => {
    const rule = { burst: 3, perMinute: 7 };
    let state: BucketState | undefined;
    let t = 0;
    let allowed = 0;
    while (t <= 60 * 60_000) {
      const r = takeTokens(state, rule, 1, t);
      state = r.state;
      if (r.allowed) allowed++;
      else t += r.retryAfterMs;
    }
    // 3 at once, then exactly 7 per minute for 60 minutes (the 420th lands at 3 600 000 ms).
    expect(allowed).toBe(3 + 7 * 60);
  });

  it("never refills beyond the burst, however long the bucket idles", () => {
    const rule = { burst: 4, perMinute: 1_000 };
    const tenYears = 10 * 365 * 24 * 3_600_000;
    expect(replay(rule, [0, 0, 0, 0, ...Array(6).fill(tenYears)])).toEqual([
      0,
      0,
      0,
      0,
      ...Array(4).fill(tenYears),
    ]);
  });

  it("gives nothing for a clock that runs backwards", () => {
    const rule = { burst: 1, perMinute: 60 };
    const s = takeTokens(undefined, rule, 1, 100_000).state;
    expect(takeTokens(s, rule, 1, 0).allowed).toBe(false);
    expect(takeTokens(s, rule, 1, 100_999).allowed).toBe(false);
    expect(takeTokens(s, rule, 1, 101_000).allowed).toBe(true);
  });

  it("property: in any window [a, b] at most burst + perMinute × (b − a) / 60000 calls pass", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 600 }),
        fc.array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 300 }),
        (burst, perMinute, gaps) => {
          let t = 0;
          const instants = gaps.map((g) => (t += g));
          const allowed = replay({ burst, perMinute }, instants);
          for (let i = 0; i < allowed.length; i++) {
            for (let j = i; j < allowed.length; j++) {
              const span = (allowed[j] as number) - (allowed[i] as number);
              expect(j - i + 1).toBeLessThanOrEqual(burst + (perMinute * span) / 60_000);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: a refused call is told a wait after which it passes (and the wait is the shortest)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 100 }),
        (burst, perMinute, gaps) => {
          const rule = { burst, perMinute };
          let state: BucketState | undefined;
          let t = 0;
          for (const g of gaps) {
            t += g;
            const r = takeTokens(state, rule, 1, t);
            if (!r.allowed) {
              expect(takeTokens(r.state, rule, 1, t + r.retryAfterMs).allowed).toBe(true);
              expect(takeTokens(r.state, rule, 1, t + r.retryAfterMs - 1).allowed).toBe(false);
            }
            state = r.state;
          }
        },
      ),
    );
  });

  it("refuses rules that are not positive integers", () => {
    expect(() => validateRule({ burst: 0, perMinute: 1 })).toThrow(/`burst`.*got 0/);
    expect(() => validateRule({ burst: 1, perMinute: 1.5 })).toThrow(/`perMinute`/);
    expect(() => validateRule({ burst: 1, perMinute: 1 })).not.toThrow();
  });
});
