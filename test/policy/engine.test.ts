import { describe, expect, it } from "vitest";
import type { Principal } from "../../src/pipeline/types.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { compilePattern } from "../../src/policy/pattern.js";

const engine = YamlPolicyEngine.fromString(`version: "1"
defaults: { effect: deny }
principals:
  admin:
    roles: [admin]
    tools:
      - pattern: "*"
        actions: [read, execute]
  developer:
    roles: [dev]
    tools:
      - pattern: "fs:*"
        actions: [read, execute]
      - pattern: "read.file"
        actions: [execute]
      - pattern: "git_*_status"
        actions: [execute]
  readonly:
    roles: [observer]
    tools:
      - pattern: "*"
        actions: [read]
`);

const who = (id: string, ...roles: string[]): Principal => ({ id, roles: new Set(roles) });
const call = (p: Principal, name: string, server?: string) =>
  engine.evaluate({
    principal: p,
    action: "execute",
    target: server === undefined ? { kind: "tool", name } : { kind: "tool", name, server },
  }).effect;

describe("YamlPolicyEngine (seed semantics)", () => {
  it("denies by default", () => {
    expect(call(who("stranger"), "anything")).toBe("deny");
  });

  it("covers a caller by principal name or by role", () => {
    expect(call(who("developer"), "fs_x", "fs")).toBe("allow");
    expect(call(who("alice", "dev"), "read_file", "fs")).toBe("allow");
    expect(call(who("alice", "admin"), "drop_table")).toBe("allow");
  });

  it("matches a namespaced pattern only against <server-name>:<tool>", () => {
    expect(call(who("alice", "dev"), "read_file")).toBe("deny");
    expect(call(who("alice", "dev"), "read_file", "db")).toBe("deny");
    expect(call(who("alice", "dev"), "read_file", "fs")).toBe("allow");
  });

  it("matches dots, dashes and underscores literally", () => {
    expect(call(who("alice", "dev"), "read.file")).toBe("allow");
    expect(call(who("alice", "dev"), "readXfile")).toBe("deny");
    expect(call(who("alice", "dev"), "git_repo_status")).toBe("allow");
    expect(call(who("alice", "dev"), "git_status")).toBe("deny");
  });

  it("needs the execute action to call: read is not enough", () => {
    expect(call(who("bob", "observer"), "echo")).toBe("deny");
    expect(
      engine.evaluate({
        principal: who("bob", "observer"),
        action: "read",
        target: { kind: "tool", name: "echo" },
      }).effect,
    ).toBe("allow");
  });

  it("is case-sensitive", () => {
    expect(call(who("alice", "dev"), "READ.FILE")).toBe("deny");
    expect(call(who("Developer"), "x", "fs")).toBe("deny");
  });

  it("names the rule that decided", () => {
    const d = engine.evaluate({
      principal: who("alice", "dev"),
      action: "execute",
      target: { kind: "tool", name: "read.file" },
    });
    expect(d.reasons).toEqual(["principals.developer.tools[1]"]);
    const none = engine.evaluate({
      principal: who("x"),
      action: "execute",
      target: { kind: "tool", name: "y" },
    });
    expect(none.reasons).toEqual(["defaults.effect"]);
  });
});

describe("compilePattern", () => {
  it("matches * anywhere without backtracking", () => {
    const p = compilePattern("a*b*c");
    expect(p.matches("abc")).toBe(true);
    expect(p.matches("a-x-b-y-c")).toBe(true);
    expect(p.matches("acb")).toBe(false);
    expect(p.matches("ab")).toBe(false);
    // A pathological subject is decided by a few indexOf calls.
    expect(compilePattern("*a*a*a*a*b").matches("a".repeat(10_000))).toBe(false);
  });

  it("does not let prefix and suffix overlap", () => {
    expect(compilePattern("ab*ba").matches("aba")).toBe(false);
    expect(compilePattern("ab*ba").matches("abba")).toBe(true);
  });
});
