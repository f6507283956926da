import { describe, expect, it } from "vitest";
import { rule } from "./blocked-rule.js";

// A name or filter that climbs like a path is judged as one (sanitizer.ts, climbsLikePath):
// the server that looks the name up reads a file.
describe("names that climb", () => {
  it.each([
    "../../../etc/passwd",
    "....\\....\\windows\\system32\\config\\sam",
    "..%2f..%2fetc%2fpasswd",
    "..%252f..%252fetc%252fpasswd",
  ])("blocks name %s", (name) => {
    expect(rule("get_asset", { name })).toBe("path.traversal");
  });

  it.each(["Loading...", "src/utils", "status:open", "a.. b/../c"])("passes name %s", (name) => {
    expect(rule("get_asset", { name })).toBeUndefined();
  });
});
