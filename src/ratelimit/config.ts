import { z } from "zod";
import { MAX_BUCKET_SIZE } from "./bucket.js";

const CountSchema = z
  .number()
  .int("must be a whole number")
  .min(1, "must be at least 1")
  .max(MAX_BUCKET_SIZE, `must be at most ${MAX_BUCKET_SIZE}`);

/** A token bucket as written in the policy: the sustained rate and the burst (default: the rate). */
export const RateSchema = z.strictObject({
  /** Tokens added per minute: the sustained number of calls per minute. */
  per_minute: CountSchema.describe("Sustained calls per minute (tokens added per minute)"),
  /** Most calls back to back; default `per_minute`. */
  burst: CountSchema.optional().describe("Most calls back to back (default: per_minute)"),
});
export type Rate = z.infer<typeof RateSchema>;

/** A limit for calls to tools matching `pattern`, per principal (first matching rule wins). */
export const RateLimitRuleSchema = z.strictObject({
  /** Tool pattern, as in the policy's rules: `write_file`, `fs:write_*`, `*`. */
  pattern: z
    .string()
    .min(1, "a pattern cannot be empty")
    .max(512)
    .describe('Tool pattern as in the policy rules: "write_file", "fs:write_*", "*"'),
  per_minute: CountSchema.describe("Sustained calls per minute (tokens added per minute)"),
  burst: CountSchema.optional().describe("Most calls back to back (default: per_minute)"),
  /** Applies only to these principals (names); with `roles`, to either. Default: everyone. */
  principals: z
    .array(z.string().min(1))
    .optional()
    .describe("Only for these principals (with roles: either); default everyone"),
  /** Applies only to callers holding one of these roles. */
  roles: z
    .array(z.string().min(1))
    .optional()
    .describe("Only for callers holding one of these roles"),
});
export type RateLimitRule = z.infer<typeof RateLimitRuleSchema>;

/**
 * The `rate_limits:` section of a policy file. Every principal has its own buckets.
 *
 * @example
 * rate_limits:
 *   default: { per_minute: 120 }          # every other call: 120 per minute
 *   rules:
 *     - pattern: "fs:write_*"             # writes: 10 per minute, 3 back to back
 *       per_minute: 10
 *       burst: 3
 */
export const RateLimitsSchema = z
  .strictObject({
    /** The bucket for calls no rule matches. Without it those calls are not limited. */
    default: RateSchema.optional().describe(
      "Bucket for calls no rule matches; without it they are not limited",
    ),
    rules: z
      .array(RateLimitRuleSchema)
      .optional()
      .describe("Per-tool-pattern buckets; the first rule matching the tool and the caller wins"),
    /**
     * Request methods that cost a token (default `["tools/call"]`). A method other than
     * tools/call names no tool, so it is counted in the default bucket.
     */
    methods: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe('Request methods that cost a token (default ["tools/call"])'),
  })
  .describe("Token-bucket rate limits per principal (see docs/rate-limit.md)");
export type RateLimits = z.infer<typeof RateLimitsSchema>;

/** The rate limit given on the command line (--rate-limit, --rate-burst). */
export interface RateLimitFlags {
  rateLimit?: number;
  rateBurst?: number;
}

/**
 * Returns a getter of the limits in force: the policy's section, with the command line's
 * --rate-limit as its default bucket (the command line wins, as for every other limit).
 * The result is the same object until the section changes (a policy reload), so the
 * rate-limit check compiles it once per version.
 */
export function rateLimitsWithFlags(
  section: () => RateLimits | undefined,
  flags: RateLimitFlags,
): () => RateLimits | undefined {
  const flagRate: Rate | undefined =
    flags.rateLimit === undefined
      ? undefined
      : { per_minute: flags.rateLimit, burst: flags.rateBurst ?? flags.rateLimit };
  if (flagRate === undefined) return section;
  let lastSection: RateLimits | undefined;
  let merged: RateLimits = { default: flagRate };
  return () => {
    const current = section();
    if (current !== lastSection) {
      lastSection = current;
      merged = { ...current, default: flagRate };
    }
    return merged;
  };
}
