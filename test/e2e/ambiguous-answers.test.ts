import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  answerTo,
  expectShimStdoutClean,
  FIXTURE_POLICIES,
  fixtureServer,
  killLeftovers,
  type ShimProcess,
  shimArgs,
  spawnShim,
} from "./harness.js";

// A server answer with a key twice is read two ways: JSON.parse (the shim, most clients)
// keeps the last member, a first-wins parser the first. Forwarding its bytes after judging
// the last member would show such a client what the filter or the redaction never saw.

const POLICY = `${FIXTURE_POLICIES}/echo-only.yaml`;
let shim: ShimProcess | undefined;

afterEach(async () => {
  shim?.end();
  await shim?.exited;
  shim = undefined;
  killLeftovers();
  expectShimStdoutClean();
});
afterAll(() => killLeftovers());

async function start(list: string): Promise<ShimProcess> {
  const s = spawnShim(
    shimArgs(["--policy", POLICY], fixtureServer("ambiguous-answers", "--list", list)),
  );
  shim = s;
  s.send(
    '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}',
  );
  await s.waitForLine(answerTo("0"));
  s.send('{"jsonrpc":"2.0","method":"notifications/initialized"}');
  return s;
}

const SHAPES: Array<[string, string, RegExp]> = [
  ["twice", "with `tools` twice", /same key twice/],
  ["name", "with `name` twice in one tool", /same key twice/],
  ["hybrid", "that is a request carrying a result", /not a valid JSON-RPC/],
  ["both", "with a result and an error", /not a valid JSON-RPC/],
  ["twins", "that lists one tool twice", /lists "echo" twice/],
];

describe("stdio: a server answer peers read two ways", () => {
  for (const [list, what, reason] of SHAPES) {
    it(`refuses a tools/list answer ${what}, never showing the hidden tool, and the session goes on`, async () => {
      const s = await start(list);
      s.send('{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
      const answer = JSON.parse(await s.waitForLine(answerTo("1"))) as {
        error?: { message: string };
      };
      expect(answer.error?.message).toMatch(reason);
      expect(s.lines.join("\n")).not.toMatch(/hidden_tool|id_rsa/);
      s.send(
        '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"echo","arguments":{"message":"still here"}}}',
      );
      expect(await s.waitForLine(answerTo("2"))).toContain("still here");
    });
  }

  it("lists normally when the same key is only in sibling objects (and filters the hidden tool)", async () => {
    const s = await start("plain");
    s.send('{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
    const answer = JSON.parse(await s.waitForLine(answerTo("1"))) as {
      result: { tools: Array<{ name: string }> };
    };
    expect(answer.result.tools.map((t) => t.name)).toEqual(["echo"]);
  });

  it("refuses a tools/call answer whose first `text` holds a credential the last one hides", async () => {
    const policy = `${FIXTURE_POLICIES}/allow-all.yaml`;
    const s = spawnShim(shimArgs(["--policy", policy], fixtureServer("ambiguous-answers")));
    shim = s;
    s.send(
      '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}',
    );
    await s.waitForLine(answerTo("0"));
    s.send(
      '{"jsonrpc":"2.0","id":5,"method":"tools/call","params":{"name":"leak","arguments":{}}}',
    );
    const answer = JSON.parse(await s.waitForLine(answerTo("5"))) as { error?: unknown };
    expect(answer.error).toBeDefined();
    expect(s.lines.join("\n")).not.toContain("AKIAIOSFODNN7EXAMPLE");
  });
});

describe("stdio: a client message peers read two ways", () => {
  it("refuses a tools/call that carries a result too, answering its id, and the session goes on", async () => {
    const s = await start("plain");
    s.send(
      '{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"ran"}},"result":{}}',
    );
    const answer = JSON.parse(await s.waitForLine(answerTo("7"))) as {
      error?: { code: number };
    };
    expect(answer.error?.code).toBe(-32600);
    expect(s.lines.join("\n")).not.toContain("ran");
    s.send(
      '{"jsonrpc":"2.0","id":8,"method":"tools/call","params":{"name":"echo","arguments":{"message":"ok"}}}',
    );
    expect(await s.waitForLine(answerTo("8"))).toContain('"ok"');
  });
});
