import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileAnchors } from "../../src/text/anchors.js";

const flags = (groups: string[][], text: string) => [...compileAnchors(groups).scan(text)];

describe("compileAnchors", () => {
  it("flags the groups whose literal occurs, ASCII case folded", () => {
    expect(flags([["ignore", "forget"], ["user"], ["<|"]], "Please FORGET it")).toEqual([1, 0, 0]);
    expect(flags([["ignore"], ["user"], ["<|"]], "the USER said <|im_start|>")).toEqual([0, 1, 1]);
  });

  it("finds literals inside, overlapping and as suffixes of others (failure links)", () => {
    const groups = [["he"], ["she"], ["hers"], ["his"]];
    expect(flags(groups, "ushers")).toEqual([1, 1, 1, 0]);
    expect(flags(groups, "shis")).toEqual([0, 0, 0, 1]);
    expect(flags([["aab"]], "aaab")).toEqual([1]);
  });

  it("does not fold non-ASCII look-alikes, as /i without u does not", () => {
    for (const t of ["\u0131gnore", "\u0130GNORE", "s\u212aip", "\u017fkip", "\uff49gnore"]) {
      expect(flags([["ignore", "skip"]], t), t).toEqual([0]);
      expect(/ignore|skip/i.test(t), t).toBe(false);
    }
  });

  it("agrees with a case-insensitive regular expression on random text", () => {
    const words = ["ab", "bab", "tool", "<|", "a.b", "q~"];
    const scanner = compileAnchors(words.map((w) => [w]));
    const res = words.map((w) => new RegExp(w.replace(/[.|]/g, "\\$&"), "i"));
    fc.assert(
      fc.property(fc.stringMatching(/^[abABtToOlL<|.q~\u0131 ]{0,30}$/), (t) => {
        expect([...scanner.scan(t)]).toEqual(res.map((r) => (r.test(t) ? 1 : 0)));
      }),
      { seed: 16, numRuns: 2000 },
    );
  });

  it("refuses literals it cannot fold: empty, upper case, non-ASCII", () => {
    expect(() => compileAnchors([[""]])).toThrow(TypeError);
    expect(() => compileAnchors([["Key"]])).toThrow(TypeError);
    expect(() => compileAnchors([["clé"]])).toThrow(TypeError);
  });
});
