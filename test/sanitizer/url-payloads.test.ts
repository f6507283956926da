import { describe, expect, it } from "vitest";
import { urlPayload } from "../../src/sanitizer/url-payloads.js";
import { rule } from "./blocked-rule.js";

// Traversal and file inclusion a URL carries to the server it names (PayloadsAllTheThings
// "Directory Traversal" and "File Inclusion" shapes, written here): encoded dot-dots
// anywhere, climbing query values, stream wrappers as query values.
describe("URLs carrying traversal, file inclusion or SQL to the server they name", () => {
  it("blocks encoded dot-dots, climbing query values, stream wrappers and SQL in the query", () => {
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
      ["http://example.com/item?id=1%27%20OR%20%271%27=%271", "sql.injection"],
      ["http://example.com/item?id=1 UNION SELECT username,password FROM users--", "sql.injection"],
      ["http://example.com/item?id=1;DROP TABLE users--", "sql.injection"],
      ["http://example.com/item?id=1 AND SLEEP(5)", "sql.injection"],
      ["http://example.com/login?user=admin'--&pass=x", "sql.injection"],
      ["http://example.com/login?user[$ne]=x&pass[$ne]=x", "sql.injection"],
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
      "https://example.com/search?q=select name from t where id=1",
      "https://example.com/people?name=O'Brien&sort=-created_at",
      "https://api.example.com/v1/items?filter=name eq 'Ana'&fields=id,name",
      "https://example.com/search?q=rock+%26+roll",
    ]) {
      expect(urlPayload(url, decodeURIComponent(url)), url).toBeUndefined();
      expect(rule("fetch", { url }), url).toBeUndefined();
    }
  });
});
