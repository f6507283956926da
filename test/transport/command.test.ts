import { describe, expect, it } from "vitest";
import { CommandLineError, splitCommandLine } from "../../src/transport/command.js";

describe("splitCommandLine", () => {
  it("splits like a shell: quotes keep paths with spaces together", () => {
    expect(
      splitCommandLine(`npx @modelcontextprotocol/server-filesystem "/tmp/my dir" '/a b'`, "linux"),
    ).toEqual(["npx", "@modelcontextprotocol/server-filesystem", "/tmp/my dir", "/a b"]);
  });

  it("keeps $VARS and globs literal: no shell runs", () => {
    expect(splitCommandLine("server $HOME *.js", "linux")).toEqual(["server", "$HOME", "*.js"]);
  });

  it("refuses shell operators instead of running a shell", () => {
    expect(() => splitCommandLine("server; rm -rf /", "linux")).toThrow(CommandLineError);
    expect(() => splitCommandLine("a | b", "linux")).toThrow(/without a shell/);
  });

  it("treats backslashes as path separators on Windows", () => {
    expect(splitCommandLine(`node "C:\\Program Files\\srv\\index.js" C:\\data`, "win32")).toEqual([
      "node",
      "C:\\Program Files\\srv\\index.js",
      "C:\\data",
    ]);
  });

  it("refuses an empty command", () => {
    expect(() => splitCommandLine("   ", "linux")).toThrow(/empty/);
  });
});
