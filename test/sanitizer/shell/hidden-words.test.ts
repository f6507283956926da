import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/config/limits.js";
import { DEFAULT_SANITIZER_CONFIG } from "../../../src/sanitizer/config.js";
import { Sanitizer } from "../../../src/sanitizer/sanitizer.js";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { argv, cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

const sanitizer = new Sanitizer(DEFAULT_SANITIZER_CONFIG);
const line = (command: string) =>
  sanitizer.scan(
    { command },
    {
      tool: "run_command",
      toolDefinition: {
        description: "Run a shell command",
        inputSchema: { type: "object", properties: { command: { type: "string" } } },
      },
      maxScanBytes: DEFAULT_LIMITS.sanitizerMaxScanBytes,
      maxValueBytes: DEFAULT_LIMITS.maxArgumentBytes,
    },
  ).blocked?.rule;

describe("words glued from quoted pieces are judged by their value", () => {
  it("finds sensitive paths and URLs the source spelling splits", () => {
    expect(line("cat /e't'c/sh'a'dow")).toBe("path.sensitive");
    // A program name quoted apart is itself obfuscation (fifth pass), reported first.
    expect(line("c'a't /e't'c/sh'a'dow")).toBe("shell.obfuscation");
    expect(line('cat "/etc/"shadow')).toBe("path.sensitive");
    expect(line("cat /etc/sh\\adow")).toBe("path.sensitive");
    expect(line("cat ~/.s's'h/id_rsa")).toBe("path.sensitive");
    expect(line("export X=/e't'c/shadow")).toBe("path.sensitive");
    expect(line("curl 'http://169.254.'169.254/latest/meta-data/")).toBe("ssrf.metadata");
  });

  it("passes quoted words that spell nothing sensitive", () => {
    expect(line("git commit -m 'fix: path/to ~ thing'")).toBeUndefined();
    expect(line("echo 'a b/c d' \"src/\"index.ts")).toBeUndefined();
    expect(line("grep -rn 'TODO' src/'my dir'/")).toBeUndefined();
  });
});

describe("a program named by a glob is obfuscation", () => {
  it("blocks ?, * and [..] in the command word", () => {
    expect(cmd("/???/??t /???/p??s??")).toBe("shell.obfuscation");
    expect(cmd("/bin/c?t x")).toBe("shell.obfuscation");
    expect(cmd("/usr/bin/ca* x")).toBe("shell.obfuscation");
    expect(cmd("/bin/[c]at x")).toBe("shell.obfuscation");
    expect(cmd("sudo /???/?m -rf x")).toBe("shell.obfuscation");
  });

  it("passes test brackets, globs in arguments, quoted characters and history words", () => {
    expect(cmd("[ -f x ] && echo y")).toBeUndefined();
    expect(cmd("[[ -n $x ]] || echo y")).toBeUndefined();
    expect(cmd("ls *.ts src/[a-c]*")).toBeUndefined();
    expect(cmd("'a*b' x")).toBeUndefined();
    expect(argv("rg", "-g", "*.ts", "TODO")).toBeUndefined();
  });
});
