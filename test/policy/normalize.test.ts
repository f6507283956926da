import { describe, expect, it } from "vitest";
import { isUnder, normalizePath, normalizeUri } from "../../src/policy/normalize.js";

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

describe("normalizeUri", () => {
  it.each([
    ["file:///workspace/../etc/passwd", "file:///etc/passwd"],
    ["FILE:///workspace/a", "file:///workspace/a"],
    ["file:///workspace/%2e%2e/etc", "file:///etc"],
    ["file:///workspace/%2E%2E%2Fetc", "file:///etc"],
    ["file:///workspace\\..\\etc", "file:///etc"],
    ["file:///work%73pace/a", "file:///workspace/a"],
    ["file:///workspace/a/", "file:///workspace/a"],
    ["demo://Resource/static/1", "demo://resource/static/1"],
    ["https://h/a/../b?q=../x#f", "https://h/b?q=../x#f"],
    ["urn:isbn:123", "urn:isbn:123"],
    ["file:/etc/passwd", "file:///etc/passwd"],
    ["file://localhost/etc/passwd", "file:///etc/passwd"],
    ["file://LOCALHOST/etc/../etc/passwd", "file:///etc/passwd"],
    ["file://server/share/x", "file://server/share/x"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeUri(input)).toBe(expected);
  });

  it("keeps escapes of reserved characters other than slashes", () => {
    expect(normalizeUri("file:///a%20b/%3Fq")).toBe("file:///a%20b/%3Fq");
  });
});
