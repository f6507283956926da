import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  answerTo,
  connectShim,
  expectShimStdoutClean,
  FIXTURE_POLICIES,
  killLeftovers,
  SERVERS,
  type ShimSession,
  shimArgs,
  spawnShim,
} from "./harness.js";

const ALLOW_ALL = join(FIXTURE_POLICIES, "allow-all.yaml");
const EVERYTHING = [process.execPath, SERVERS.everything];

// The SDK writes `id` last ({method, params, jsonrpc, id} and {result, jsonrpc, id}), so
// the id of an oversize line from a real SDK peer is at its end, not near its start.
describe("stdio shim: oversize lines from real SDK peers are answered for their id", () => {
  let session: ShimSession | undefined;
  afterEach(async () => {
    await session?.client.close();
    session = undefined;
    killLeftovers();
    expectShimStdoutClean();
  });

  it("an oversize tools/call from the SDK client gets an isError result, and the session goes on", async () => {
    session = await connectShim(
      shimArgs(["--policy", ALLOW_ALL, "--max-line-size", "100000"], EVERYTHING),
    );
    const result = await session.client.callTool({
      name: "echo",
      arguments: { message: "z".repeat(200_000) },
    });
    expect(result.isError).toBe(true);
    expect((result.content as Array<{ text: string }>)[0]?.text).toMatch(
      /^Blocked by mcp-aegis \(size\): message of 200\d{3} bytes exceeds the 100000-byte limit/,
    );
    const echo = await session.client.callTool({ name: "echo", arguments: { message: "ok" } });
    expect(echo.content).toEqual([{ type: "text", text: "Echo: ok" }]);
  });

  it("an oversize answer from server-everything becomes an error for the waiting request", async () => {
    const shim = spawnShim(shimArgs(["--policy", ALLOW_ALL, "--max-line-size", "500"], EVERYTHING));
    shim.send(
      '{"jsonrpc":"2.0","id":5,"method":"resources/read","params":{"uri":"demo://resource/static/document/architecture.md"}}',
    );
    // Answered while the server still runs (not only when it exits).
    const answer = JSON.parse(await shim.waitForLine(answerTo("5"))) as {
      error?: { code: number; data?: { check?: string } };
    };
    expect(answer.error).toMatchObject({ code: -32011, data: { check: "size" } });
    shim.send('{"jsonrpc":"2.0","id":6,"method":"ping"}');
    expect(await shim.waitForLine(answerTo("6"))).toContain('"result":{}');
    shim.end();
    expect((await shim.exited).code).toBe(0);
  });
});
