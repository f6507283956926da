import type { Logger } from "../audit/logger.js";
import type { Limits } from "../config/limits.js";
import { rateLimitCheck } from "../pipeline/checks/rate-limit.js";
import type { Check } from "../pipeline/types.js";
import { type RateLimitFlags, type RateLimits, rateLimitsWithFlags } from "../ratelimit/config.js";
import { MemoryRateLimiter } from "../ratelimit/memory.js";
import { RedisRateLimiter } from "../ratelimit/redis.js";
import type { RateLimiter } from "../ratelimit/types.js";

export interface RateLimitCliOptions extends RateLimitFlags {
  redisUrl?: string;
  redisFailOpen?: boolean;
}

/** Says what is wrong with the rate-limit flags, or undefined when they fit together. */
export function checkRateLimitFlags(o: RateLimitCliOptions): string | undefined {
  if (o.rateBurst !== undefined && o.rateLimit === undefined) {
    return "--rate-burst needs --rate-limit (the sustained calls per minute)";
  }
  if (o.redisFailOpen && o.redisUrl === undefined) {
    return "--redis-fail-open needs --redis-url";
  }
  if (o.redisUrl !== undefined && !/^rediss?:\/\/./.test(o.redisUrl)) {
    return `--redis-url must start with redis:// or rediss://, got "${o.redisUrl.slice(0, 80)}"`;
  }
  return undefined;
}

/**
 * Builds the rate-limit check of the CLI and its limiter: Redis when --redis-url is
 * given (connected in the background: nothing here waits for the network), memory
 * otherwise. `policy` reads the policy's `rate_limits:` section, so a reload applies.
 */
export function setupRateLimit(
  o: RateLimitCliOptions & {
    limits: Readonly<Limits>;
    logger: Logger;
    policy: () => RateLimits | undefined;
  },
): { check: Check; limiter: RateLimiter; close: () => Promise<void> } {
  const limiter: RateLimiter =
    o.redisUrl === undefined
      ? new MemoryRateLimiter()
      : new RedisRateLimiter({
          url: o.redisUrl,
          timeoutMs: o.limits.redisOperationTimeoutMs,
          failOpen: o.limits.redisFailOpen,
          logger: o.logger,
        });
  const check = rateLimitCheck({ limiter, config: rateLimitsWithFlags(o.policy, o) });
  return { check, limiter, close: async () => limiter.close?.() };
}
