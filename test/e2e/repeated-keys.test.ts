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
    shimArgs(["--policy", POLICY], fixtureServer("repeated-keys", "--list", list)),
  );
  shim = s;
  s.send(
    '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}',
  );
  await s.waitForLine(answerTo("0"));
  s.send('{"jsonrpc":"2.0","method":"notifications/initialized"}');
  return s;
}

describe("stdio: a server answer with a repeated key", () => {
  for (const list of ["twice", "name"]) {
    it(`refuses a tools/list answer with a repeated ${list === "twice" ? "`tools`" : "`name`"}, never showing the hidden tool, and the session goes on`, async () => {
      const s = await start(list);
      s.send('{"jsonrpc":"2.0","id":1,"method":"tools/list"}');
      const answer = JSON.parse(await s.waitForLine(answerTo("1"))) as {
        error?: { message: string };
      };
      expect(answer.error?.message).toMatch(/same key twice/);
      expect(s.lines.join("\n")).not.toContain("hidden_tool");
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
    const s = spawnShim(shimArgs(["--policy", policy], fixtureServer("repeated-keys")));
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
