import { describe, expect, it } from "vitest";
import { compilePattern, compileUriPattern } from "../../src/policy/pattern.js";

describe("compilePattern (tool and prompt names)", () => {
  it("treats dots and other punctuation literally", () => {
    const p = compilePattern("fs.read");
    expect(p.matches("fs.read")).toBe(true);
    expect(p.matches("fsXread")).toBe(false);
  });

  it("is case-sensitive", () => {
    expect(compilePattern("Read_*").matches("read_file")).toBe(false);
    expect(compilePattern("read_*").matches("read_file")).toBe(true);
  });

  it("matches `*` across any characters, including `:`", () => {
    expect(compilePattern("*").matches("fs:read")).toBe(true);
    expect(compilePattern("fs:*").matches("fs:read")).toBe(true);
    expect(compilePattern("fs:*").matches("git:read")).toBe(false);
    expect(compilePattern("a*b*c").matches("abbc")).toBe(true);
    expect(compilePattern("a*b*c").matches("acb")).toBe(false);
    expect(compilePattern("ab*ba").matches("aba")).toBe(false);
  });

  it("marks namespaced and exact patterns and exposes the literal prefix", () => {
    expect(compilePattern("fs:read_*")).toMatchObject({
      namespaced: true,
      exact: false,
      prefix: "fs:read_",
    });
    expect(compilePattern("echo")).toMatchObject({
      namespaced: false,
      exact: true,
      prefix: "echo",
    });
  });
});

describe("compileUriPattern (resources)", () => {
  it("`*` stays within a segment, `**` crosses segments", () => {
    expect(compileUriPattern("file:///workspace/*").matches("file:///workspace/a")).toBe(true);
    expect(compileUriPattern("file:///workspace/*").matches("file:///workspace/a/b")).toBe(false);
    expect(compileUriPattern("file:///workspace/**").matches("file:///workspace/a/b")).toBe(true);
  });

  it("a trailing /** also matches the directory itself but not a sibling", () => {
    const p = compileUriPattern("file:///workspace/**");
    expect(p.matches("file:///workspace")).toBe(true);
    expect(p.matches("file:///workspace-evil/x")).toBe(false);
    expect(p.prefix).toBe("file:///workspace");
  });

  it("treats regex metacharacters literally", () => {
    const p = compileUriPattern("demo://a.b/(x)+/*");
    expect(p.matches("demo://a.b/(x)+/1")).toBe(true);
    expect(p.matches("demo://aXb/(x)+/1")).toBe(false);
  });

  it("compares scheme and authority case-insensitively, the path case-sensitively", () => {
    const p = compileUriPattern("FILE:///Workspace/**");
    expect(p.matches("file:///Workspace/a")).toBe(true);
    expect(p.matches("file:///workspace/a")).toBe(false);
  });
});
