import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  answerTo,
  BIN,
  expectShimStdoutClean,
  FIXTURE_POLICIES,
  FIXTURES,
  fixtureServer,
  isAlive,
  killLeftovers,
  serverPid,
  spawnShim,
  tempDir,
} from "./harness.js";

// A plain stdio run starts the server before the shim loads its checks (src/cli/entry.ts).
// These tests widen that window to 1.5 s with a loader hook, so what happens inside it
// is deterministic: the client's bytes wait and are checked, signals reach the server,
// and a refused start leaves no server behind.
const SLOW_LOAD = join(FIXTURES, "hooks", "slow-cli-load.js");
const ECHO_ONLY = join(FIXTURE_POLICIES, "echo-only.yaml");
const ALLOW_ALL = join(FIXTURE_POLICIES, "allow-all.yaml");
const env = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? "", ...extra });

/** The shim with its CLI loading slowly: `node --import slow-cli-load BIN ...args -- server`. */
function slowShim(shimOptions: string[], server: string[], extraEnv?: Record<string, string>) {
  return spawnShim(["--import", SLOW_LOAD, BIN, ...shimOptions, "--", ...server], {
    env: env(extraEnv),
  });
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  killLeftovers();
  expectShimStdoutClean();
  for (const c of cleanups.splice(0)) c();
});

describe("stdio shim: the server starts while the checks load", () => {
  it("starts the server first, for the -- form and for --target", async () => {
    for (const form of [
      ["--", ...fixtureServer("echo-raw")],
      ["--target", fixtureServer("echo-raw").join(" ")],
    ]) {
      // Loading slowed down, so the order does not depend on how busy the machine is.
      const shim = spawnShim(
        ["--import", SLOW_LOAD, BIN, "--policy", ALLOW_ALL, "--log-level", "debug", ...form],
        { env: env() },
      );
      shim.send('{"jsonrpc":"2.0","id":1,"method":"ping"}');
      await shim.waitForLine(answerTo("1"));
      const stderr = shim.stderr();
      // The server was up before the shim had read its policy ("starting" comes after).
      expect(stderr.indexOf("echo-raw ready")).toBeGreaterThan(-1);
      expect(stderr.indexOf("echo-raw ready")).toBeLessThan(stderr.indexOf('"msg":"starting"'));
      shim.child.kill("SIGTERM");
      await shim.exited;
    }
  });

  it("holds what the client sends before the checks are ready, then checks every line of it", async () => {
    const dir = tempDir("aegis-early-");
    cleanups.push(dir.cleanup);
    const record = join(dir.path, "seen.jsonl");
    const shim = slowShim(
      ["--policy", ECHO_ONLY, "--max-line-size", "2000"],
      fixtureServer("echo-raw", "--record", record),
    );
    // All of it written at once, while the server runs and the shim has no checks yet.
    shim.write(
      [
        '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}',
        '{"jsonrpc":"2.0","method":"notifications/initialized"}',
        '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"argv","arguments":{}}}',
        `{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{"name":"echo","arguments":{"message":"${"x".repeat(5000)}"}}}`,
        '{"jsonrpc":"2.0","id":4,"method":"tools/call","params":{"name":"echo","arguments":{"message":"early"}}}',
        "",
      ].join("\n"),
    );
    await serverPid(shim);
    expect(shim.lines).toEqual([]);
    // Nothing reached the server while the shim had no checks.
    expect(existsSync(record) ? readFileSync(record, "utf8") : "").toBe("");
    const denied = JSON.parse(await shim.waitForLine(answerTo("2")));
    expect(denied.result.isError).toBe(true);
    expect(denied.result.content[0].text).toContain('may not call tool "argv"');
    const tooLarge = JSON.parse(await shim.waitForLine(answerTo("3")));
    expect(tooLarge.result.isError).toBe(true);
    expect(tooLarge.result.content[0].text).toMatch(/exceeds the 2000-byte limit/);
    expect(await shim.waitForLine(answerTo("4"))).toContain("early");
    const seen = readFileSync(record, "utf8");
    expect(seen).not.toContain("argv");
    expect(seen).not.toContain("xxxxx");
    expect(seen).toContain('"id":1,"method":"initialize"');
    shim.child.kill("SIGTERM");
    await shim.exited;
  });

  it("relays SIGTERM received while the checks load; the shim exits with the server's code", async () => {
    const shim = slowShim(
      ["--policy", ALLOW_ALL],
      fixtureServer("exit-on-sigterm", "--code", "42"),
    );
    const pid = await serverPid(shim);
    shim.child.kill("SIGTERM");
    expect(await shim.exited).toEqual({ code: 42, signal: null });
    expect(shim.stderr()).toContain("exit-on-sigterm: got SIGTERM");
    expect(isAlive(pid)).toBe(false);
  });

  it("kills a server that ignores that early SIGTERM once the grace has passed", async () => {
    const shim = slowShim(["--policy", ALLOW_ALL], fixtureServer("ignores-sigterm"), {
      GUARDIAN_TARGET_SHUTDOWN_TIMEOUT_MS: "150",
    });
    const pid = await serverPid(shim);
    shim.child.kill("SIGTERM");
    expect(await shim.exited).toEqual({ code: 128 + 9, signal: null });
    expect(shim.stderr()).toContain("ignores-sigterm: ignoring SIGTERM");
    expect(shim.stderr()).toMatch(/sending SIGKILL/);
    expect(isAlive(pid)).toBe(false);
  });

  it("ignores SIGHUP while the checks load (no policy to reload yet) and serves on", async () => {
    const shim = slowShim(["--policy", ALLOW_ALL], fixtureServer("echo-raw"));
    await serverPid(shim);
    shim.child.kill("SIGHUP");
    shim.send('{"jsonrpc":"2.0","id":1,"method":"ping"}');
    expect(await shim.waitForLine(answerTo("1"))).toContain('"result":{}');
    shim.child.kill("SIGTERM");
    await shim.exited;
  });

  it("exits with the code of a server that ended before the checks were loaded", async () => {
    const shim = slowShim(["--policy", ALLOW_ALL], fixtureServer("exit-with-code", "3"));
    await shim.waitForStderr(/exiting with 3/);
    expect(await shim.exited).toEqual({ code: 3, signal: null });
    expect(shim.lines).toEqual([]);
  });

  it("delivers, checked, what a server wrote before it exited while the checks loaded", async () => {
    const note =
      '{"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":"bye"}}';
    const shim = slowShim(
      ["--policy", ALLOW_ALL],
      [process.execPath, "-e", `process.stdout.write('${note}\\nnot json\\n'); process.exit(5)`],
    );
    expect(await shim.exited).toEqual({ code: 5, signal: null });
    // The notification passes; the non-JSON line is dropped, as at any other time.
    expect(shim.lines).toEqual([note]);
  });
});

describe("stdio shim: a refused start leaves no server behind", () => {
  it("an invalid policy: file and line on stderr, exit 2, nothing on stdout, the server killed", async () => {
    // Line 6 names an unknown action.
    const policy = join(FIXTURE_POLICIES, "unknown-action.yaml");
    // It ignores SIGTERM: only SIGKILL gets rid of it.
    const shim = slowShim(["--policy", policy], fixtureServer("ignores-sigterm"));
    shim.send('{"jsonrpc":"2.0","id":1,"method":"ping"}');
    const pid = await serverPid(shim);
    const exit = await shim.exited;
    expect(exit.code).toBe(2);
    expect(shim.stderr()).toContain(`${policy}:6:`);
    expect(shim.stderr()).toContain('unknown action "explode"');
    expect(shim.lines).toEqual([]);
    expect(isAlive(pid)).toBe(false);
  });

  it("an option value commander refuses: usage error, exit 2, the server killed", async () => {
    const shim = slowShim(
      ["--policy", ALLOW_ALL, "--max-depth", "deep"],
      fixtureServer("echo-raw"),
    );
    const pid = await serverPid(shim);
    const exit = await shim.exited;
    expect(exit.code).toBe(2);
    expect(shim.stderr()).toMatch(/expected a positive integer, got "deep"/);
    expect(shim.lines).toEqual([]);
    expect(isAlive(pid)).toBe(false);
  });
});
