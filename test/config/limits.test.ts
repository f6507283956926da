import { afterEach, describe, expect, it } from "vitest";
import {
  configureLimits,
  DEFAULT_LIMITS,
  getLimits,
  LimitError,
  limitsFromEnv,
  resetLimits,
  resolveLimits,
} from "../../src/config/limits.js";

describe("limits", () => {
  afterEach(resetLimits);

  it("reads the seed's GUARDIAN_* variables", () => {
    expect(
      limitsFromEnv({ GUARDIAN_MAX_STDIO_LINE_BYTES: "2048", GUARDIAN_REDIS_FAIL_OPEN: "true" }),
    ).toEqual({
      maxLineBytes: 2048,
      redisFailOpen: true,
    });
  });

  it("says which variable is bad and what came", () => {
    expect(() => limitsFromEnv({ GUARDIAN_MAX_NESTING_DEPTH: "lots" })).toThrow(
      /GUARDIAN_MAX_NESTING_DEPTH to be a positive integer, got "lots"/,
    );
  });

  it("layers defaults < environment < configureLimits() < explicit options", () => {
    const env = { GUARDIAN_MAX_NESTING_DEPTH: "10", GUARDIAN_MAX_ARGUMENT_BYTES: "100" };
    configureLimits({ maxDepth: 20 });
    const limits = getLimits(env);
    expect(limits.maxDepth).toBe(20);
    expect(limits.maxArgumentBytes).toBe(100);
    expect(limits.maxLineBytes).toBe(DEFAULT_LIMITS.maxLineBytes);
    expect(resolveLimits(limits, { maxDepth: 5 }).maxDepth).toBe(5);
  });

  it("refuses unknown and invalid overrides without keeping any of them", () => {
    expect(() => configureLimits({ maxDepth: -1 })).toThrow(LimitError);
    expect(() => configureLimits({ nope: 1 } as never)).toThrow(/Unknown limit `nope`/);
    expect(getLimits({}).maxDepth).toBe(DEFAULT_LIMITS.maxDepth);
  });
});
