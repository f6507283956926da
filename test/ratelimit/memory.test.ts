import { describe, expect, it } from "vitest";
import { MemoryRateLimiter } from "../../src/ratelimit/memory.js";

const rule = { burst: 2, perMinute: 60 };

describe("MemoryRateLimiter", () => {
  it("keeps one bucket per key, decided synchronously", () => {
    const limiter = new MemoryRateLimiter();
    const take = (key: string, now: number) => limiter.take({ key, rule, cost: 1, now });
    expect(take("alice", 0)).toEqual({ allowed: true, remaining: 1 });
    expect(take("alice", 0)).toEqual({ allowed: true, remaining: 0 });
    expect(take("alice", 0)).toEqual({ allowed: false, reason: "limited", retryAfterMs: 1000 });
    // Another principal's bucket is untouched.
    expect(take("bob", 0)).toEqual({ allowed: true, remaining: 1 });
    expect(take("alice", 1000)).toEqual({ allowed: true, remaining: 0 });
  });

  it("forgets buckets that have refilled, so memory follows active keys only", () => {
    const limiter = new MemoryRateLimiter();
    for (let i = 0; i < 5000; i++) limiter.take({ key: `k${i}`, rule, cost: 1, now: i });
    // Each bucket is full again 1 s after its call: the map is swept as it grows.
    expect(limiter.size).toBeLessThan(2100);
    // A bucket that is still refilling survives the sweeps; refilled ones go.
    const slow = { burst: 2, perMinute: 1 };
    limiter.take({ key: "busy", rule: slow, cost: 1, now: 10_000 });
    limiter.take({ key: "busy", rule: slow, cost: 1, now: 10_000 });
    const fast = { burst: 1, perMinute: 1_000_000 }; // full again 1 ms after a call
    for (let i = 0; i < 5000; i++)
      limiter.take({ key: `j${i}`, rule: fast, cost: 1, now: 10_001 + i });
    expect(limiter.size).toBeLessThan(2100);
    expect(limiter.take({ key: "busy", rule: slow, cost: 1, now: 15_001 }).allowed).toBe(false);
  });

  it("drops a bucket that is full again after a take (nothing to remember)", () => {
    const limiter = new MemoryRateLimiter();
    limiter.take({ key: "a", rule: { burst: 1, perMinute: 60 }, cost: 1, now: 0 });
    expect(limiter.size).toBe(1);
    limiter.take({ key: "a", rule: { burst: 1, perMinute: 60 }, cost: 0, now: 5_000 });
    expect(limiter.size).toBe(0);
  });
});
