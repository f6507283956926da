import { describe, expect, it } from "vitest";
import { DEFAULT_SANITIZER_CONFIG } from "../../src/sanitizer/config.js";
import { Sanitizer } from "../../src/sanitizer/sanitizer.js";

const options = (tool: string) => ({ tool, maxScanBytes: 1 << 20, maxValueBytes: 1 << 20 });

// Keys found clean are remembered and not judged again: per tool traits and kind, because a
// key clean for a read tool is a sensitive destination for a write tool.
describe("Sanitizer: remembered clean keys", () => {
  it.each([".git/hooks/pre-commit", "~/.bashrc", "/etc/cron.d/job"])(
    "a key clean under a read tool is still refused under a write tool (%s)",
    (key) => {
      const s = new Sanitizer(DEFAULT_SANITIZER_CONFIG);
      for (let i = 0; i < 3; i++) {
        expect(s.scan({ paths: { [key]: "x" } }, options("read_files")).blocked).toBeUndefined();
        expect(s.scan({ paths: { [key]: "x" } }, options("write_files")).blocked).toMatchObject({
          rule: "path.sensitive-write",
          inKey: true,
        });
      }
    },
  );

  it("judges a remembered key the same on every call and still counts its bytes", () => {
    const s = new Sanitizer(DEFAULT_SANITIZER_CONFIG);
    const first = s.scan({ message: "hi" }, options("echo"));
    const again = s.scan({ message: "hi" }, options("echo"));
    expect(again).toEqual(first);
    // A key that breaks a rule is never remembered as clean.
    for (let i = 0; i < 3; i++)
      expect(
        s.scan({ headers: { "a\r\nX-Injected: 1": "v" } }, options("http_request")).blocked,
      ).toMatchObject({ rule: "crlf.injection", inKey: true });
  });
});
