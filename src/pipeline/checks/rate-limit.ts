import { RateLimitedError } from "../../protocol/errors.js";
import type { RateLimits } from "../../ratelimit/config.js";
import {
  type CompiledRateLimits,
  compileRateLimits,
  type RateBucket,
} from "../../ratelimit/rules.js";
import type { RateDecision, RateLimiter } from "../../ratelimit/types.js";
import { type Check, type Context, PASS, type Verdict } from "../types.js";

export interface RateLimitCheckOptions {
  limiter: RateLimiter;
  /**
   * The limits in force, read for every costed request so that a policy reload takes
   * effect at once; compiled again only when it returns a different object.
   */
  config: () => RateLimits | undefined;
}

function seconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}

function retryIn(s: number): string {
  return `retry in ${s} second${s === 1 ? "" : "s"}`;
}

function toVerdict(decision: RateDecision, bucket: RateBucket, ctx: Context): Verdict {
  if (decision.allowed) return PASS;
  const retryAfterSeconds = seconds(decision.retryAfterMs);
  const { burst, perMinute } = bucket.rule;
  if (decision.reason === "unavailable") {
    return {
      ok: false,
      error: new RateLimitedError(
        `rate limiter unavailable (${decision.detail}); the call is refused to stay safe; ${retryIn(retryAfterSeconds)}`,
        { retryAfterSeconds, unavailable: true },
      ),
    };
  }
  return {
    ok: false,
    error: new RateLimitedError(
      `rate limit for "${ctx.principal.id}" reached: ${perMinute} per minute, burst ${burst}, for ${bucket.label}; ${retryIn(retryAfterSeconds)}`,
      { retryAfterSeconds, perMinute, burst, bucket: bucket.key },
    ),
  };
}

/**
 * The last client → server check: takes a token for each costed request (tools/call
 * unless configured) from the caller's bucket, and refuses the request when there is
 * none, saying when to retry. Requests refused by an earlier check cost nothing. With the
 * in-memory limiter it answers synchronously.
 *
 * @example
 * rateLimitCheck({ limiter: new MemoryRateLimiter(), config: () => ({ default: { per_minute: 60 } }) })
 */
export function rateLimitCheck(options: RateLimitCheckOptions): Check {
  const { limiter, config } = options;
  if (typeof limiter?.take !== "function") {
    throw new TypeError("Expected the `limiter` option to be a RateLimiter with take()");
  }
  if (typeof config !== "function") {
    throw new TypeError(`Expected the \`config\` option to be a function, got ${typeof config}`);
  }
  let source: RateLimits | undefined | null = null;
  let compiled: CompiledRateLimits = compileRateLimits(undefined);
  let lastPrincipal: Context["principal"] | undefined;
  let lastBucket: RateBucket | undefined;
  let lastKey = "";
  return {
    name: "rate-limit",
    inspect(frame, ctx): Verdict | Promise<Verdict> {
      // Notifications too: a tools/call without an id must not run for free (some servers run it).
      if (frame.direction !== "client-to-server" || frame.parsed.kind === "response") return PASS;
      const current = config();
      if (current !== source) {
        compiled = compileRateLimits(current);
        source = current;
      }
      const bucket = compiled.bucketFor(
        ctx.principal,
        frame.parsed.message.method,
        frame.tool,
        ctx.serverName,
      );
      if (bucket === undefined) return PASS;
      // The same caller and bucket as last time (a session's usual case): the same key,
      // so no encoding and no new string to hash per call.
      if (ctx.principal !== lastPrincipal || bucket !== lastBucket) {
        lastKey = `${encodeURIComponent(ctx.principal.id)}:${encodeURIComponent(bucket.key)}`;
        lastPrincipal = ctx.principal;
        lastBucket = bucket;
      }
      const decision = limiter.take({
        key: lastKey,
        rule: bucket.rule,
        cost: 1,
        now: ctx.now(),
      });
      if (decision instanceof Promise) return decision.then((d) => toVerdict(d, bucket, ctx));
      return toVerdict(decision, bucket, ctx);
    },
  };
}
