/**
 * whole-object.ts: an exec-shaped call's program is a word of its argv, judged with the
 * arguments, not a command line of its own.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";
import { rule } from "./blocked-rule.js";

beforeAll(() => loadShellParser());

describe("the program of an exec-shaped call", () => {
  it.each([
    ["spawn_process", { program: "screen", args: ["-ls"] }],
    ["spawn_process", { program: "script", args: ["-q", "-c", "npm test", "/dev/null"] }],
    ["spawn_process", { program: "tmux", args: ["new", "-d", "-s", "dev", "npm run dev"] }],
    ["run", { command: "tmux", args: ["ls"] }],
    ["exec", { cmd: "screen", args: ["-ls"] }],
  ])("is judged with its arguments: %s %j passes", (tool, args) => {
    expect(rule(tool, args)).toBeUndefined();
  });

  it.each([
    ["spawn_process", { program: "tmux", args: [] }, "shell.shell-escape"],
    ["spawn_process", { program: "bash", args: ["-i"] }, "shell.shell-escape"],
    ["spawn_process", { program: "git status; rm -rf /", args: [] }, "shell.destructive"],
    ["exec", { command: "cat", args: ["/etc/shadow"] }, "path.sensitive"],
    ["exec", { command: "/etc/shadow", args: ["x"] }, "path.sensitive"],
  ])("still refuses what the argv or a split command runs: %s %j", (tool, args, expected) => {
    expect(rule(tool, args)).toBe(expected);
  });
});
