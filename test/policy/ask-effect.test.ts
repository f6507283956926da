import { describe, expect, it } from "vitest";
import { policyCheck } from "../../src/pipeline/checks/policy.js";
import { contextOf, frameOf } from "../inspect/helpers.js";
import { callTool, engineOf, who } from "./helpers.js";

const engine = engineOf({
  version: "1",
  principals: {
    dev: {
      roles: ["dev"],
      tools: [
        { pattern: "*", actions: ["read", "execute"] },
        { pattern: "delete_*", actions: ["execute"], effect: "ask" },
        { pattern: "delete_root", actions: ["execute"], effect: "deny" },
        { pattern: "fs:write_*", actions: ["execute"], effect: "ask" },
      ],
    },
  },
});
const dev = who("dev");

describe("rule effect ask", () => {
  it("overrides allow, and deny overrides it", () => {
    expect(callTool(engine, dev, "delete_file")).toBe("ask");
    expect(callTool(engine, dev, "delete_root")).toBe("deny");
    expect(callTool(engine, dev, "read_file")).toBe("allow");
  });

  it("keeps the tool listed (the approval happens at the call)", () => {
    const d = engine.evaluate({
      principal: dev,
      action: "execute",
      target: { kind: "tool", name: "delete_file" },
      listing: true,
    });
    expect(d.effect).toBe("ask");
  });

  it("is not widened like a deny when the server name is unknown", () => {
    expect(callTool(engine, dev, "write_file")).toBe("allow");
    expect(callTool(engine, dev, "write_file", {}, "fs")).toBe("ask");
  });

  it("is validated: an unknown effect is refused", () => {
    expect(() =>
      engineOf({
        version: "1",
        principals: { x: { tools: [{ pattern: "a", actions: ["execute"], effect: "maybe" }] } },
      }),
    ).toThrow();
  });
});

describe("policy check with ask", () => {
  const call = (name: string) =>
    frameOf(
      { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: { path: "/x" } } },
      "client-to-server",
    );

  it("refuses with -32018 when there is no way to ask (never an auto-allow)", () => {
    const v = policyCheck({ engine }).inspect(call("delete_file"), {
      ...contextOf(),
      principal: dev,
    });
    expect(v).toMatchObject({ ok: false, error: { code: -32018, data: { check: "approval" } } });
  });

  it("asks even in monitor mode and returns the approver's verdict", async () => {
    const asked: string[] = [];
    const check = policyCheck({
      engine,
      monitor: true,
      approve: async (frame, _ctx, why) => {
        asked.push(`${frame.tool} ${why}`);
        return { ok: true };
      },
    });
    expect(await check.inspect(call("delete_file"), { ...contextOf(), principal: dev })).toEqual({
      ok: true,
    });
    expect(asked).toEqual(["delete_file rule principals.dev.tools[1]"]);
    // Plain allows are not asked about; the pass names the rule that allowed it.
    expect(await check.inspect(call("read_file"), { ...contextOf(), principal: dev })).toEqual({
      ok: true,
      rule: "principals.dev.tools[0]",
    });
    expect(asked).toHaveLength(1);
  });
});
