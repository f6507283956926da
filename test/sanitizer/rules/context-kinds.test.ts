import { describe, expect, it } from "vitest";
import { rule } from "../blocked-rule.js";

describe("the ends of a copy or move by a file tool are paths", () => {
  it.each([
    ["copy_file", { src: "evil.sh", dst: "/etc/profile.d/evil.sh" }],
    ["move_file", { from: "x", to: "/home/dev/.bashrc" }],
    ["copy", { source: "a", target: "~/.bashrc" }],
  ])("a sensitive destination is refused: %s %j", (tool, args) => {
    expect(rule(tool, args)).toBe("path.sensitive-write");
  });

  it.each([
    ["move_file", { from: "src/a.ts", to: "src/b.ts" }],
    ["copy_file", { src: "a", dst: "b" }],
    ["send_email", { to: "a@b.example", subject: "x" }],
    ["deploy", { target: "production" }],
    ["update_issue", { to: "done" }],
  ])("ordinary ends and other tools' to/target pass: %s %j", (tool, args) => {
    expect(rule(tool, args)).toBeUndefined();
  });
});
