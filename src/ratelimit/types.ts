/**
 * A token bucket: holds at most `burst` tokens and gains `perMinute` tokens per minute.
 * A call that finds a whole token takes it; one that does not is refused.
 */
export interface BucketRule {
  /** Capacity: the most calls that can be made back to back. */
  readonly burst: number;
  /** Sustained rate: tokens added per minute. */
  readonly perMinute: number;
}

/**
 * What a limiter decided for one call.
 * - allowed: a token was taken; `remaining` whole tokens are left.
 * - limited: the bucket is empty; a token will be there in `retryAfterMs`.
 * - unavailable: the limiter could not decide (its store failed or timed out); the call is
 *   refused (fail-closed) and `detail` says why.
 */
export type RateDecision =
  | { readonly allowed: true; readonly remaining: number }
  | { readonly allowed: false; readonly reason: "limited"; readonly retryAfterMs: number }
  | {
      readonly allowed: false;
      readonly reason: "unavailable";
      readonly retryAfterMs: number;
      readonly detail: string;
    };

/** One request to a limiter: take `cost` tokens from the bucket named `key`. */
export interface TakeRequest {
  /** Bucket name; callers build it from the principal and the rule (never from raw input). */
  readonly key: string;
  readonly rule: BucketRule;
  /** Tokens to take (1 per call); never more than `rule.burst`. */
  readonly cost: number;
  /** Milliseconds, from the pipeline's clock. Shared stores may use their own clock instead. */
  readonly now: number;
}

/**
 * Swappable rate limiter behind the rate-limit check. The in-memory limiter answers
 * synchronously (the pipeline then stays synchronous); shared stores return a promise
 * that must settle within their own timeout and never reject: a failure is an
 * `unavailable` decision.
 *
 * @example
 * const limiter: RateLimiter = new MemoryRateLimiter();
 * limiter.take({ key: "alice:*", rule: { burst: 10, perMinute: 60 }, cost: 1, now: Date.now() });
 */
export interface RateLimiter {
  take(request: TakeRequest): RateDecision | Promise<RateDecision>;
  /** Releases connections and timers. */
  close?(): Promise<void>;
}
