import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/config/limits.js";
import { compose } from "../../src/pipeline/compose.js";
import type { Check, Context, Frame, Verdict } from "../../src/pipeline/types.js";
import { AegisError, ErrorCode } from "../../src/protocol/errors.js";

const ctx: Context = {
  principal: { id: "p", roles: new Set() },
  limits: DEFAULT_LIMITS,
  now: () => 0,
  tools: new Map(),
};

const frame: Frame = Object.freeze<Frame>({
  raw: Buffer.from('{"jsonrpc":"2.0","id":1,"method":"ping"}'),
  direction: "client-to-server",
  parsed: { kind: "request" as const, message: { jsonrpc: "2.0" as const, id: 1, method: "ping" } },
  rawId: "1",
  depth: 1,
});

const deny = (name: string): Check => ({
  name,
  inspect: () => ({
    ok: false,
    error: new AegisError(ErrorCode.PolicyDenied, { check: name, reason: "no" }),
  }),
});

function recorder(name: string, log: string[], verdict: Verdict = { ok: true }): Check {
  return {
    name,
    inspect: () => {
      log.push(name);
      return verdict;
    },
  };
}

describe("compose", () => {
  it("passes with zero checks", () => {
    expect(compose([])(frame, ctx)).toMatchObject({ verdict: { ok: true } });
  });

  it("decides the same untimed (no clock read, durationMs 0) as timed", async () => {
    const slow: Check = {
      name: "slow",
      inspect: () => {
        const until = performance.now() + 2;
        while (performance.now() < until);
        return { ok: true };
      },
    };
    const checks = [slow, deny("d")];
    const timed = await compose(checks)(frame, ctx);
    const untimed = await compose(checks)(frame, ctx, false);
    expect(timed.durationMs).toBeGreaterThan(1);
    expect(untimed.durationMs).toBe(0);
    expect({ ...untimed, durationMs: 0 }).toEqual({ ...timed, durationMs: 0 });
    // An async check on the way: still no clock.
    const later: Check = { name: "later", inspect: async () => ({ ok: true }) };
    expect((await compose([later, slow])(frame, ctx, false)).durationMs).toBe(0);
  });

  it("runs checks in order and stops at the first refusal", () => {
    const log: string[] = [];
    const outcome = compose([recorder("a", log), deny("b"), recorder("c", log)])(frame, ctx);
    expect(log).toEqual(["a"]);
    expect(outcome).toMatchObject({ verdict: { ok: false }, check: "b" });
  });

  it("turns a throwing check into a refusal of that message (fail closed)", () => {
    const boom: Check = {
      name: "boom",
      inspect: () => {
        throw new Error("bug");
      },
    };
    const outcome = compose([boom])(frame, ctx);
    expect(outcome).toMatchObject({
      check: "boom",
      verdict: { ok: false, error: { code: ErrorCode.CheckFailed } },
    });
  });

  it("turns a rejecting async check into a refusal", async () => {
    const bad: Check = {
      name: "async-bad",
      inspect: () => Promise.reject(new Error("redis down")),
    };
    const outcome = await compose([bad])(frame, ctx);
    expect(outcome).toMatchObject({ check: "async-bad", verdict: { ok: false } });
  });

  it("stays synchronous while every check is, and goes async only when one is", async () => {
    const log: string[] = [];
    expect(compose([recorder("a", log)])(frame, ctx)).not.toBeInstanceOf(Promise);
    const asyncPass: Check = { name: "later", inspect: async () => ({ ok: true }) };
    const result = compose([asyncPass, recorder("after", log)])(frame, ctx);
    expect(result).toBeInstanceOf(Promise);
    expect((await result).verdict.ok).toBe(true);
    expect(log).toEqual(["a", "after"]);
  });

  it("hands a rewritten frame to the next check and returns it", () => {
    const rewritten: Frame = { ...frame, raw: Buffer.from("new") };
    const seen: Buffer[] = [];
    const rewrite: Check = { name: "rw", inspect: () => ({ ok: true, frame: rewritten }) };
    const spy: Check = {
      name: "spy",
      inspect: (f) => {
        seen.push(f.raw);
        return { ok: true };
      },
    };
    const outcome = compose([rewrite, spy])(frame, ctx) as { verdict: Verdict };
    expect(seen[0]?.toString()).toBe("new");
    expect(outcome.verdict).toEqual({ ok: true, frame: rewritten });
  });

  it("is reusable and does not mutate its input", () => {
    const checks = [recorder("a", [])];
    const run = compose(checks);
    run(frame, ctx);
    run(frame, ctx);
    expect(checks).toHaveLength(1);
    expect(frame.raw.toString()).toBe('{"jsonrpc":"2.0","id":1,"method":"ping"}');
  });

  it("refuses things that are not checks when built", () => {
    expect(() => compose([(() => {}) as unknown as Check])).toThrow(TypeError);
    expect(() => compose("x" as unknown as Check[])).toThrow(TypeError);
  });
});
