import { describe, expect, it } from "vitest";
import type { ClientReply } from "../../src/approval/channel.js";
import { LateChannel } from "../../src/approval/channel.js";
import { ApprovalGate, supportsFormElicitation } from "../../src/approval/gate.js";
import { approvalMessage } from "../../src/approval/prompt.js";
import { approvalCaptureCheck } from "../../src/pipeline/checks/approval-capture.js";
import { contextOf, frameOf, memoryReporter } from "../inspect/helpers.js";

const call = frameOf(
  {
    jsonrpc: "2.0",
    id: 1,
    method: "tools/call",
    params: { name: "delete_file", arguments: { path: "/tmp/x" } },
  },
  "client-to-server",
);
const init = (capabilities: unknown) =>
  frameOf(
    {
      jsonrpc: "2.0",
      id: 0,
      method: "initialize",
      params: {
        protocolVersion: "2025-11-25",
        capabilities,
        clientInfo: { name: "c", version: "1" },
      },
    },
    "client-to-server",
  );

function setup(
  reply: ClientReply | (() => ClientReply),
  capabilities: unknown = { elicitation: {} },
) {
  const asked: Array<{ method: string; params: Record<string, unknown> }> = [];
  const channel = {
    requestClient: async (method: string, params: Record<string, unknown>) => {
      asked.push({ method, params });
      return typeof reply === "function" ? reply() : reply;
    },
  };
  const reporter = memoryReporter();
  const gate = new ApprovalGate({ channel, timeoutMs: 1000, reporter });
  approvalCaptureCheck({ gate }).inspect(init(capabilities), contextOf());
  return { gate, asked, reporter };
}

describe("ApprovalGate", () => {
  it("forwards only on accept with approve: true, after showing the tool and its arguments", async () => {
    const { gate, asked, reporter } = setup({
      kind: "result",
      result: { action: "accept", content: { approve: true } },
    });
    expect(await gate.ask(call, contextOf(), "rule x")).toEqual({ ok: true });
    expect(asked[0]?.method).toBe("elicitation/create");
    expect(String(asked[0]?.params.message)).toContain('tool "delete_file"');
    expect(String(asked[0]?.params.message)).toContain('"path": "/tmp/x"');
    expect(reporter.records[0]).toMatchObject({
      check: "approval",
      decision: "allow",
      tool: "delete_file",
    });
  });

  for (const [name, reply] of [
    ["decline", { kind: "result", result: { action: "decline" } }],
    ["cancel", { kind: "result", result: { action: "cancel" } }],
    [
      "accept without approve",
      { kind: "result", result: { action: "accept", content: { approve: false } } },
    ],
    ["a timeout", { kind: "timeout" }],
    ["an error", { kind: "error", error: { code: -32601, message: "nope" } }],
  ] as Array<[string, ClientReply]>) {
    it(`refuses on ${name}`, async () => {
      const { gate, reporter } = setup(reply);
      const v = await gate.ask(call, contextOf(), "rule x");
      expect(v).toMatchObject({ ok: false, error: { code: -32018, data: { check: "approval" } } });
      expect(reporter.records[0]?.decision).toBe("deny");
    });
  }

  it("refuses without asking when the client has no elicitation capability", async () => {
    const { gate, asked } = setup(
      { kind: "result", result: { action: "accept", content: { approve: true } } },
      {},
    );
    const v = await gate.ask(call, contextOf(), "rule x");
    expect(v).toMatchObject({ ok: false });
    expect(JSON.stringify(v)).toContain("did not declare the elicitation capability");
    expect(asked).toHaveLength(0);
  });

  it("refuses when no session is bound (never an auto-allow)", async () => {
    const gate = new ApprovalGate({
      channel: new LateChannel(),
      timeoutMs: 10,
      reporter: memoryReporter(),
    });
    gate.setClientCapabilities({ elicitation: {} });
    expect(await gate.ask(call, contextOf(), "r")).toMatchObject({ ok: false });
  });
});

describe("approval helpers", () => {
  it("knows which capabilities allow a form", () => {
    expect(supportsFormElicitation({ elicitation: {} })).toBe(true);
    expect(supportsFormElicitation({ elicitation: { form: {}, url: {} } })).toBe(true);
    expect(supportsFormElicitation({ elicitation: { url: {} } })).toBe(false);
    expect(supportsFormElicitation({})).toBe(false);
  });
  it("shows hidden characters removed and credentials masked", () => {
    const m = approvalMessage("send", {
      to: "a@b.c\u200b\u202e",
      token: `ghp_${"a1B2c3D4e5".repeat(3)}xYz123`,
    });
    expect(m).not.toMatch(/[\u200b\u202e]/);
    expect(m).toContain("2 hidden character(s) removed");
    expect(m).toContain("credentials masked: github-token");
  });
});
