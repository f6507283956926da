import { type BucketState, msToFill, takeTokens, UNITS_PER_TOKEN } from "./bucket.js";
import type { RateDecision, RateLimiter, TakeRequest } from "./types.js";

interface Entry extends BucketState {
  /** When the bucket is full again: from then on the entry equals no entry at all. */
  fullAt: number;
}

/** Below this many buckets the map is never swept. */
const MIN_SWEEP_SIZE = 1024;

/**
 * Token buckets in this process's memory: exact, synchronous (no promise on the hot path)
 * and clocked by the caller, so tests control time. Buckets that have refilled are
 * forgotten when the map grows, so memory follows the number of recently active
 * principals and rules, not their history.
 *
 * @example
 * const limiter = new MemoryRateLimiter();
 * limiter.take({ key: "alice:*", rule: { burst: 5, perMinute: 60 }, cost: 1, now: Date.now() });
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #buckets = new Map<string, Entry>();
  #sweepAt = MIN_SWEEP_SIZE;

  /** Buckets currently held (full ones may linger until the next sweep). */
  get size(): number {
    return this.#buckets.size;
  }

  take({ key, rule, cost, now }: TakeRequest): RateDecision {
    const entry = this.#buckets.get(key);
    const result = takeTokens(entry, rule, cost, now);
    if (!result.allowed) {
      // A refusal changes nothing: the stored level still refills to the same value.
      return { allowed: false, reason: "limited", retryAfterMs: result.retryAfterMs };
    }
    const { level, at } = result.state;
    if (level >= rule.burst * UNITS_PER_TOKEN) {
      this.#buckets.delete(key);
    } else if (entry !== undefined) {
      // Updated in place: no new entry and no map write per call.
      entry.level = level;
      entry.at = at;
      entry.fullAt = at + msToFill(rule, level);
    } else {
      this.#buckets.set(key, { level, at, fullAt: at + msToFill(rule, level) });
      if (this.#buckets.size >= this.#sweepAt) this.#sweep(at);
    }
    return { allowed: true, remaining: result.remaining };
  }

  /** Drops every bucket that is full by `now`. */
  #sweep(now: number): void {
    for (const [key, entry] of this.#buckets) {
      if (entry.fullAt <= now) this.#buckets.delete(key);
    }
    this.#sweepAt = Math.max(MIN_SWEEP_SIZE, this.#buckets.size * 2);
  }

  async close(): Promise<void> {
    this.#buckets.clear();
  }
}
