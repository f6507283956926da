import { CheckFailedError } from "../protocol/errors.js";
import type { Check, CleanResponseView, Context, Frame, Outcome, Verdict } from "./types.js";

/**
 * Runs the checks on a frame. `timed: false` skips the clock (durationMs is then 0): the
 * duration only goes into audit rows, and two clock reads cost about as much as a check.
 */
export type Pipeline = ((
  frame: Frame,
  ctx: Context,
  timed?: boolean,
) => Outcome | Promise<Outcome>) & {
  /** Present when every check can judge a clean response from its bytes (Check.passesClean). */
  passesClean?: (view: CleanResponseView, ctx: Context) => boolean;
};

function isPromise<T>(v: T | Promise<T>): v is Promise<T> {
  return typeof (v as { then?: unknown })?.then === "function";
}

/**
 * Builds a pipeline that runs the checks in order, stops at the first refusal and turns
 * an exception into a refusal of that one message (fail closed). Stays synchronous while
 * every check is, so the common path costs no promise.
 */
export function compose(checks: readonly Check[]): Pipeline {
  if (!Array.isArray(checks)) throw new TypeError("Expected checks to be an array");
  for (const c of checks) {
    if (typeof c?.inspect !== "function" || typeof c.name !== "string") {
      throw new TypeError(
        `Expected every check to have a name and an inspect() function, got ${String(c)}`,
      );
    }
  }
  const list = [...checks];

  const finish = (
    verdict: Verdict,
    check: string | undefined,
    start: number,
    rule?: string,
  ): Outcome => {
    const outcome: Outcome = { verdict, durationMs: start < 0 ? 0 : performance.now() - start };
    if (check !== undefined) outcome.check = check;
    if (rule !== undefined) outcome.rule = rule;
    return outcome;
  };

  const run = (
    frame: Frame,
    ctx: Context,
    from: number,
    start: number,
    original: Frame = frame,
    named?: string,
  ): Outcome | Promise<Outcome> => {
    let current = frame;
    let rule = named;
    for (let i = from; i < list.length; i++) {
      const check = list[i] as Check;
      let v: Verdict | Promise<Verdict>;
      try {
        v = check.inspect(current, ctx);
      } catch (err) {
        return finish(
          { ok: false, error: new CheckFailedError(check.name, err) },
          check.name,
          start,
        );
      }
      if (isPromise(v)) {
        return v.then(
          (resolved) => {
            if (!resolved.ok) return finish(resolved, check.name, start);
            // Keep the original: a frame rewritten before an async check must not be lost.
            return run(
              resolved.frame ?? current,
              ctx,
              i + 1,
              start,
              original,
              resolved.rule ?? rule,
            );
          },
          (err: unknown) =>
            finish({ ok: false, error: new CheckFailedError(check.name, err) }, check.name, start),
        );
      }
      if (!v.ok) return finish(v, check.name, start);
      if (v.frame) current = v.frame;
      if (v.rule !== undefined) rule = v.rule;
    }
    return finish(
      current === original ? { ok: true } : { ok: true, frame: current },
      undefined,
      start,
      rule,
    );
  };

  // A start of -1 stands for "not timed".
  const pipeline: Pipeline = (frame, ctx, timed = true) =>
    run(frame, ctx, 0, timed ? performance.now() : -1);
  if (list.every((c) => c.passesClean !== undefined)) {
    pipeline.passesClean = (view, ctx) => {
      for (const c of list)
        if (!(c.passesClean as NonNullable<Check["passesClean"]>)(view, ctx)) return false;
      return true;
    };
  }
  return pipeline;
}
