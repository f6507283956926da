import { cpSync, existsSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  BIN,
  connectShim,
  expectOnlyJsonRpc,
  expectShimStdoutClean,
  FIXTURE_POLICIES,
  FIXTURE_SERVERS,
  fixtureServer,
  killLeftovers,
  type ShimSession,
  shimArgs,
  spawnShim,
  tempDir,
} from "./harness.js";

const ECHO_ONLY = join(FIXTURE_POLICIES, "echo-only.yaml");

function textOf(result: Record<string, unknown>): string {
  return (result.content as Array<{ text?: string }>)[0]?.text ?? "";
}

/** The arguments the server was started with, as it reports them (argv after node). */
async function serverArgv(session: ShimSession): Promise<string[]> {
  return JSON.parse(textOf(await session.client.callTool({ name: "argv", arguments: {} })));
}

describe("stdio shim: how the server command is given", () => {
  let session: ShimSession | undefined;
  const cleanups: Array<() => void> = [];
  afterEach(async () => {
    await session?.client.close();
    session = undefined;
    killLeftovers();
    expectShimStdoutClean();
    for (const c of cleanups.splice(0)) c();
  });

  /** The fixture servers copied into a directory whose name has spaces and quotes. */
  function spacedCopy(): string {
    const dir = tempDir("aegis cli ");
    cleanups.push(dir.cleanup);
    const target = join(realpathSync(dir.path), "my servers", "it's here");
    cpSync(FIXTURE_SERVERS, target, { recursive: true });
    return target;
  }

  it("--target with a double-quoted path with spaces starts the right server", async () => {
    const dir = spacedCopy();
    const script = join(dir, "echo-raw.js");
    session = await connectShim([
      BIN,
      "--policy",
      join(FIXTURE_POLICIES, "allow-all.yaml"),
      "--target",
      `"${process.execPath}" "${script}" --flag "two words"`,
    ]);
    expect(await serverArgv(session)).toEqual([script, "--flag", "two words"]);
    const echo = await session.client.callTool({ name: "echo", arguments: { message: "hi" } });
    expect(textOf(echo)).toBe("hi");
    expectOnlyJsonRpc(session.shim.lines);
  });

  it("--target with backslash-escaped spaces and single quotes, run without a shell", async () => {
    const dir = spacedCopy();
    const script = join(dir, "echo-raw.js");
    const escaped = script.replace(/([ '])/g, "\\$1");
    session = await connectShim([
      BIN,
      "--policy",
      join(FIXTURE_POLICIES, "allow-all.yaml"),
      "--target",
      `${process.execPath} ${escaped} '$HOME' 'a;b' '*.js'`,
    ]);
    // No shell: variables, separators and globs reach the server as written.
    expect(await serverArgv(session)).toEqual([script, "$HOME", "a;b", "*.js"]);
  });

  it("the -- form passes the command and its arguments unchanged, flags included", async () => {
    const dir = spacedCopy();
    const script = join(dir, "echo-raw.js");
    const args = ["two words", "--policy", "not-for-the-shim", "--", "-V", "'quoted'"];
    session = await connectShim(
      shimArgs(
        ["--policy", join(FIXTURE_POLICIES, "allow-all.yaml")],
        [process.execPath, script, ...args],
      ),
    );
    expect(await serverArgv(session)).toEqual([script, ...args]);
  });

  it("applies the policy whichever form started the server", async () => {
    session = await connectShim([
      BIN,
      "--policy",
      ECHO_ONLY,
      "--target",
      `"${process.execPath}" "${join(FIXTURE_SERVERS, "echo-raw.js")}"`,
    ]);
    const denied = await session.client.callTool({ name: "argv", arguments: {} });
    expect(denied.isError).toBe(true);
    expect(textOf(denied)).toContain('may not call tool "argv"');
  });

  // The server starts while the policy loads (src/cli/entry.ts): a refused policy kills it
  // before it has seen a client byte (stdio-early-start.test.ts shows it is gone).
  it("refuses an invalid policy at start with the file and line, forwarding nothing", async () => {
    const dir = tempDir("aegis-bad-policy-");
    cleanups.push(dir.cleanup);
    // Line 6 names an unknown action.
    const policy = join(FIXTURE_POLICIES, "unknown-action.yaml");
    const record = join(dir.path, "seen.jsonl");
    const shim = spawnShim(
      shimArgs(["--policy", policy], fixtureServer("echo-raw", "--record", record)),
    );
    shim.send('{"jsonrpc":"2.0","id":1,"method":"ping"}');
    const exit = await shim.exited;
    expect(exit.code).toBe(2);
    expect(shim.stderr()).toContain(policy);
    expect(shim.stderr()).toMatch(/:6\b/);
    expect(existsSync(record)).toBe(false);
    expect(shim.lines).toEqual([]);
  });

  it("exits 127 when the server command cannot be started, answering what was asked", async () => {
    const shim = spawnShim(
      shimArgs(["--policy", ECHO_ONLY], [join(FIXTURE_SERVERS, "no-such-server")]),
    );
    shim.send('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}');
    const exit = await shim.exited;
    expect(exit.code).toBe(127);
    expect(shim.stderr()).toMatch(/could not start the MCP server .*no-such-server.*ENOENT/);
    expect(shim.lines).toHaveLength(1);
    expect(shim.lines[0]).toContain('"code":-32016');
    expectOnlyJsonRpc(shim.lines);
  });
});
