import { UNITS_PER_TOKEN } from "./bucket.js";
import type { BucketRule } from "./types.js";

/**
 * The token bucket as one Lua script, run atomically by Redis, so any number of shims
 * share a bucket exactly. It replaces the fixed-window counter of rate-limiter-flexible's
 * RateLimiterRedis through that class's `customIncrTtlLuaScript` option, and keeps its
 * calling convention:
 *   KEYS[1] the bucket; ARGV[1] tokens to take (the library's points to consume);
 *   ARGV[2] key lifetime in whole seconds (unused: the script sets an exact one);
 *   ARGV[3] the limiter's `points` = burst; ARGV[4] its `duration` = seconds an empty
 *   bucket takes to fill (burst × 60 / perMinute), so points/duration is the sustained rate.
 * It answers {consumed, msBeforeNext} as the library expects: consumed > points means
 * refused, and msBeforeNext is then the wait for enough tokens.
 *
 * The arithmetic is bucket.ts's, in integer units (one token = 60 000 units; perMinute
 * units per millisecond), on Redis's own clock (TIME), so shims with skewed clocks agree.
 * A full bucket is deleted, and every key expires when it would be full: Redis holds only
 * buckets that are in use.
 */
export const TOKEN_BUCKET_LUA = `
if redis.replicate_commands then redis.replicate_commands() end
local U = ${UNITS_PER_TOKEN}
local cost = tonumber(ARGV[1])
local burst = tonumber(ARGV[3])
local perMinute = math.floor(60 * burst / tonumber(ARGV[4]) + 0.5)
local capacity = burst * U
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local saved = redis.call('HMGET', KEYS[1], 'l', 't')
local level = capacity
local at = now
if saved[1] and saved[2] then
  level = tonumber(saved[1])
  at = tonumber(saved[2])
  local elapsed = math.min(math.max(0, now - at), math.ceil(capacity / perMinute))
  level = math.min(capacity, level + elapsed * perMinute)
  if now > at then at = now end
end
local need = cost * U
if level < need then
  return {burst + cost, math.ceil((need - level) / perMinute)}
end
level = level - need
if level >= capacity then
  redis.call('DEL', KEYS[1])
else
  redis.call('HSET', KEYS[1], 'l', string.format('%.0f', level), 't', string.format('%.0f', at))
  redis.call('PEXPIRE', KEYS[1], math.ceil((capacity - level) / perMinute))
end
local left = math.floor(level / U)
local nextMs = 0
if left < 1 then nextMs = math.ceil((U - level) / perMinute) end
return {burst - left, nextMs}
`;

/** The library's points/duration for a bucket (see TOKEN_BUCKET_LUA). */
export function libraryParameters(rule: BucketRule): { points: number; duration: number } {
  return { points: rule.burst, duration: (rule.burst * 60) / rule.perMinute };
}

/** A key lifetime (ARGV[2]) of at least one second, so the library always runs the script. */
export function keyLifetimeSeconds(rule: BucketRule): number {
  return Math.max(1, Math.ceil((rule.burst * 60) / rule.perMinute));
}
