import { describe, expect, it } from "vitest";
import { NULL_AUDIT } from "../../src/audit/audit.js";
import { createLogger } from "../../src/audit/logger.js";
import { compose } from "../../src/pipeline/compose.js";
import type { Check } from "../../src/pipeline/types.js";
import { Session } from "../../src/session/session.js";
import { contextOf } from "../inspect/helpers.js";

function setup(clientChecks: Check[] = []) {
  const toServer: string[] = [];
  const toClient: string[] = [];
  const session = new Session({
    clientPipeline: compose(clientChecks),
    serverPipeline: compose([]),
    context: contextOf(),
    logger: createLogger("silent"),
    audit: NULL_AUDIT,
    output: {
      toServer: (l) => toServer.push(String(l)),
      toClient: (l) => toClient.push(String(l)),
    },
  });
  const fromClient = (m: unknown) =>
    session.fromClient({ kind: "line", bytes: Buffer.from(JSON.stringify(m)) });
  return { session, toServer, toClient, fromClient };
}

describe("Session.requestClient", () => {
  it("sends a request with a shim-owned string id and takes the answer out of the stream", async () => {
    const { session, toServer, toClient, fromClient } = setup();
    const pending = session.requestClient("elicitation/create", { message: "ok?" }, 10_000);
    const sent = JSON.parse(toClient[0] ?? "{}") as { id: string; method: string };
    expect(sent.method).toBe("elicitation/create");
    expect(sent.id).toMatch(/^mcp-aegis-[0-9a-f-]{36}-1$/);
    fromClient({
      jsonrpc: "2.0",
      id: sent.id,
      result: { action: "accept", content: { approve: true } },
    });
    await expect(pending).resolves.toEqual({
      kind: "result",
      result: { action: "accept", content: { approve: true } },
    });
    await session.idle();
    expect(toServer).toEqual([]);
  });

  it("forwards a client answer to the server's own request with a similar id", async () => {
    const { session, toServer, fromClient } = setup();
    void session.requestClient("ping", {}, 10_000);
    session.fromServer({
      kind: "line",
      bytes: Buffer.from(
        JSON.stringify({ jsonrpc: "2.0", id: "mcp-aegis-guess-1", method: "ping" }),
      ),
    });
    fromClient({ jsonrpc: "2.0", id: "mcp-aegis-guess-1", result: {} });
    await session.idle();
    expect(toServer).toHaveLength(1);
  });

  it("is answered while a client check waits for it (the answer skips the queue)", async () => {
    let answer: Promise<unknown> | undefined;
    let session!: Session;
    const waiting: Check = {
      name: "waits",
      inspect: async (frame) => {
        if (frame.parsed.kind !== "request") return { ok: true };
        answer = session.requestClient("elicitation/create", {}, 10_000);
        await answer;
        return { ok: true };
      },
    };
    const s = setup([waiting]);
    session = s.session;
    s.fromClient({ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "x" } });
    await new Promise((r) => setTimeout(r, 10));
    const sent = JSON.parse(s.toClient[0] ?? "{}") as { id: string };
    s.fromClient({ jsonrpc: "2.0", id: sent.id, result: { action: "decline" } });
    await session.idle();
    await expect(answer).resolves.toEqual({ kind: "result", result: { action: "decline" } });
    expect(s.toServer.map((l) => JSON.parse(l).method)).toEqual(["tools/call"]);
  });

  it("times out, tells the client to stop, and swallows a late answer", async () => {
    const { session, toServer, toClient, fromClient } = setup();
    const r = await session.requestClient("elicitation/create", {}, 5);
    expect(r).toEqual({ kind: "timeout" });
    const id = (JSON.parse(toClient[0] ?? "{}") as { id: string }).id;
    expect(JSON.parse(toClient[1] ?? "{}")).toMatchObject({
      method: "notifications/cancelled",
      params: { requestId: id },
    });
    fromClient({ jsonrpc: "2.0", id, result: { action: "accept" } });
    await session.idle();
    expect(toServer).toEqual([]);
  });
});
