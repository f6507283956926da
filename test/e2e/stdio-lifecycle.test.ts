import { join } from "node:path";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import {
  answerTo,
  connectShim,
  expectOnlyJsonRpc,
  expectShimStdoutClean,
  FIXTURE_POLICIES,
  fixtureServer,
  isAlive,
  killLeftovers,
  SERVERS,
  serverPid,
  shimArgs,
  spawnShim,
} from "./harness.js";

const ALLOW_ALL = join(FIXTURE_POLICIES, "allow-all.yaml");
const POLICY = ["--policy", ALLOW_ALL];

afterEach(() => {
  killLeftovers();
  expectShimStdoutClean();
});

describe("stdio shim: lifecycle of the server process", () => {
  it("exits with the server's exit code (server exits 3 → shim exits 3)", async () => {
    const shim = spawnShim(shimArgs(POLICY, fixtureServer("exit-with-code", "3")));
    expect(await shim.exited).toEqual({ code: 3, signal: null });
    expect(shim.stderr()).toContain("exit-with-code: exiting with 3");
    expect(shim.lines).toEqual([]);
  });

  it("answers a request sent to a server that already exited, then exits with its code", async () => {
    const shim = spawnShim(shimArgs(POLICY, fixtureServer("exit-with-code", "9")));
    shim.send('{"jsonrpc":"2.0","id":1,"method":"ping"}');
    const exit = await shim.exited;
    expect(exit.code).toBe(9);
    // Either the ping went out before the server died (then it gets an error answer) or
    // it came after (then it was dropped with the server gone): never a hang, never junk.
    expectOnlyJsonRpc(shim.lines);
    for (const line of shim.lines) expect(line).toContain('"code":-32016');
  });

  it("on stdin EOF ends the server's stdin; the server exits and the shim exits with its code", async () => {
    const shim = spawnShim(shimArgs(POLICY, fixtureServer("exit-on-eof", "--code", "4")), {
      // A grace far beyond the test timeout: only EOF can make this server exit in time.
      env: { PATH: process.env.PATH ?? "", GUARDIAN_TARGET_SHUTDOWN_TIMEOUT_MS: "600000" },
    });
    const pid = await serverPid(shim);
    shim.send('{"jsonrpc":"2.0","id":1,"method":"ping"}');
    await shim.waitForLine(answerTo("1"));
    shim.end();
    expect(await shim.exited).toEqual({ code: 4, signal: null });
    expect(shim.stderr()).toContain("exit-on-eof: stdin ended");
    expect(shim.stderr()).not.toContain("SIGTERM");
    expect(isAlive(pid)).toBe(false);
  });

  it("on stdin EOF with a real server (server-everything) exits 0 after the server leaves", async () => {
    const session = await connectShim(shimArgs(POLICY, [process.execPath, SERVERS.everything]), {
      env: { PATH: process.env.PATH ?? "", GUARDIAN_TARGET_SHUTDOWN_TIMEOUT_MS: "600000" },
    });
    await session.client.ping();
    await session.client.close();
    expect(await session.shim.exited).toEqual({ code: 0, signal: null });
    expectOnlyJsonRpc(session.shim.lines);
  });

  it("escalates to SIGTERM, then SIGKILL, when the server ignores stdin EOF and SIGTERM", async () => {
    const shim = spawnShim(shimArgs(POLICY, fixtureServer("ignores-sigterm")), {
      env: { PATH: process.env.PATH ?? "", GUARDIAN_TARGET_SHUTDOWN_TIMEOUT_MS: "150" },
    });
    const pid = await serverPid(shim);
    shim.end();
    const exit = await shim.exited;
    expect(exit).toEqual({ code: 128 + 9, signal: null });
    const stderr = shim.stderr();
    // The server saw EOF first, then SIGTERM, and only SIGKILL ended it.
    expect(stderr.indexOf("ignoring stdin EOF")).toBeGreaterThan(-1);
    expect(stderr.indexOf("ignoring SIGTERM")).toBeGreaterThan(
      stderr.indexOf("ignoring stdin EOF"),
    );
    expect(stderr).toMatch(/sending SIGKILL/);
    expect(isAlive(pid)).toBe(false);
  });

  it("forwards SIGTERM sent to the shim to the server, and exits with the server's code", async () => {
    const shim = spawnShim(shimArgs(POLICY, fixtureServer("exit-on-sigterm", "--code", "42")));
    const pid = await serverPid(shim);
    shim.child.kill("SIGTERM");
    expect(await shim.exited).toEqual({ code: 42, signal: null });
    expect(shim.stderr()).toContain("exit-on-sigterm: got SIGTERM");
    expect(isAlive(pid)).toBe(false);
  });

  it("kills a server that ignores a relayed SIGTERM after the grace period", async () => {
    const shim = spawnShim(shimArgs(POLICY, fixtureServer("ignores-sigterm")), {
      env: { PATH: process.env.PATH ?? "", GUARDIAN_TARGET_SHUTDOWN_TIMEOUT_MS: "150" },
    });
    const pid = await serverPid(shim);
    shim.child.kill("SIGTERM");
    expect(await shim.exited).toEqual({ code: 128 + 9, signal: null });
    expect(shim.stderr()).toContain("ignores-sigterm: ignoring SIGTERM");
    expect(isAlive(pid)).toBe(false);
  });

  it("forwards SIGINT too", async () => {
    const shim = spawnShim(shimArgs(POLICY, fixtureServer("echo-raw")));
    const pid = await serverPid(shim);
    shim.child.kill("SIGINT");
    // echo-raw has no SIGINT handler: it dies of the signal, and the shim reports 128 + 2.
    expect(await shim.exited).toEqual({ code: 130, signal: null });
    expect(isAlive(pid)).toBe(false);
  });

  it("answers every pending request with an error when the server dies mid-request; exits with its code; no orphan", async () => {
    const session = await connectShim(
      shimArgs(POLICY, fixtureServer("dies-mid-request", "--code", "5")),
    );
    const pid = await serverPid(session.shim);
    const hanging = session.client.callTool({ name: "hang", arguments: {} });
    const crashing = session.client.callTool({ name: "crash", arguments: {} });
    for (const pending of [hanging, crashing]) {
      const err = await pending.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(McpError);
      expect((err as McpError).code).toBe(-32016);
      expect((err as McpError).message).toMatch(/exited \(code 5\)/);
    }
    expect(await session.shim.exited).toEqual({ code: 5, signal: null });
    expect(isAlive(pid)).toBe(false);
    expect(session.clientErrors).toEqual([]);
    expectOnlyJsonRpc(session.shim.lines);
  });

  it("answers pending requests whose ids differ only beyond 2^53 each with its own exact id (or refuses one a double would merge)", async () => {
    const shim = spawnShim(shimArgs(POLICY, fixtureServer("dies-mid-request", "--code", "6")));
    await serverPid(shim);
    const ids = ["9007199254740993", "9007199254740992", '"9007199254740993"'];
    for (const id of ids) {
      shim.send(`{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"hang"}}`);
    }
    shim.send('{"jsonrpc":"2.0","id":0,"method":"tools/call","params":{"name":"crash"}}');
    expect((await shim.exited).code).toBe(6);
    // …992 reads as the same double as …993, which is in flight: refused at once, since a
    // server parsing numbers as doubles could not tell the two answers apart.
    const merged = "9007199254740992";
    for (const id of [...ids, "0"]) {
      const answers = shim.lines.filter((l) => l.includes(`"id":${id},`));
      expect(answers, `answers to ${id}`).toHaveLength(1);
      expect(answers[0]).toContain(id === merged ? "already in flight" : '"code":-32016');
    }
    expect(shim.lines).toHaveLength(4);
  });

  it("delivers an answer the server wrote right before exiting, in full, then exits with its code", async () => {
    const shim = spawnShim(shimArgs(POLICY, fixtureServer("dies-mid-request", "--code", "8")));
    const bytes = 3 * 1024 * 1024;
    shim.send(
      `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"answer-then-exit","arguments":{"bytes":${bytes}}}}`,
    );
    expect((await shim.exited).code).toBe(8);
    const answer = shim.lines.find(answerTo("1"));
    expect(answer).toBeDefined();
    const text = (JSON.parse(answer ?? "{}") as { result?: { content?: Array<{ text: string }> } })
      .result?.content?.[0]?.text;
    expect(text?.length).toBe(bytes);
    expectOnlyJsonRpc(shim.lines);
  });

  it("still delivers answers in flight when the client closes stdin", async () => {
    const shim = spawnShim(shimArgs(POLICY, [process.execPath, SERVERS.everything]));
    shim.send(
      '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}',
    );
    await shim.waitForLine(answerTo("0"));
    shim.send('{"jsonrpc":"2.0","method":"notifications/initialized"}');
    shim.send(
      '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"trigger-long-running-operation","arguments":{"duration":0.4,"steps":2}}}',
    );
    shim.end();
    expect((await shim.exited).code).toBe(0);
    const answer = shim.lines.find(answerTo("1"));
    expect(answer).toContain("Long running operation completed");
    expectOnlyJsonRpc(shim.lines);
  });

  it("shuts the server down when the client stops reading (stdout closed)", async () => {
    const shim = spawnShim(shimArgs(POLICY, fixtureServer("echo-raw")));
    const pid = await serverPid(shim);
    shim.child.stdout?.destroy();
    for (let id = 1; id <= 3; id++) shim.send(`{"jsonrpc":"2.0","id":${id},"method":"ping"}`);
    const exit = await shim.exited;
    expect(exit.signal).toBeNull();
    expect(isAlive(pid)).toBe(false);
  });

  it("refuses requests beyond the concurrency limit for their ids and forwards the rest", async () => {
    const shim = spawnShim(shimArgs(POLICY, fixtureServer("dies-mid-request", "--code", "0")), {
      env: { PATH: process.env.PATH ?? "", GUARDIAN_MAX_CONCURRENT_REQUESTS: "2" },
    });
    for (const id of [1, 2, 3]) {
      shim.send(`{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"hang"}}`);
    }
    const third = JSON.parse(await shim.waitForLine(answerTo("3"))) as {
      result?: { isError?: boolean; _meta?: Record<string, { code?: number }> };
    };
    expect(third.result?.isError).toBe(true);
    expect(third.result?._meta?.["mcp-aegis/blocked"]?.code).toBe(-32017);
    // EOF: the server (no handles left) exits 0 with 1 and 2 still open.
    shim.end();
    expect((await shim.exited).code).toBe(0);
    for (const id of ["1", "2"]) {
      expect(shim.lines.find(answerTo(id))).toContain('"code":-32016');
    }
    expect(shim.lines).toHaveLength(3);
  });
});
