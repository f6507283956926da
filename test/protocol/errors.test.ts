import { describe, expect, it } from "vitest";
import {
  AegisError,
  ErrorCode,
  PolicyDeniedError,
  protocolErrorReply,
  toReply,
} from "../../src/protocol/errors.js";

describe("toReply", () => {
  const err = new PolicyDeniedError('may not call tool "rm"');

  it("answers a blocked tools/call with an isError result the model can read", () => {
    const reply = JSON.parse(toReply(err, "7", "tools/call"));
    expect(reply).toMatchObject({
      jsonrpc: "2.0",
      id: 7,
      result: {
        isError: true,
        content: [{ type: "text", text: 'Blocked by mcp-aegis (policy): may not call tool "rm"' }],
      },
    });
    expect(reply.result._meta["mcp-aegis/blocked"]).toMatchObject({
      code: ErrorCode.PolicyDenied,
      check: "policy",
    });
  });

  it("answers other methods with a JSON-RPC error carrying data {check, reason}", () => {
    const reply = JSON.parse(toReply(err, '"abc"', "resources/read"));
    expect(reply).toEqual({
      jsonrpc: "2.0",
      id: "abc",
      error: {
        code: ErrorCode.PolicyDenied,
        message: 'may not call tool "rm"',
        data: { check: "policy", reason: 'may not call tool "rm"' },
      },
    });
  });

  it("writes the id token byte for byte, above 2^53 too", () => {
    expect(toReply(err, "12345678901234567890", "ping")).toContain('"id":12345678901234567890,');
  });

  it("leaves id out rather than sending null", () => {
    expect(JSON.parse(protocolErrorReply(ErrorCode.ParseError, "bad"))).not.toHaveProperty("id");
    expect(
      JSON.parse(
        toReply(
          new AegisError(ErrorCode.DepthExceeded, { check: "depth", reason: "deep" }),
          undefined,
        ),
      ),
    ).not.toHaveProperty("id");
  });
});
