import { describe, expect, it } from "vitest";
import { urlTraversal } from "../../src/sanitizer/url-traversal.js";
import { rule } from "./blocked-rule.js";

// Traversal and file inclusion a URL carries to the server it names (PayloadsAllTheThings
// "Directory Traversal" and "File Inclusion" shapes, written here): encoded dot-dots
// anywhere, climbing query values, stream wrappers as query values.
describe("URLs carrying traversal or file inclusion", () => {
  it("blocks encoded dot-dots, climbing query values and stream wrappers", () => {
    for (const [url, expected] of [
      ["http://example.com/index.php?page=../../../etc/passwd", "path.traversal"],
      ["http://example.com/index.php?page=..%2f..%2f..%2fetc%2fpasswd", "path.traversal"],
      ["http://example.com/download?file=....//....//etc/passwd", "path.traversal"],
      ["http://example.com/static/..%2f..%2fetc/passwd", "path.traversal"],
      ["https://example.com/cgi-bin/%2e%2e/%2e%2e/bin/sh", "path.traversal"],
      ["https://example.com/x?f=%252e%252e%252fetc%252fpasswd", "path.traversal"],
      ["https://example.com/x?f=..\\..\\windows\\win.ini", "path.traversal"],
      [
        "http://example.com/?page=php://filter/convert.base64-encode/resource=index.php",
        "path.file-url",
      ],
      ["http://example.com/?page=expect://id", "path.file-url"],
      ["http://example.com/?u=file:///etc/passwd", "path.file-url"],
    ] as const) {
      expect(rule("fetch", { url }), url).toBe(expected);
    }
  });

  it("passes ordinary links: a redirect target, data images, one relative step, encoded names", () => {
    for (const url of [
      "https://github.com/org/repo/blob/main/../README.md",
      "https://example.com/img?src=data:image/png;base64,iVBOR",
      "https://example.com/login?next=https://example.com/home&x=1",
      "https://example.com/a?path=docs/../README.md",
      "https://registry.npmjs.org/@types%2fnode",
      "https://example.com/files/report..2024%2fq1.pdf",
      "https://example.com/search?q=a..b&page=2",
    ]) {
      expect(urlTraversal(url, decodeURIComponent(url)), url).toBeUndefined();
      expect(rule("fetch", { url }), url).toBeUndefined();
    }
  });
});
