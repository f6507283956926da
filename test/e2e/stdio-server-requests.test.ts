import { join } from "node:path";
import { CreateMessageRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import {
  connectShim,
  expectOnlyJsonRpc,
  expectShimStdoutClean,
  FIXTURE_POLICIES,
  fixtureServer,
  killLeftovers,
  type ShimSession,
  shimArgs,
} from "./harness.js";

const ALLOW_ALL = join(FIXTURE_POLICIES, "allow-all.yaml");

describe("stdio shim: requests from the server to the client pass the same bounds", () => {
  let session: ShimSession | undefined;
  afterEach(async () => {
    await session?.client.close();
    session = undefined;
    killLeftovers();
    expectShimStdoutClean();
  });

  async function start(flags: string[] = [], answerText = "answered") {
    session = await connectShim(
      shimArgs(["--policy", ALLOW_ALL, ...flags], fixtureServer("asks-client")),
      { capabilities: { capabilities: { sampling: {} } } },
    );
    const asked: unknown[] = [];
    session.client.setRequestHandler(CreateMessageRequestSchema, (request) => {
      asked.push(request.params);
      return { model: "e2e", role: "assistant", content: { type: "text", text: answerText } };
    });
    return { session, asked };
  }

  /** What the server got back for its request, as it reports it. */
  async function ask(s: ShimSession, args: Record<string, unknown>) {
    const result = await s.client.callTool({ name: "ask", arguments: args });
    const text = (result.content as Array<{ text: string }>)[0]?.text ?? "{}";
    return JSON.parse(text) as { result?: { model?: string }; error?: { code: number } };
  }

  it("passes a plain server request to the client and its answer back", async () => {
    const { session, asked } = await start();
    expect((await ask(session, { shape: "plain" })).result?.model).toBe("e2e");
    expect(asked).toHaveLength(1);
  });

  it("answers a depth-bomb server request to the server itself; the client never sees it", async () => {
    const { session, asked } = await start();
    expect((await ask(session, { shape: "deep" })).error?.code).toBe(-32012);
    expect(asked).toHaveLength(0);
    expect(session.shim.lines.some((l) => l.includes("sampling/createMessage"))).toBe(false);
    // The session goes on.
    expect((await ask(session, { shape: "plain" })).result?.model).toBe("e2e");
    expectOnlyJsonRpc(session.shim.lines);
  });

  it("answers an oversize server request to the server itself; the client never sees it", async () => {
    const { session, asked } = await start(["--max-line-size", "65536"]);
    expect((await ask(session, { shape: "huge", bytes: 100_000 })).error?.code).toBe(-32011);
    expect(asked).toHaveLength(0);
    expect((await ask(session, { shape: "plain" })).result?.model).toBe("e2e");
    expectOnlyJsonRpc(session.shim.lines);
  });

  it("answers the server itself when the client's answer to it is over the line limit", async () => {
    const { session, asked } = await start(["--max-line-size", "65536"], "y".repeat(100_000));
    expect((await ask(session, { shape: "plain" })).error?.code).toBe(-32011);
    expect(asked).toHaveLength(1);
    // The session goes on.
    expect(await session.client.ping()).toEqual({});
  });
});
