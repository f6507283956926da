import { describe, expect, it } from "vitest";
import { literalsOf } from "../../src/text/literals.js";

describe("literalsOf", () => {
  it("spells out alternatives, groups and listed classes", () => {
    expect(literalsOf(/gh[pou]_|github_pat_/)).toEqual(["ghp_", "gho_", "ghu_", "github_pat_"]);
    expect(literalsOf(/hooks\.slack\.com|(?:a|b)c/)).toEqual(["hooks.slack.com", "ac", "bc"]);
  });

  it("cuts a literal where it stops being literal: a range or a quantifier", () => {
    expect(literalsOf(/SK[0-9a-f]{32}/i)).toEqual(["sk"]);
    expect(literalsOf(/abc?d|xy+z/)).toEqual(["ab", "x"]);
    expect(literalsOf(/(?:ab+|cd)ef/)).toEqual(["a", "cd"]);
  });

  it("refuses a non-ASCII literal, whose case a rule's /i folds and the automaton does not", () => {
    expect(/игнорируй/i.test("ИГНОРИРУЙ")).toBe(true);
    expect(() => literalsOf(/игнорируй|ignore/)).toThrow(/non-ASCII/);
  });

  it("throws on what it cannot read, rather than give a set that could miss", () => {
    expect(() => literalsOf(/\bkey/)).toThrow(TypeError);
    expect(() => literalsOf(/a.b/)).toThrow(TypeError);
    expect(() => literalsOf(/a?b/)).toThrow(TypeError);
    expect(() => literalsOf(/(?=a)b/)).toThrow(TypeError);
  });
});
