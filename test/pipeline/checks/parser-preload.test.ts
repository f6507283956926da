import { beforeAll, describe, expect, it, vi } from "vitest";
import { ctxOf, frameOf } from "./frames.js";

// The parser is a module-wide singleton and test files share modules (isolate: false):
// fresh copies of the modules, so that it starts unloaded here whatever ran before.
let parserPreloadCheck: typeof import("../../../src/pipeline/checks/parser-preload.js").parserPreloadCheck;
let sanitizerSource: typeof import("../../../src/pipeline/checks/sanitizer-source.js").sanitizerSource;
let SanitizerConfigSchema: typeof import("../../../src/sanitizer/config.js").SanitizerConfigSchema;
let shellParserStatus: typeof import("../../../src/sanitizer/shell/parser.js").shellParserStatus;
beforeAll(async () => {
  vi.resetModules();
  ({ parserPreloadCheck } = await import("../../../src/pipeline/checks/parser-preload.js"));
  ({ sanitizerSource } = await import("../../../src/pipeline/checks/sanitizer-source.js"));
  ({ SanitizerConfigSchema } = await import("../../../src/sanitizer/config.js"));
  ({ shellParserStatus } = await import("../../../src/sanitizer/shell/parser.js"));
});

const list = (tools: unknown[]) =>
  frameOf(
    `{"jsonrpc":"2.0","id":1,"result":{"tools":${JSON.stringify(tools)}}}`,
    "server-to-client",
    {
      method: "tools/list",
    },
  );
const ctx = ctxOf({ id: "u", roles: new Set() });
const echo = {
  name: "echo",
  inputSchema: { type: "object", properties: { message: { type: "string" } } },
};
const shell = {
  name: "run_command",
  inputSchema: { type: "object", properties: { command: { type: "string" } } },
};

describe("parserPreloadCheck: the bash parser loads when a listed tool needs it", () => {
  it("leaves it unloaded for tools without commands, and while the sanitizer is off", async () => {
    const on = parserPreloadCheck({
      sanitizer: sanitizerSource(() => SanitizerConfigSchema.parse({})),
    });
    const off = parserPreloadCheck({
      sanitizer: sanitizerSource(() => SanitizerConfigSchema.parse({ enabled: false })),
    });
    expect(await on.inspect(list([echo]), ctx)).toEqual({ ok: true });
    expect(await off.inspect(list([shell]), ctx)).toEqual({ ok: true });
    // Another method's answer listing the same tools starts nothing either.
    const other = frameOf(
      `{"jsonrpc":"2.0","id":2,"result":{"tools":${JSON.stringify([shell])}}}`,
      "server-to-client",
      { method: "resources/list" },
    );
    await on.inspect(other, ctx);
    expect(shellParserStatus()).toBe("idle");
  });

  it("starts the load on a list with a command tool, and passes the list unchanged", async () => {
    const check = parserPreloadCheck({
      sanitizer: sanitizerSource(() => SanitizerConfigSchema.parse({})),
    });
    const frame = list([echo, shell]);
    expect(await check.inspect(frame, ctx)).toEqual({ ok: true });
    expect(shellParserStatus()).not.toBe("idle");
    await vi.waitFor(() => expect(shellParserStatus()).toBe("ready"), { timeout: 10_000 });
  });

  it("keeps only tools/list answers off the fast path", () => {
    const check = parserPreloadCheck({ sanitizer: () => undefined });
    const view = (method: string) => ({ bytes: 10, depth: 2, inReplyTo: { method }, strings: [] });
    expect(check.passesClean?.(view("tools/call"), ctx)).toBe(true);
    expect(check.passesClean?.(view("tools/list"), ctx)).toBe(false);
  });
});
