// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell payloads, not templates
/**
 * Probes written for issue 13's generalisation pass, from public sources that are not in
 * the independent corpus: the OWASP CRS regression tests (coreruleset/coreruleset
 * `tests/regression/tests/REQUEST-932-APPLICATION-ATTACK-RCE/*.yaml`, commit 2cbd1d01),
 * payload bodies put into the fields an MCP server splices into a shell. Each rule has
 * attacks that must be blocked and ordinary values that must pass.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { findInjectedCommand } from "../../src/sanitizer/injection.js";
import { checkPath, sensitiveLists } from "../../src/sanitizer/paths.js";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";
import { rule } from "./blocked-rule.js";

beforeAll(() => loadShellParser());

describe("shell.injection: commands cmd.exe and sh read in any spelling", () => {
  it("finds cmd.exe built-ins and capitalised commands after an operator (CRS 932140)", () => {
    expect(
      findInjectedCommand("127.0.0.1& FOR /F \"delims=\" %G IN ('SET') DO @Echo %G", "host"),
    ).toBeDefined();
    expect(findInjectedCommand("photo.png& for %a in (a,b,c) do cmd")).toBeDefined();
    expect(findInjectedCommand("photo.png| DIR C:\\")).toBeDefined();
    expect(findInjectedCommand("photo.png&& WHOAMI")).toBeDefined();
    // A capitalised name is a file name, not a command: `a | B`, `Notes; Draft.txt`.
    expect(findInjectedCommand("a | B")).toBeUndefined();
    expect(findInjectedCommand("Notes; Draft 2.txt")).toBeUndefined();
    expect(findInjectedCommand("Q&A; Type A.pdf")).toBeUndefined();
  });

  it("reads `+` after an operator as the blank a form decoder makes of it (CRS 932190)", () => {
    expect(findInjectedCommand("photo.png;+cat+/etc/passwd")).toBeDefined();
    expect(findInjectedCommand("c++;+notes.txt")).toBeUndefined();
  });

  it("finds `. file`, versioned names and the null command of fork bombs (CRS 932230, 932390)", () => {
    expect(findInjectedCommand("photo.png; . /tmp/x.sh")).toBeDefined();
    expect(findInjectedCommand("photo.png;gcc10.1<<<void main(){}")).toBeDefined();
    expect(findInjectedCommand("photo.png;python3.11 -c 1")).toBeDefined();
    expect(findInjectedCommand("photo.png:(){ :|:& };:")).toBeDefined();
    expect(findInjectedCommand("notes; v1.2.txt")).toBeUndefined();
    expect(findInjectedCommand("notes; draft.txt")).toBeUndefined();
    expect(findInjectedCommand("a; . b")).toBeDefined();
    expect(findInjectedCommand("see p. 12; . ")).toBeUndefined();
  });

  it("treats any operator in a host's authority as starting a command", () => {
    expect(findInjectedCommand("127.0.0.1:(){ :|:& };:", "host")).toBeDefined();
    expect(findInjectedCommand("example.com|Get-Process", "host")).toBeDefined();
    expect(findInjectedCommand("127.0.0.1;", "host")).toBeUndefined();
    // After the authority the usual rules apply: a query is data.
    expect(findInjectedCommand("api.example.com/v1/items?a=1&b=2", "host")).toBeUndefined();
    expect(rule("ping_host", { host: "127.0.0.1& FOR %a IN (1) DO cmd" })).toBe("shell.injection");
    expect(rule("ping_host", { host: "db.internal.example.com" })).toBeUndefined();
  });
});

describe("path.traversal: a relative `..` that stays inside its start", () => {
  const lists = sensitiveLists();
  const asSent = (p: string) => checkPath(p, lists, [], true);

  it("passes a relative path that climbs back into itself", () => {
    expect(asSent("src/../package.json")).toBeUndefined();
    expect(asSent("./docs/../README.md")).toBeUndefined();
    expect(asSent("a/b/../c/../d.txt")).toBeUndefined();
    expect(rule("read_file", { path: "packages/app/../lib/index.ts" })).toBeUndefined();
  });

  it("blocks a climb above the start, any `..` variant, absolute and Windows spellings", () => {
    for (const p of [
      "src/../../etc/hosts",
      "a/./../../x",
      "./../x",
      "static/..;/WEB-INF/web.xml",
      "static/....//....//x",
      "/var/www/html/../../../home/u/x.txt",
      "~/../root/x",
      "uploads\\..\\boot.ini",
      "C:/inetpub/../windows/win.ini",
    ])
      expect(asSent(p), p).toBe("path.traversal");
  });

  it("blocks an in-start `..` that lands on a system name, a web app's secrets or a parent", () => {
    expect(asSent("uploads/../etc/passwd")).toBe("path.traversal");
    expect(asSent("uploads/../.htaccess")).toBe("path.traversal");
    expect(asSent("uploads/../WEB-INF/web.xml")).toBe("path.traversal");
    expect(asSent("uploads/..")).toBe("path.traversal");
    // Leaving a directory of served or uploaded content, whatever is read next.
    expect(asSent("uploads/../index.php")).toBe("path.traversal");
    expect(asSent("static/../app.py")).toBe("path.traversal");
    expect(asSent("src/../app.py")).toBeUndefined();
  });

  it("blocks a `..` that only appears once decoded or normalised", () => {
    expect(rule("read_file", { path: "uploads/%2e%2e/boot.ini" })).toBe("path.traversal");
    expect(rule("read_file", { path: "uploads/%c0%2e%c0%2e/x" })).toBe("path.traversal");
    expect(rule("read_file", { path: "uploads/．．/x" })).toBe("path.traversal");
  });
});

describe("shell.injection: more spellings of the injected command", () => {
  it("finds escaped, assigned, home- and drive-path, cmdlet and .exe command words", () => {
    for (const v of [
      "photo.png;\\id",
      "photo.png& wh^oami",
      "photo.png; x=1 id",
      "photo.png;IFS=,;cat,/etc/hosts",
      "photo.png;~/bin/x",
      "photo.png& C:\\Windows\\System32\\whoami.exe",
      "photo.png& cmd.exe /c whoami",
      "photo.png;Get-Process",
      "photo.png >(id)",
      "photo.png& netsh firewall set opmode disable",
      "photo.png`sysinfo`",
    ])
      expect(findInjectedCommand(v), v).toBeDefined();
    for (const v of ["R&D/plan.md", "a=b;c=d.txt", "notes; Get ready.md", "C:\\new\\notes.txt"])
      expect(findInjectedCommand(v), v).toBeUndefined();
  });

  it("reads a written `\\n` as a line break in hosts and in paths without other backslashes", () => {
    expect(findInjectedCommand("127.0.0.1\\nid", "host")).toBeDefined();
    expect(findInjectedCommand("photo.png\\n/usr/bin/id\\n")).toBeDefined();
    expect(findInjectedCommand("reports\\nid\\2020.csv")).toBeUndefined();
    expect(findInjectedCommand("C:\\new\\id")).toBeUndefined();
  });

  it("counts `;` and `|` before a URL's query, not `&` or anything in the query", () => {
    expect(findInjectedCommand("https://example.com/a;id", "url")).toBeDefined();
    expect(findInjectedCommand("https://example.com/a|id", "url")).toBeDefined();
    expect(findInjectedCommand("https://example.com/a;jsessionid=1", "url")).toBeUndefined();
    expect(findInjectedCommand("https://example.com/a&id", "url")).toBeUndefined();
    expect(
      findInjectedCommand("https://fonts.example/css?family=Roboto|Open+Sans", "url"),
    ).toBeUndefined();
  });
});
