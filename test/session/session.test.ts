import { describe, expect, it } from "vitest";
import { NULL_AUDIT } from "../../src/audit/audit.js";
import { createLogger } from "../../src/audit/logger.js";
import { DEFAULT_LIMITS, type Limits } from "../../src/config/limits.js";
import { compose } from "../../src/pipeline/compose.js";
import { clientChecks, serverChecks } from "../../src/pipeline/default-checks.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { LineDecoder } from "../../src/protocol/framing.js";
import { Session } from "../../src/session/session.js";

const policy = YamlPolicyEngine.fromString(`version: "1"
principals:
  dev:
    tools:
      - pattern: "echo"
        actions: [execute]
`);

function setup(limits: Partial<Limits> = {}) {
  const l = { ...DEFAULT_LIMITS, ...limits };
  const toServer: string[] = [];
  const toClient: string[] = [];
  const session = new Session({
    clientPipeline: compose(clientChecks({ limits: l, policyEngine: policy })),
    serverPipeline: compose(serverChecks({ limits: l })),
    context: {
      principal: { id: "dev", roles: new Set() },
      limits: l,
      now: () => 0,
      tools: new Map(),
    },
    output: {
      toServer: (x) => toServer.push(x.toString()),
      toClient: (x) => toClient.push(x.toString()),
    },
    logger: createLogger("silent"),
    audit: NULL_AUDIT,
  });
  const decoder = new LineDecoder(l.maxLineBytes);
  const client = (s: string) => {
    for (const line of decoder.push(Buffer.from(`${s}\n`))) session.fromClient(line);
  };
  const server = (s: string) => session.fromServer({ kind: "line", bytes: Buffer.from(s) });
  return { session, toServer, toClient, client, server };
}

const call = (id: string, name: string) =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"${name}","arguments":{}}}`;

describe("Session", () => {
  it("forwards an allowed message as its original bytes (key order, spacing, unknown fields)", () => {
    const s = setup();
    const raw =
      '{ "params":{"name":"echo","arguments":{},"x-unknown":[1,2]}, "id":1,"method":"tools/call","jsonrpc":"2.0"}';
    s.client(raw);
    expect(s.toServer).toEqual([raw]);
    expect(s.toClient).toEqual([]);
  });

  it("answers a denied call for its id and never forwards it", () => {
    const s = setup();
    s.client(call("9007199254740993", "rm"));
    expect(s.toServer).toEqual([]);
    expect(s.toClient[0]).toContain('"id":9007199254740993,');
    expect(JSON.parse(s.toClient[0] ?? "").result.isError).toBe(true);
  });

  it("drops the cancellation of a request it answered itself", () => {
    const s = setup();
    s.client(call('"a"', "rm"));
    s.client('{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"a"}}');
    expect(s.toServer).toEqual([]);
    s.client('{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":"b"}}');
    expect(s.toServer).toHaveLength(1);
  });

  it("answers every pending request when the server goes away", () => {
    const s = setup();
    s.client(call("1", "echo"));
    s.client(call('"1"', "echo"));
    expect(s.session.pendingCount).toBe(2);
    s.server('{"jsonrpc":"2.0","id":1,"result":{"content":[]}}');
    expect(s.session.pendingCount).toBe(1);
    s.session.failPending("the MCP server exited (code 1)");
    const last = JSON.parse(s.toClient.at(-1) ?? "");
    expect(last).toMatchObject({ id: "1", error: { code: -32016 } });
  });

  it("drops non-JSON output of the server instead of passing it to the client", () => {
    const s = setup();
    s.server("Starting server on stdio...");
    s.server('{"not":"jsonrpc"}');
    expect(s.toClient).toEqual([]);
  });

  it("passes server requests and the client's answers both ways", () => {
    const s = setup();
    const sampling =
      '{"jsonrpc":"2.0","id":0,"method":"sampling/createMessage","params":{"messages":[],"maxTokens":5}}';
    s.server(sampling);
    expect(s.toClient).toEqual([sampling]);
    const answer =
      '{"jsonrpc":"2.0","id":0,"result":{"role":"assistant","content":{"type":"text","text":"hi"},"model":"m"}}';
    s.client(answer);
    expect(s.toServer).toEqual([answer]);
  });

  it("answers an oversize request from its head, and keeps going", () => {
    const s = setup({ maxLineBytes: 200 });
    s.client(
      `{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"echo","arguments":{"m":"${"x".repeat(500)}"}}}`,
    );
    s.client(call("6", "echo"));
    expect(JSON.parse(s.toClient[0] ?? "")).toMatchObject({ id: 5, result: { isError: true } });
    expect(s.toServer).toHaveLength(1);
  });

  it("replaces an oversize server response with an error for the waiting request", () => {
    const s = setup({ maxLineBytes: 100 });
    s.client(call("3", "echo"));
    s.session.fromServer({
      kind: "oversize",
      head: Buffer.from('{"jsonrpc":"2.0","id":3,"result":{"content":[{"text":"xxx'),
      bytes: 5000,
    });
    expect(JSON.parse(s.toClient[0] ?? "")).toMatchObject({ id: 3, error: { code: -32011 } });
    expect(s.session.pendingCount).toBe(0);
  });

  it("refuses requests beyond the in-flight cap with an error, not a queue", () => {
    const s = setup({ maxConcurrentRequests: 2 });
    for (const id of ["1", "2", "3"]) s.client(call(id, "echo"));
    expect(s.toServer).toHaveLength(2);
    expect(JSON.parse(s.toClient[0] ?? "")).toMatchObject({ id: 3, result: { isError: true } });
  });

  it("answers a batch per request and forwards none of it", () => {
    const s = setup();
    s.client(`[${call("1", "echo")},{"jsonrpc":"2.0","method":"notifications/initialized"}]`);
    expect(s.toServer).toEqual([]);
    const reply = JSON.parse(s.toClient[0] ?? "");
    expect(reply).toEqual([
      expect.objectContaining({ id: 1, error: expect.objectContaining({ code: -32600 }) }),
    ]);
  });
});

describe("Session with malformed lines that carry an id", () => {
  it("answers a line without a method with no id: it cannot be a request of the client's", () => {
    // Found by the message fuzz: `{"id":0}` after a request with id 0 gave id 0 two answers.
    const s = setup();
    s.client('{"jsonrpc":"2.0","id":0,"method":"ping"}');
    s.client('{"id":0}');
    s.server('{"jsonrpc":"2.0","id":0,"result":{}}');
    const answers = s.toClient.map((l) => JSON.parse(l) as { id?: unknown; error?: unknown });
    expect(answers.filter((a) => a.id === 0)).toEqual([{ jsonrpc: "2.0", id: 0, result: {} }]);
    expect(answers.filter((a) => a.id === undefined && a.error !== undefined)).toHaveLength(1);
  });

  it("still answers a malformed request by its id", () => {
    const s = setup();
    s.client('{"jsonrpc":"2.0","id":5,"method":"ping","params":[1]}');
    expect(JSON.parse(s.toClient[0] as string)).toMatchObject({ id: 5, error: { code: -32600 } });
  });

  it("gives a server request an error when the client's answer to it is malformed", () => {
    const s = setup();
    s.server('{"jsonrpc":"2.0","id":7,"method":"roots/list"}');
    s.client('{"jsonrpc":"2.0","id":7}');
    expect(JSON.parse(s.toServer.at(-1) as string)).toMatchObject({ id: 7, error: {} });
  });
});

describe("Session after the server is gone", () => {
  it("answers new requests at once instead of writing into nothing", () => {
    const s = setup();
    s.session.failPending("the MCP server exited (code 0)");
    s.client(call("8", "echo"));
    expect(s.toServer).toEqual([]);
    expect(JSON.parse(s.toClient[0] ?? "")).toMatchObject({ id: 8, error: { code: -32016 } });
  });
});

describe("Session bypass attempts", () => {
  it("does not let a tools/call sent as a notification (no id) past the policy", () => {
    const s = setup();
    s.client('{"jsonrpc":"2.0","method":"tools/call","params":{"name":"rm","arguments":{}}}');
    expect(s.toServer).toEqual([]);
    expect(s.toClient).toEqual([]);
    s.client('{"jsonrpc":"2.0","method":"tools/call","params":{"name":"echo","arguments":{}}}');
    expect(s.toServer).toHaveLength(1);
  });

  it("refuses a repeated key whichever one a server would keep (first-wins servers run the first)", () => {
    for (const names of ['"name":"echo","name":"rm"', '"name":"rm","name":"echo"']) {
      const s = setup();
      s.client(`{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{${names},"arguments":{}}}`);
      expect(s.toServer).toEqual([]);
      expect(JSON.parse(s.toClient[0] ?? "").error.data.reason).toMatch(/same key twice/);
    }
  });
});
