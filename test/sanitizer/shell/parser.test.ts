import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../../src/config/limits.js";
import { sanitizeCheck } from "../../../src/pipeline/checks/sanitize.js";
import type { Context, Verdict } from "../../../src/pipeline/types.js";
import { DEFAULT_SANITIZER_CONFIG } from "../../../src/sanitizer/config.js";
import {
  loadShellParser,
  resetShellParserForTest,
  shellParserReady,
} from "../../../src/sanitizer/shell/parser.js";
import { readFrame } from "../../../src/session/read-frame.js";

const ctx: Context = {
  principal: { id: "t", roles: new Set() },
  limits: DEFAULT_LIMITS,
  now: () => 0,
  tools: new Map(),
};
function call(args: unknown) {
  const msg = {
    jsonrpc: "2.0",
    id: 1,
    method: "tools/call",
    params: { name: "run_command", arguments: args },
  };
  const read = readFrame(Buffer.from(JSON.stringify(msg)), "client-to-server");
  if (!("frame" in read)) throw new Error("not a frame");
  return read.frame;
}

// This file owns the module's parser state: it starts unloaded, and is left unloaded for the
// next file of the worker (test files share modules: vitest.config.ts, isolate: false).
describe("the bash parser's lifecycle", () => {
  beforeAll(() => resetShellParserForTest());
  afterAll(() => resetShellParserForTest());

  it("a command met before the parser is ready waits for it (Promise verdict), then is judged", async () => {
    expect(shellParserReady()).toBe(false);
    const check = sanitizeCheck({ getConfig: () => DEFAULT_SANITIZER_CONFIG });
    const pending = check.inspect(call({ command: "npm test && rm -rf ~" }), ctx);
    expect(pending).toBeInstanceOf(Promise);
    const v = (await pending) as Verdict;
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.error.data.rule).toBe("shell.destructive");
    expect(shellParserReady()).toBe(true);
    // now synchronous, and ordinary compound commands pass
    expect(check.inspect(call({ command: "npm ci && npm test" }), ctx)).toEqual({ ok: true });
  });

  it("values that are not commands never wait for the parser", () => {
    resetShellParserForTest();
    const check = sanitizeCheck({ getConfig: () => DEFAULT_SANITIZER_CONFIG });
    const v = check.inspect(call({ path: "src/index.ts", url: "https://example.com/" }), ctx);
    expect(v).toEqual({ ok: true });
  });

  it("fails closed when the parser cannot be loaded", async () => {
    resetShellParserForTest({ failWith: "wasm missing" });
    const check = sanitizeCheck({ getConfig: () => DEFAULT_SANITIZER_CONFIG });
    const v = (await check.inspect(call({ command: "npm test" }), ctx)) as Verdict;
    expect(v.ok).toBe(false);
    if (!v.ok) {
      expect(v.error.data.rule).toBe("shell.parser-unavailable");
      expect(v.error.data.reason).toContain("wasm missing");
    }
    resetShellParserForTest();
    await loadShellParser();
    expect(shellParserReady()).toBe(true);
  });
});
