import type { RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { Logger } from "../audit/logger.js";
import { validateRule } from "./bucket.js";
import { DeadlineError, startDeadline } from "./deadline.js";
import { MemoryRateLimiter } from "./memory.js";
import { RedisConnection, redactUrl } from "./redis-connection.js";
import { keyLifetimeSeconds, libraryParameters, TOKEN_BUCKET_LUA } from "./redis-script.js";
import type { BucketRule, RateDecision, RateLimiter, TakeRequest } from "./types.js";

export interface RedisRateLimiterOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. */
  url: string;
  /** Every decision settles within this many milliseconds (limits.redisOperationTimeoutMs). */
  timeoutMs: number;
  /** On a Redis failure, decide with a per-process in-memory limiter instead of refusing. */
  failOpen: boolean;
  logger: Logger;
  /** Prefix of every key in Redis (default `mcp-aegis:rl`). */
  keyPrefix?: string;
}

function isLibraryRefusal(err: unknown): err is RateLimiterRes {
  return (
    typeof (err as RateLimiterRes | null)?.msBeforeNext === "number" && !(err instanceof Error)
  );
}

/**
 * Token buckets in Redis, shared by every shim that points at the same Redis: each
 * decision is one atomic script (redis-script.ts) run through rate-limiter-flexible's
 * RateLimiterRedis on an ioredis client. Never hangs and never rejects: a decision that
 * Redis cannot make within `timeoutMs` is `unavailable` (fail-closed), or, with
 * `failOpen`, is made by a per-process in-memory limiter and logged.
 *
 * @example
 * const limiter = new RedisRateLimiter({ url: "redis://127.0.0.1:6379", timeoutMs: 5000,
 *   failOpen: false, logger });
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #o: RedisRateLimiterOptions;
  readonly #connection: RedisConnection;
  readonly #fallback = new MemoryRateLimiter();
  /** One library limiter per distinct bucket shape; rules are few. */
  readonly #limiters = new Map<string, RateLimiterRedis>();
  #library: Promise<typeof import("rate-limiter-flexible")> | undefined;

  constructor(options: RedisRateLimiterOptions) {
    if (!/^rediss?:\/\//.test(options.url)) {
      throw new TypeError(
        `Expected the \`url\` option to start with redis:// or rediss://, got ${JSON.stringify(redactUrl(options.url))}`,
      );
    }
    if (!Number.isSafeInteger(options.timeoutMs) || options.timeoutMs < 1) {
      throw new TypeError(
        `Expected the \`timeoutMs\` option to be a positive integer, got ${options.timeoutMs}`,
      );
    }
    this.#o = options;
    this.#connection = new RedisConnection(options);
    if (options.failOpen) {
      options.logger.warn(
        { redis: redactUrl(options.url) },
        "Redis fail-open is on: while Redis is unavailable, rate limits are enforced per process (in memory), not shared",
      );
    }
  }

  /** What is known about Redis: starting, up or down. */
  get health(): "starting" | "up" | "down" {
    return this.#connection.health;
  }

  async take(request: TakeRequest): Promise<RateDecision> {
    validateRule(request.rule);
    // Loading the modules is local work, before the Redis deadline starts.
    await this.#load();
    const deadline = startDeadline(
      this.#o.timeoutMs,
      `no answer from Redis within ${this.#o.timeoutMs} ms`,
    );
    try {
      const limiter = await Promise.race([this.#limiterFor(request.rule), deadline.promise]);
      const res = await Promise.race([
        limiter.consume(request.key, request.cost, {
          customDuration: keyLifetimeSeconds(request.rule),
        }),
        deadline.promise,
      ]);
      return { allowed: true, remaining: res.remainingPoints };
    } catch (err) {
      if (isLibraryRefusal(err)) {
        return { allowed: false, reason: "limited", retryAfterMs: Math.max(1, err.msBeforeNext) };
      }
      return this.#onFailure(request, err);
    } finally {
      deadline.clear();
    }
  }

  #onFailure(request: TakeRequest, err: unknown): RateDecision {
    const cause = err instanceof Error ? err.message : String(err);
    const timedOut = err instanceof DeadlineError || /timed out/i.test(cause);
    if (timedOut) this.#connection.markBroken(cause);
    if (this.#o.failOpen) {
      this.#o.logger.warn(
        { key: request.key, reason: cause },
        "Redis unavailable: rate limit decided by the per-process fallback limiter (fail-open)",
      );
      return this.#fallback.take(request);
    }
    this.#o.logger.debug({ key: request.key, reason: cause }, "Redis unavailable: call refused");
    return {
      allowed: false,
      reason: "unavailable",
      retryAfterMs: Math.min(this.#o.timeoutMs, 5_000),
      // Goes to the client: says what happened, not where Redis is (the log has that).
      detail: timedOut
        ? `Redis did not answer within ${this.#o.timeoutMs} ms`
        : "Redis is unreachable",
    };
  }

  /** ioredis and rate-limiter-flexible, imported on the first decision (never at start). */
  async #load(): Promise<void> {
    this.#library ??= import("rate-limiter-flexible");
    try {
      await Promise.all([this.#connection.load(), this.#library]);
    } catch {
      // Reported by ready() (ioredis) or #limiterFor (the library) as a failed decision.
    }
  }

  async #limiterFor(rule: BucketRule): Promise<RateLimiterRedis> {
    const client = await this.#connection.ready();
    const shape = `${rule.burst}/${rule.perMinute}`;
    let limiter = this.#limiters.get(shape);
    if (limiter === undefined) {
      const mod = await (this.#library as Promise<typeof import("rate-limiter-flexible")>);
      // CommonJS: bundled into the CLI its exports arrive under `default`.
      const RateLimiterRedis =
        mod.RateLimiterRedis ??
        (mod as { default?: typeof import("rate-limiter-flexible") }).default?.RateLimiterRedis;
      limiter = new RateLimiterRedis({
        storeClient: client,
        keyPrefix: this.#o.keyPrefix ?? "mcp-aegis:rl",
        ...libraryParameters(rule),
        customIncrTtlLuaScript: TOKEN_BUCKET_LUA,
        // Never wait on a connection that is not ready: refuse (or fall back) at once.
        rejectIfRedisNotReady: true,
      });
      this.#limiters.set(shape, limiter);
    }
    return limiter;
  }

  async close(): Promise<void> {
    await this.#connection.close();
  }
}
