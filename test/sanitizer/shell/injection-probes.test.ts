import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { rule } from "../blocked-rule.js";
import { argv, cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("shell.injection: Shellshock values (CVE-2014-6271)", () => {
  it("blocks a bash function with commands after it, as a setting, a word or a header", () => {
    expect(cmd("env x='() { :;}; echo vulnerable' bash -c 'echo test'")).toBe("shell.injection");
    expect(cmd("X='() { :; }; /bin/id' bash -c true")).toBe("shell.injection");
    expect(cmd("curl -A '() { :;}; /bin/bash -c id' http://target/cgi-bin/test.cgi")).toBe(
      "shell.injection",
    );
    expect(cmd("curl -H 'User-Agent: () { :; }; /bin/cat /etc/passwd' http://t/")).toBe(
      "shell.injection",
    );
    expect(argv("curl", "-H", "Referer: (){ :;}; ping -c 1 x.example", "http://t/")).toBe(
      "shell.injection",
    );
    expect(
      rule("http_request", {
        url: "http://t/cgi-bin/status",
        headers: { "User-Agent": '() { :;}; /bin/bash -c "id"' },
      }),
    ).toBe("shell.injection");
    expect(rule("run", { command: "./app", env: { X: "() { :;}; id" } })).toBe("shell.injection");
  });

  it("passes functions defined and called in a script, and prose that quotes the payload", () => {
    expect(cmd("f() { echo hi; }; f")).toBeUndefined();
    expect(cmd("cleanup() { rm -rf ./tmp; }; trap cleanup EXIT; npm test")).toBeUndefined();
    expect(
      rule("create_note", { title: "Shellshock", body: "The payload () { :;}; echo was famous." }),
    ).toBeUndefined();
    expect(
      rule("http_request", { url: "http://t/", headers: { "User-Agent": "curl/8.5.0" } }),
    ).toBe(undefined);
  });
});

describe("shell.probe: a ping of this machine that only waits, chained to other commands", () => {
  it("blocks the delays of time-based blind injection", () => {
    expect(cmd("npm test & ping -i 30 127.0.0.1 &")).toBe("shell.probe");
    expect(cmd("make | ping -n 21 127.0.0.1")).toBe("shell.probe");
    expect(cmd("git status; ping -c 10 localhost")).toBe("shell.probe");
  });

  it("passes a ping on its own, of another host, or a short one", () => {
    expect(cmd("ping -c 20 127.0.0.1")).toBeUndefined();
    expect(cmd("npm ci && ping -c 3 8.8.8.8")).toBeUndefined();
    expect(cmd("ping -n 6 127.0.0.1 > nul && start app")).toBeUndefined();
    expect(cmd("docker compose up -d && ping -c 3 localhost")).toBeUndefined();
  });
});

describe("shell.obfuscation: an encoded line break before a command inside a word", () => {
  it("blocks %0A / %0D (once or twice encoded) followed by a command", () => {
    expect(cmd("npm test%0Aid")).toBe("shell.obfuscation");
    expect(cmd("git status%250acat%2520/etc/passwd")).toBe("shell.obfuscation");
    expect(cmd("make build%0D%0A./deploy.sh")).toBe("shell.obfuscation");
  });

  it("passes encoded breaks in URLs and form data, and format strings", () => {
    expect(cmd('curl -d "text=a%0Ab" https://api.example.com')).toBeUndefined();
    expect(cmd("curl 'https://x.example/search?q=a%0Ab'")).toBeUndefined();
    expect(cmd("date +%Y-%m-%d && echo 100%0A")).toBeUndefined();
    expect(cmd("ffmpeg -i frame%03d.png out.mp4")).toBeUndefined();
  });
});

describe("linear on long runs (no backtracking blow-up)", () => {
  it("judges long runs of encoded breaks and blanks, and long words before a URL, in well under a second", () => {
    // Commands stay under the parser's 64 KiB limit, so the word rules do run on them.
    const values: Array<Record<string, unknown>> = [
      { command: `echo x${"%0a".repeat(20_000)}!` },
      { command: `echo x${"%20".repeat(10_000)}${"%0a".repeat(10_000)}!` },
      { command: `echo ${"a".repeat(60_000)} x://y?z=1` },
      { argv: ["echo", `${"a".repeat(300_000)} x://y?z=1`] },
      { argv: ["echo", `x${"%0a".repeat(100_000)}!`] },
    ];
    for (const args of values) {
      const t0 = performance.now();
      rule("run_command", args);
      expect(performance.now() - t0, JSON.stringify(args).slice(0, 40)).toBeLessThan(1000);
    }
  });
});
