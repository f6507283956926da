import { describe, expect, it } from "vitest";
import { memoize } from "../../src/sanitizer/memo.js";

describe("memoize", () => {
  it("computes each key once, undefined results included", () => {
    const calls: string[] = [];
    const f = memoize((k: string) => {
      calls.push(k);
      return k === "none" ? undefined : k.length;
    });
    expect([f("ab"), f("ab"), f("none"), f("none")]).toEqual([2, 2, undefined, undefined]);
    expect(calls).toEqual(["ab", "none"]);
  });

  it("holds at most `max` keys and never caches long ones", () => {
    let n = 0;
    const f = memoize((k: string) => {
      n++;
      return k;
    }, 2);
    f("a");
    f("b");
    f("c"); // full: emptied, then holds "c"
    f("a");
    expect(n).toBe(4);
    const long = "x".repeat(300);
    f(long);
    f(long);
    expect(n).toBe(6);
  });
});
