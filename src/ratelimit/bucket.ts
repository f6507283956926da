import type { BucketRule } from "./types.js";

/**
 * One token is 60 000 units, so a rate of N tokens per minute adds exactly N units per
 * millisecond: with integer milliseconds every quantity is an integer and refill never
 * drifts (N = 7 refills 420 tokens in an hour, not 419.99…). The Redis script
 * (redis-script.ts) does the same arithmetic.
 */
export const UNITS_PER_TOKEN = 60_000;

/** Largest burst or per-minute rate: keeps every unit count far below 2^53. */
export const MAX_BUCKET_SIZE = 1_000_000;

/** A bucket between two calls: its level in units and the millisecond it was measured. */
export interface BucketState {
  level: number;
  at: number;
}

export type TakeResult =
  | { allowed: true; state: BucketState; remaining: number }
  | { allowed: false; state: BucketState; retryAfterMs: number };

/** Throws a TypeError unless the rule is a usable bucket. */
export function validateRule(rule: BucketRule): void {
  for (const k of ["burst", "perMinute"] as const) {
    const v = rule[k];
    if (!Number.isSafeInteger(v) || v < 1 || v > MAX_BUCKET_SIZE) {
      throw new TypeError(
        `Expected the \`${k}\` of a rate limit to be an integer from 1 to ${MAX_BUCKET_SIZE}, got ${v}`,
      );
    }
  }
}

/** Milliseconds until an empty bucket is full again; idle time beyond it changes nothing. */
export function msToFill(rule: BucketRule, level = 0): number {
  return Math.ceil((rule.burst * UNITS_PER_TOKEN - level) / rule.perMinute);
}

/**
 * Takes `cost` tokens if the bucket holds them. A missing state is a full bucket. Time
 * that runs backwards adds nothing. Pure: the caller stores the returned state.
 */
export function takeTokens(
  state: BucketState | undefined,
  rule: BucketRule,
  cost: number,
  now: number,
): TakeResult {
  const t = Math.floor(now);
  const capacity = rule.burst * UNITS_PER_TOKEN;
  let level = capacity;
  let at = t;
  if (state !== undefined) {
    // Clamp the idle time first so that elapsed × rate stays an exact integer.
    const elapsed = Math.min(Math.max(0, t - state.at), msToFill(rule));
    level = Math.min(capacity, state.level + elapsed * rule.perMinute);
    at = Math.max(state.at, t);
  }
  const need = cost * UNITS_PER_TOKEN;
  if (level >= need) {
    level -= need;
    return {
      allowed: true,
      state: { level, at },
      remaining: Math.floor(level / UNITS_PER_TOKEN),
    };
  }
  return {
    allowed: false,
    state: { level, at },
    retryAfterMs: Math.ceil((need - level) / rule.perMinute),
  };
}
