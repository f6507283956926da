import { describe, expect, it } from "vitest";
import { compileSanitizer } from "../../src/sanitizer/compile.js";
import { SanitizerConfigSchema } from "../../src/sanitizer/config.js";
import { mayJudgeCommands } from "../../src/sanitizer/foresee.js";

const compiled = compileSanitizer(SanitizerConfigSchema.parse({}));
const tool = (name: string, properties: Record<string, unknown>, description = "") => ({
  name,
  description,
  inputSchema: { type: "object", properties },
});
const str = (description = "") => ({ type: "string", description });

describe("mayJudgeCommands: which listed tools need the bash parser", () => {
  it.each([
    ["a command field", tool("run", { command: str() })],
    ["a cmd field of any tool", tool("do_it", { cmd: str() })],
    ["a tool named after a shell", tool("bash", { input: str() })],
    ["a shell tool's script", tool("terminal", { script: str() })],
    [
      "a description that says it runs shell commands",
      tool("go", { x: str() }, "Runs shell commands in the workspace"),
    ],
    [
      "a field described as a shell command",
      tool("job", { input: str("The shell command to execute") }),
    ],
    ["an argv", tool("exec", { argv: { type: "array", items: str() } })],
    ["a tool named after a program", tool("git", { args: { type: "array", items: str() } })],
    [
      "a nested command field",
      tool("deploy", { step: { type: "object", properties: { command: str() } } }),
    ],
  ])("yes: %s", (_, t) => {
    expect(mayJudgeCommands(compiled, t)).toBe(true);
  });

  it.each([
    ["an echo", tool("echo", { message: str() })],
    ["a file read", tool("read_file", { path: str("Path of the file") })],
    ["a search", tool("search", { query: str(), limit: { type: "number" } })],
    ["a fetch", tool("fetch", { url: str() })],
    ["no schema", { name: "ping" }],
    ["no name", { inputSchema: { properties: { command: str() } } }],
  ])("no: %s", (_, t) => {
    expect(mayJudgeCommands(compiled, t)).toBe(false);
  });

  it("follows the policy's field kinds", () => {
    const c = compileSanitizer(
      SanitizerConfigSchema.parse({ tools: { deploy: { fields: { recipe: "command" } } } }),
    );
    const t = tool("deploy", { recipe: str() });
    expect(mayJudgeCommands(c, t)).toBe(true);
    expect(mayJudgeCommands(compiled, t)).toBe(false);
  });

  it("reads a bounded part of a huge schema", () => {
    const properties: Record<string, unknown> = {};
    for (let i = 0; i < 5000; i++) properties[`f${i}`] = str();
    properties.command = str();
    // The command field lies past the bound: "no", which costs only a wait at the first call.
    expect(mayJudgeCommands(compiled, tool("big", properties))).toBe(false);
  });
});
