import { describe, expect, it } from "vitest";
import { NULL_AUDIT } from "../../src/audit/audit.js";
import { createLogger } from "../../src/audit/logger.js";
import { compose } from "../../src/pipeline/compose.js";
import type { Check, Frame } from "../../src/pipeline/types.js";
import { Session } from "../../src/session/session.js";
import { contextOf } from "../inspect/helpers.js";

/** A session whose server checks record which request each response was matched to. */
function setup() {
  const toServer: string[] = [];
  const toClient: string[] = [];
  const matched: Array<Frame["inReplyTo"]> = [];
  const recorder: Check = {
    name: "recorder",
    inspect(frame) {
      if (frame.parsed.kind === "response") matched.push(frame.inReplyTo);
      return { ok: true };
    },
  };
  const session = new Session({
    clientPipeline: compose([]),
    serverPipeline: compose([recorder]),
    context: contextOf(),
    logger: createLogger("silent"),
    audit: NULL_AUDIT,
    output: {
      toServer: (l) => toServer.push(String(l)),
      toClient: (l) => toClient.push(String(l)),
    },
  });
  const client = (line: string) => session.fromClient({ kind: "line", bytes: Buffer.from(line) });
  const server = (line: string) => session.fromServer({ kind: "line", bytes: Buffer.from(line) });
  return { session, toServer, toClient, matched, client, server };
}

const LIST = '"jsonrpc":"2.0","method":"tools/list"';

describe("Session: answers are matched to requests by the id's value", () => {
  it.each([
    ["1e2", "100"],
    ["303.0", "303"],
    ["1.50e1", "15"],
    ["-0", "0"],
    ['"\\u0061b"', '"ab"'],
  ])("a request with id %s is matched by the server's echo %s", async (sent, echoed) => {
    const s = setup();
    s.client(`{${LIST},"id":${sent}}`);
    s.server(`{"jsonrpc":"2.0","id":${echoed},"result":{"tools":[]}}`);
    await s.session.idle();
    expect(s.matched).toEqual([{ method: "tools/list" }]);
    expect(s.toClient).toHaveLength(1);
    expect(s.session.pendingCount).toBe(0);
  });

  it("reads an escaped id key as the id: a refused request is answered", async () => {
    const s = setup();
    s.client('{"jsonrpc":"2.0","\\u0069d":301,"method":"tools/list","params":[]}');
    await s.session.idle();
    expect(s.toServer).toEqual([]);
    expect(JSON.parse(s.toClient[0] as string)).toMatchObject({ id: 301, error: {} });
  });

  it("matches an id above 2^53 that a double-reading server echoes rounded", async () => {
    const s = setup();
    s.client(`{${LIST},"id":9007199254740993}`);
    s.server('{"jsonrpc":"2.0","id":9007199254740992,"result":{"tools":[]}}');
    await s.session.idle();
    expect(s.matched).toEqual([{ method: "tools/list" }]);
    // The client gets the answer under its own spelling only if the server kept it; the
    // server's bytes are forwarded untouched.
    expect(s.toClient).toEqual(['{"jsonrpc":"2.0","id":9007199254740992,"result":{"tools":[]}}']);
  });

  it("drops a response that answers no open request (an unasked list leaks names)", async () => {
    const s = setup();
    s.server('{"jsonrpc":"2.0","id":7,"result":{"tools":[{"name":"hidden"}]}}');
    s.client(`{${LIST},"id":8}`);
    s.server('{"jsonrpc":"2.0","id":"8","result":{"tools":[{"name":"hidden"}]}}');
    await s.session.idle();
    expect(s.toClient).toEqual([]);
    expect(s.matched).toEqual([]);
  });
});

describe("Session: ambiguous envelopes are refused, never forwarded, always answered", () => {
  it.each([
    ["two id members", `{${LIST},"id":1,"id":2}`, [2, 1]],
    [
      "two method members",
      '{"jsonrpc":"2.0","id":3,"method":"tools/call","method":"tools/list"}',
      [3],
    ],
    ["an escaped second method", `{${LIST},"id":4,"m\\u0065thod":"tools/call"}`, [4]],
    [
      "a repeated key inside params",
      '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo","name":"rm"}}',
      [5],
    ],
    ["an id that is not exactly an integer", `{${LIST},"id":1.0000000000000001}`, [1]],
  ])("%s", async (_, line, ids) => {
    const s = setup();
    s.client(line);
    await s.session.idle();
    expect(s.toServer).toEqual([]);
    const answers = s.toClient.map((l) => JSON.parse(l) as { id: number; error: { code: number } });
    expect(answers.map((a) => a.id)).toEqual(ids);
    for (const a of answers) expect(a.error.code).toBe(-32600);
  });

  it("refuses a second request under an id still in flight, and keeps the first", async () => {
    const s = setup();
    s.client(`{${LIST},"id":9}`);
    s.client('{"jsonrpc":"2.0","id":9.0,"method":"prompts/list"}');
    await s.session.idle();
    expect(s.toServer).toHaveLength(1);
    expect(JSON.parse(s.toClient[0] as string)).toMatchObject({ id: 9, error: { code: -32600 } });
    s.server('{"jsonrpc":"2.0","id":9,"result":{"tools":[]}}');
    await s.session.idle();
    expect(s.matched).toEqual([{ method: "tools/list" }]);
  });

  it("refuses ids above 2^53 that a double would merge with one in flight", async () => {
    const s = setup();
    s.client(`{${LIST},"id":9007199254740993}`);
    s.client(`{${LIST},"id":9007199254740992}`);
    await s.session.idle();
    expect(s.toServer).toHaveLength(1);
    expect(s.toClient).toEqual([expect.stringContaining('"id":9007199254740992')]);
  });

  it("refuses them in the other order too (the smaller id first)", async () => {
    const s = setup();
    s.client(`{${LIST},"id":9007199254740992}`);
    s.client(`{${LIST},"id":9007199254740993}`);
    await s.session.idle();
    expect(s.toServer).toHaveLength(1);
    expect(s.toClient).toEqual([expect.stringContaining('"id":9007199254740993')]);
  });

  it("a server response with a repeated id errors the client's pending request instead", async () => {
    const s = setup();
    s.client(`{${LIST},"id":"a"}`);
    s.server('{"jsonrpc":"2.0","id":"a","id":"b","result":{"tools":[]}}');
    await s.session.idle();
    expect(s.matched).toEqual([]);
    expect(JSON.parse(s.toClient[0] as string)).toMatchObject({ id: "a", error: { code: -32600 } });
    expect(s.session.pendingCount).toBe(0);
  });
});

describe("Session: cancellations of ids above 2^53", () => {
  it("drops the cancellation of the refused request, not of its double-neighbour", async () => {
    const s = setup();
    s.client(`{${LIST},"id":9007199254740992}`);
    // Refused (ambiguous params), so answered locally: its cancellation must go nowhere.
    s.client('{"jsonrpc":"2.0","id":9007199254740995,"method":"x","params":{"a":1,"a":2}}');
    s.client(
      '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":9007199254740995}}',
    );
    s.client(
      '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":9007199254740992}}',
    );
    await s.session.idle();
    expect(s.toServer).toHaveLength(2);
    expect(s.toServer[1]).toContain('"requestId":9007199254740992');
  });
});
