import { describe, expect, it } from "vitest";
import { isUnder, normalizePath } from "../../src/policy/normalize.js";

describe("normalizePath", () => {
  it.each([
    ["/workspace/a/../b", "/workspace/b"],
    ["/workspace/./a//b/", "/workspace/a/b"],
    ["/workspace/", "/workspace"],
    ["/../../etc/passwd", "/etc/passwd"],
    ["/", "/"],
    ["C:\\Work\\x\\..\\y", "C:/Work/y"],
    ["c:/work/", "C:/work"],
    ["/workspace\\..\\etc", "/etc"],
  ])("%s → %s", (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });

  it.each([
    ["relative/a"],
    ["./a"],
    ["~/secrets"],
    ["/a\0b"],
    [""],
    ["//etc/passwd"],
    ["\\\\server\\share"],
  ])("cannot judge %j", (input) => {
    expect(normalizePath(input)).toBeUndefined();
  });

  it("does not resolve symlinks or touch the file system", () => {
    expect(normalizePath("/definitely/not/here/../there")).toBe("/definitely/not/there");
  });
});

describe("isUnder", () => {
  it("is the root or inside it, never a sibling with the same prefix", () => {
    expect(isUnder("/workspace", "/workspace")).toBe(true);
    expect(isUnder("/workspace/a", "/workspace")).toBe(true);
    expect(isUnder("/workspace-evil/a", "/workspace")).toBe(false);
    expect(isUnder("/etc", "/")).toBe(true);
  });
});
