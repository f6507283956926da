import { describe, expect, it } from "vitest";
import { flagLimits, type RunOptions } from "../../src/cli/run.js";
import { DEFAULT_LIMITS } from "../../src/config/limits.js";

const base: RunOptions = {
  policy: "p.yaml",
  principal: "local-user",
  roles: [],
  logLevel: "info",
  mode: "stdio",
};

describe("flagLimits", () => {
  it("maps every limit flag onto its limit", () => {
    const limits = flagLimits({
      ...base,
      maxLineSize: 1,
      maxArgSize: 2,
      maxArgsTotalSize: 3,
      maxDepth: 4,
      maxHttpBodySize: 5,
      sanitizerMaxScan: 6,
      maxPolicyFileSize: 7,
      maxConcurrentRequests: 8,
      transportTimeout: 9,
      redisTimeout: 10,
      shutdownGrace: 11,
    });
    expect(limits).toEqual({
      maxLineBytes: 1,
      maxArgumentBytes: 2,
      maxArgumentsTotalBytes: 3,
      maxDepth: 4,
      maxHttpBodyBytes: 5,
      sanitizerMaxScanBytes: 6,
      maxPolicyFileBytes: 7,
      maxConcurrentRequests: 8,
      transportTimeoutMs: 9,
      redisOperationTimeoutMs: 10,
      targetShutdownTimeoutMs: 11,
    });
    // Every numeric limit has a flag (redisFailOpen is a switch of the rate limiter).
    const numeric = Object.keys(DEFAULT_LIMITS).filter((k) => k !== "redisFailOpen");
    expect(Object.keys(limits).sort()).toEqual(numeric.sort());
  });

  it("sets nothing that was not given", () => {
    expect(flagLimits(base)).toEqual({});
  });
});
