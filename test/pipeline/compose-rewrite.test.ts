import { describe, expect, it } from "vitest";
import { compose } from "../../src/pipeline/compose.js";
import type { Check, Frame } from "../../src/pipeline/types.js";
import { contextOf, frameOf } from "../inspect/helpers.js";

const rewrite: Check = {
  name: "rewrite",
  inspect: (f) => ({ ok: true, frame: { ...f, raw: Buffer.from("rewritten") } as Frame }),
};
const asyncPass: Check = { name: "async", inspect: async () => ({ ok: true }) };

describe("compose with rewriting checks", () => {
  // Regression: a frame rewritten by an async check was compared with itself after the
  // await, so the pipeline reported "unchanged" and the original bytes were forwarded.
  it("keeps a frame rewritten by an async check before later checks", async () => {
    const f = frameOf({ jsonrpc: "2.0", method: "x" }, "server-to-client");
    const asyncRewrite: Check = {
      name: "ar",
      inspect: async (fr) => rewrite.inspect(fr, contextOf()),
    };
    const out = await compose([asyncRewrite, asyncPass])(f, contextOf());
    expect(out.verdict.ok && out.verdict.frame?.raw.toString()).toBe("rewritten");
  });
  it("keeps a frame rewritten synchronously before an async check", async () => {
    const f = frameOf({ jsonrpc: "2.0", method: "x" }, "server-to-client");
    const out = await compose([rewrite, asyncPass])(f, contextOf());
    expect(out.verdict.ok && out.verdict.frame?.raw.toString()).toBe("rewritten");
  });
  it("reports no frame when nothing rewrote", async () => {
    const f = frameOf({ jsonrpc: "2.0", method: "x" }, "server-to-client");
    const out = await compose([asyncPass, asyncPass])(f, contextOf());
    expect(out.verdict).toEqual({ ok: true });
  });
});
