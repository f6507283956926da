import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  answerTo,
  expectOnlyJsonRpc,
  expectShimStdoutClean,
  FIXTURE_POLICIES,
  fixtureServer,
  killLeftovers,
  shimArgs,
  spawnShim,
  tempDir,
} from "./harness.js";

const ECHO_ONLY = join(FIXTURE_POLICIES, "echo-only.yaml");

const cleanups: Array<() => void> = [];
afterEach(() => {
  killLeftovers();
  expectShimStdoutClean();
  for (const c of cleanups.splice(0)) c();
});

/** echo-raw behind the echo-only policy: `argv` is the forbidden tool. */
function start() {
  const dir = tempDir("aegis-bypass-");
  cleanups.push(dir.cleanup);
  const record = join(dir.path, "seen.jsonl");
  const shim = spawnShim(
    shimArgs(["--policy", ECHO_ONLY], fixtureServer("echo-raw", "--record", record)),
  );
  return {
    shim,
    /** Sends an allowed call and waits for it: everything sent before has been routed. */
    async sync() {
      shim.send(
        '{"jsonrpc":"2.0","id":"sync","method":"tools/call","params":{"name":"echo","arguments":{"message":"sync"}}}',
      );
      await shim.waitForLine(answerTo('"sync"'));
    },
    seen: (): string[] => readFileSync(record, "utf8").split("\n").filter(Boolean),
  };
}

describe("stdio shim: bypass attempts on the policy never reach the server", () => {
  it("a forbidden tools/call sent as a notification (no id) is dropped", async () => {
    const { shim, sync, seen } = start();
    shim.send('{"jsonrpc":"2.0","method":"tools/call","params":{"name":"argv"}}');
    await sync();
    expect(seen().some((l) => l.includes("argv"))).toBe(false);
    // A notification gets no answer: only the sync call was answered.
    expect(shim.lines).toHaveLength(1);
    shim.end();
    await shim.exited;
  });

  it("a forbidden tool named with JSON escapes is still recognised and blocked", async () => {
    const { shim, sync, seen } = start();
    shim.send('{"jsonrpc":"2.0","id":1,"method":"tools\\/call","params":{"name":"\\u0061rgv"}}');
    const answer = JSON.parse(await shim.waitForLine(answerTo("1"))) as {
      result?: { isError?: boolean };
    };
    expect(answer.result?.isError).toBe(true);
    await sync();
    expect(seen().some((l) => l.includes("rgv"))).toBe(false);
    shim.end();
    await shim.exited;
  });

  it("a forbidden call with an id the shim cannot accept (null, object, fraction) is refused", async () => {
    const { shim, sync, seen } = start();
    for (const id of ["null", '{"a":1}', "[1]", "1.5", "true"]) {
      shim.send(`{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"argv"}}`);
    }
    await sync();
    expect(seen().some((l) => l.includes("argv"))).toBe(false);
    const refusals = shim.lines.filter((l) => l.includes('"code":-32600'));
    expect(refusals).toHaveLength(5);
    shim.end();
    await shim.exited;
    expectOnlyJsonRpc(shim.lines);
  });

  it("duplicate keys: refused, whichever one the server would keep", async () => {
    const { shim, sync, seen } = start();
    // JSON.parse keeps the last duplicate, other parsers the first: refused either way.
    shim.send(
      '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"argv","name":"echo"}}',
    );
    const answer = JSON.parse(await shim.waitForLine(answerTo("2"))) as {
      error?: { code: number; data?: { reason?: string } };
    };
    expect(answer.error?.code).toBe(-32600);
    expect(answer.error?.data?.reason).toMatch(/same key twice/);
    await sync();
    expect(seen().some((l) => l.includes("argv"))).toBe(false);
    shim.end();
    await shim.exited;
  });
});
