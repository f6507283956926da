import { describe, expect, it } from "vitest";
import { SwappableChecks } from "../../src/pipeline/swappable.js";
import type { Check, Context, Frame, Verdict } from "../../src/pipeline/types.js";

const says = (name: string, ok: boolean): Check => ({
  name,
  inspect: (): Verdict =>
    ok ? { ok: true } : { ok: false, error: Object.assign(new Error(name), { code: -1 }) as never },
});
const frame = {} as Frame;
const ctx = {} as Context;

describe("SwappableChecks", () => {
  it("keeps its slot objects and runs whatever was swapped in", () => {
    const s = new SwappableChecks([says("a", true), says("b", true)]);
    const slots = s.checks;
    expect(slots.map((c) => c.name)).toEqual(["a", "b"]);
    expect((slots[1] as Check).inspect(frame, ctx)).toEqual({ ok: true });
    s.swap([says("a", true), says("b", false)]);
    expect(s.checks).toBe(slots);
    expect(((slots[1] as Check).inspect(frame, ctx) as Verdict).ok).toBe(false);
  });

  it("refuses a build of another shape and keeps the checks in force", () => {
    const s = new SwappableChecks([says("a", false)]);
    expect(() => s.swap([says("b", true)])).toThrow(/\[b\] where \[a\]/);
    expect(() => s.swap([says("a", true), says("c", true)])).toThrow();
    expect(((s.checks[0] as Check).inspect(frame, ctx) as Verdict).ok).toBe(false);
  });
});
