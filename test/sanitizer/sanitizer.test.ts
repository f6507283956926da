import { beforeAll, describe, expect, it } from "vitest";
import { type SanitizerConfigInput, SanitizerConfigSchema } from "../../src/sanitizer/config.js";
import { excerptOf, Sanitizer, type ScanOptions } from "../../src/sanitizer/sanitizer.js";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";

// Command values are judged on a bash syntax tree; the parser loads asynchronously.
beforeAll(() => loadShellParser());

const LIMITS = { maxScanBytes: 1 << 20, maxValueBytes: 8 << 20 };
const make = (config: SanitizerConfigInput = {}) =>
  new Sanitizer(SanitizerConfigSchema.parse(config));
const scan = (args: unknown, o: Partial<ScanOptions> = {}, config: SanitizerConfigInput = {}) =>
  make(config).scan(args, { ...LIMITS, ...o });

describe("Sanitizer.scan", () => {
  it("names the rule and the JSON path of the offending value", () => {
    const r = scan({ files: [{ path: "ok.txt" }, { path: "../../etc/passwd" }] });
    expect(r.blocked).toMatchObject({
      rule: "path.traversal",
      path: "$.files[1].path",
      inKey: false,
    });
  });

  it("scans object keys with the kind of the object that holds them", () => {
    const r = scan({ path: { "../../etc/passwd": 1 } });
    expect(r.blocked).toMatchObject({ rule: "path.traversal", inKey: true });
    expect(r.blocked?.path).toBe('$.path["../../etc/passwd"]');
  });

  it("reads a lone `argv` array as program and arguments (execve order)", () => {
    expect(scan({ argv: ["strace", "-o", "/dev/null", "/bin/sh"] }).blocked).toMatchObject({
      rule: "shell.shell-escape",
      path: "$.argv",
    });
    expect(scan({ argv: ["rg", "-n", "TODO|FIXME", "src"] }).blocked).toBeUndefined();
    // `args` without a program is not an argv: its first element is no program.
    expect(scan({ args: ["-o", "/dev/null", "/bin/sh"] }).blocked).toBeUndefined();
  });

  it("never scans free-text fields for shell syntax", () => {
    const content = "#!/bin/sh\nrm -rf /tmp/x; echo $(date) | tee `log` && ../../etc/passwd\n";
    expect(scan({ path: "run.sh", content }).blocked).toBeUndefined();
  });

  it("uses the tool's inputSchema when the key says nothing", () => {
    const toolDefinition = {
      name: "analyze",
      inputSchema: {
        type: "object",
        properties: { resource: { type: "string", description: "URL of the page" } },
      },
    };
    expect(
      scan({ resource: "http://127.0.0.1/" }, { tool: "analyze", toolDefinition }).blocked?.rule,
    ).toBe("ssrf.internal-address");
    expect(scan({ resource: "http://127.0.0.1/" }, { tool: "analyze" }).blocked?.rule).toBe(
      "ssrf.internal-address", // still caught as a URL-looking value of unknown kind
    );
  });

  it("lets the policy set a field's kind per tool, by key or dotted path", () => {
    const config = {
      tools: { "run_*": { fields: { script: "command" as const, "jobs.*.cmd": "text" as const } } },
    };
    expect(scan({ script: "ls; rm -rf /" }, { tool: "run_job" }, config).blocked?.rule).toBe(
      "shell.destructive",
    );
    expect(
      scan({ jobs: [{ cmd: "ls; rm -rf /" }] }, { tool: "run_job" }, config).blocked,
    ).toBeUndefined();
    expect(scan({ jobs: [{ cmd: "ls; rm -rf /" }] }, { tool: "other" }, config).blocked?.rule).toBe(
      "shell.destructive",
    );
  });

  it("reports monitor-only rules without blocking, and skips rules that are off", () => {
    const r = scan(
      { url: "http://10.0.0.1/" },
      {},
      { rules: { "ssrf.internal-address": "monitor" } },
    );
    expect(r.blocked).toBeUndefined();
    expect(r.monitored).toMatchObject([{ rule: "ssrf.internal-address", mode: "monitor" }]);
    const off = scan(
      { url: "http://10.0.0.1/" },
      {},
      { rules: { "ssrf.internal-address": "off" } },
    );
    expect(off).toMatchObject({ monitored: [] });
    expect(off.blocked).toBeUndefined();
  });

  it("refuses, rather than passes, what is beyond the scan cap", () => {
    const r = scan({ paths: ["a".repeat(600), "b".repeat(600)] }, { maxScanBytes: 1000 });
    expect(r.blocked).toMatchObject({ rule: "limit.scan-bytes", path: "$.paths[1]" });
  });

  it("does not count free text against the scan cap", () => {
    expect(scan({ content: "x".repeat(5000) }, { maxScanBytes: 1000 }).blocked).toBeUndefined();
  });

  it("refuses one value larger than the argument limit, free text included", () => {
    const r = scan({ content: "x".repeat(2000) }, { maxValueBytes: 1000 });
    expect(r.blocked).toMatchObject({ rule: "limit.value-bytes", path: "$.content" });
  });

  it("remembers clean keys per kind only: a key clean in one place is still judged in another", () => {
    const s = make();
    const o = { ...LIMITS };
    // "../../etc/passwd" as a key of free text passes (text is never scanned)...
    expect(s.scan({ message: { "../../etc/passwd": 1 } }, o).blocked).toBeUndefined();
    // ...and is still refused as a key of a path object, also when scanned again.
    for (let i = 0; i < 2; i++) {
      expect(s.scan({ path: { "../../etc/passwd": 1 } }, o).blocked?.rule).toBe("path.traversal");
    }
    // A clean key seen before does not hide a bad value under it.
    expect(s.scan({ path: { dir: "x" } }, o).blocked).toBeUndefined();
    expect(s.scan({ path: { dir: "../../etc/passwd" } }, o).blocked?.rule).toBe("path.traversal");
  });

  it("names the deep path of a finding", () => {
    const r = scan({ a: [{ b: { "weird key": ["ok", "../../etc/passwd"] } }] }, {}, {});
    expect(r.blocked).toMatchObject({ rule: "path.traversal" });
    expect(r.blocked?.path).toMatch(/^\$\.a\[0\]\.b\["weird key"\]\[1\]$/);
  });

  it("walks deep structures without recursion", () => {
    let deep: unknown = { path: "/etc/shadow" };
    for (let i = 0; i < 20_000; i++) deep = { a: deep };
    expect(scan(deep).blocked?.rule).toBe("path.sensitive");
  });

  it("passes arguments of every JSON type it need not look at", () => {
    expect(scan({ n: 1, b: true, z: null, list: [1, 2, { ok: "fine" }] }).blocked).toBeUndefined();
    expect(scan(undefined).blocked).toBeUndefined();
  });
});

describe("excerptOf", () => {
  it("truncates and escapes, never echoing a whole value", () => {
    const e = excerptOf(`../../${"x".repeat(1000)}`);
    expect(e.length).toBeLessThan(60);
    expect(e.endsWith('…"')).toBe(true);
    expect(excerptOf("a\u0000b\u202E")).toBe('"a\\u0000b\\u202e"');
  });
});
