import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/config/limits.js";
import { rateLimitCheck } from "../../../src/pipeline/checks/rate-limit.js";
import { compose } from "../../../src/pipeline/compose.js";
import type { Check, Context, Direction, Frame, Verdict } from "../../../src/pipeline/types.js";
import { AegisError, ErrorCode, toReply } from "../../../src/protocol/errors.js";
import type { RateLimits } from "../../../src/ratelimit/config.js";
import { MemoryRateLimiter } from "../../../src/ratelimit/memory.js";
import type { RateDecision, RateLimiter, TakeRequest } from "../../../src/ratelimit/types.js";
import { readFrame } from "../../../src/session/read-frame.js";

let clock = 0;
const ctx: Context = {
  principal: { id: "alice", roles: new Set(["dev"]) },
  limits: DEFAULT_LIMITS,
  now: () => clock,
  tools: new Map(),
};

function frame(message: object, direction: Direction = "client-to-server"): Frame {
  const read = readFrame(Buffer.from(JSON.stringify({ jsonrpc: "2.0", ...message })), direction);
  if (!("frame" in read)) throw new Error("test frame is not readable");
  return read.frame;
}

let nextId = 1;
const call = (name: string) =>
  frame({ id: nextId++, method: "tools/call", params: { name, arguments: {} } });

function verdict(check: Check, f: Frame): Verdict {
  const v = check.inspect(f, ctx);
  if (v instanceof Promise) throw new Error("expected a synchronous verdict");
  return v;
}

describe("rateLimitCheck", () => {
  it("charges tools/call only, and refuses with when to retry", () => {
    clock = 0;
    const check = rateLimitCheck({
      limiter: new MemoryRateLimiter(),
      config: () => ({ default: { per_minute: 6, burst: 2 } }),
    });
    expect(verdict(check, call("echo")).ok).toBe(true);
    expect(verdict(check, call("echo")).ok).toBe(true);
    // Free: other methods, notifications, responses, and the server's own requests.
    expect(verdict(check, frame({ id: 90, method: "tools/list" })).ok).toBe(true);
    expect(verdict(check, frame({ method: "notifications/initialized" })).ok).toBe(true);
    expect(verdict(check, frame({ id: 91, result: {} })).ok).toBe(true);
    expect(
      verdict(
        check,
        frame({ id: 92, method: "tools/call", params: { name: "x" } }, "server-to-client"),
      ).ok,
    ).toBe(true);

    const refused = verdict(check, call("echo"));
    expect(refused.ok).toBe(false);
    const error = (refused as { error: AegisError }).error;
    expect(error.code).toBe(ErrorCode.RateLimited);
    expect(error.data).toMatchObject({ check: "rate-limit", retryAfterSeconds: 10, perMinute: 6 });
    expect(error.data.reason).toMatch(/"alice".*6 per minute, burst 2.*retry in 10 seconds$/);
    const reply = JSON.parse(toReply(error, "7", "tools/call"));
    expect(reply.result.isError).toBe(true);
    expect(reply.result.content[0].text).toMatch(
      /^Blocked by mcp-aegis \(rate-limit\): .*retry in 10 seconds/,
    );

    clock = 10_000;
    expect(verdict(check, call("echo")).ok).toBe(true);
  });

  it("costs nothing for a call an earlier check refused", () => {
    clock = 0;
    const denyWrites: Check = {
      name: "policy",
      inspect: (f) =>
        f.tool === "write"
          ? {
              ok: false,
              error: new AegisError(ErrorCode.PolicyDenied, { check: "policy", reason: "no" }),
            }
          : { ok: true },
    };
    const pipeline = compose([
      denyWrites,
      rateLimitCheck({
        limiter: new MemoryRateLimiter(),
        config: () => ({ default: { per_minute: 1 } }),
      }),
    ]);
    for (let i = 0; i < 5; i++) {
      const o = pipeline(call("write"), ctx);
      expect((o as { check?: string }).check).toBe("policy");
    }
    expect((pipeline(call("read"), ctx) as { verdict: Verdict }).verdict.ok).toBe(true);
  });

  it("applies new limits as soon as the config getter returns them (policy reload)", () => {
    clock = 0;
    let limits: RateLimits | undefined;
    const check = rateLimitCheck({ limiter: new MemoryRateLimiter(), config: () => limits });
    for (let i = 0; i < 3; i++) expect(verdict(check, call("echo")).ok).toBe(true);
    limits = { rules: [{ pattern: "echo", per_minute: 1 }] };
    expect(verdict(check, call("echo")).ok).toBe(true);
    expect(verdict(check, call("echo")).ok).toBe(false);
    expect(verdict(check, call("other")).ok).toBe(true); // no rule, no default
  });

  it("keeps each principal's budget apart", () => {
    clock = 0;
    const check = rateLimitCheck({
      limiter: new MemoryRateLimiter(),
      config: () => ({ default: { per_minute: 1 } }),
    });
    expect(verdict(check, call("echo")).ok).toBe(true);
    expect(verdict(check, call("echo")).ok).toBe(false);
    const bob = { ...ctx, principal: { id: "bob", roles: new Set<string>() } };
    expect((check.inspect(call("echo"), bob) as Verdict).ok).toBe(true);
  });

  it("refuses with 'rate limiter unavailable' when the limiter cannot decide", async () => {
    const seen: TakeRequest[] = [];
    const down: RateLimiter = {
      take: async (r): Promise<RateDecision> => {
        seen.push(r);
        return {
          allowed: false,
          reason: "unavailable",
          retryAfterMs: 900,
          detail: "Redis is down",
        };
      },
    };
    const check = rateLimitCheck({
      limiter: down,
      config: () => ({ default: { per_minute: 60 } }),
    });
    const v = await check.inspect(call("echo"), ctx);
    expect(v.ok).toBe(false);
    const error = (v as { error: AegisError }).error;
    expect(error.code).toBe(ErrorCode.RateLimited);
    expect(error.data).toMatchObject({ retryAfterSeconds: 1, unavailable: true });
    expect(error.data.reason).toMatch(
      /^rate limiter unavailable \(Redis is down\).*retry in 1 second$/,
    );
    expect(seen[0]).toMatchObject({
      key: "alice:default",
      cost: 1,
      rule: { burst: 60, perMinute: 60 },
    });
  });

  it("refuses bad options when built", () => {
    expect(() => rateLimitCheck({ limiter: {} as RateLimiter, config: () => undefined })).toThrow(
      /`limiter`/,
    );
    expect(() =>
      rateLimitCheck({ limiter: new MemoryRateLimiter(), config: {} as () => undefined }),
    ).toThrow(/`config` option to be a function, got object/);
  });
});
