import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { connect, FIXTURES, tempDir } from "./harness.js";
import { childrenOf, INITIALIZE, isAlive, type RawShim, rssOf, spawnShim } from "./raw-client.js";

const POLICY = join(FIXTURES, "policies", "echo-tester.yaml");
const SHIM = ["--policy", POLICY, "--principal", "tester", "--log-level", "info"];
const server = (name: string) => [process.execPath, join(FIXTURES, "servers", `${name}.js`)];
const MIB = 1024 * 1024;

/** Waits until `read()` returns something other than undefined (polling, for files and /proc). */
async function until<T>(read: () => T | undefined, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = read();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

function pidFrom(file: string): Promise<number> {
  return until(() => {
    try {
      const n = Number(readFileSync(file, "utf8"));
      return n > 0 ? n : undefined;
    } catch {
      return undefined;
    }
  });
}

describe("a misbehaving MCP server", () => {
  let shim: RawShim | undefined;
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(() => {
    shim?.kill();
    shim = undefined;
    dir?.cleanup();
    dir = undefined;
  });

  it("that ignores SIGTERM is killed with SIGKILL after the grace period, and the shim exits", async () => {
    shim = spawnShim([...SHIM, "--shutdown-grace", "200"], server("ignores-sigterm"));
    shim.send(INITIALIZE);
    await shim.waitFor((l) => l.includes('"serverInfo"'));
    const [pid] = childrenOf(shim.child.pid as number);
    expect(pid).toBeGreaterThan(0);
    shim.child.stdin.end();
    const { code } = await shim.exited;
    expect(code).toBe(128 + 9);
    expect(isAlive(pid as number)).toBe(false);
    expect(shim.stderr()).toContain("sending SIGTERM");
    expect(shim.stderr()).toContain("ignored SIGTERM; sending SIGKILL");
  });

  it("that exits during start-up gets the client an error answer to initialize", async () => {
    shim = spawnShim(SHIM, server("exits-at-start"));
    shim.send(INITIALIZE);
    const line = await shim.waitFor((l) => l.includes('"id":0'));
    expect(JSON.parse(line)).toMatchObject({
      jsonrpc: "2.0",
      id: 0,
      error: { code: -32016, data: { check: "transport" } },
    });
    expect((await shim.exited).code).toBe(3);
  });

  it("that exits before the client's initialize arrives still gets it an error answer", async () => {
    shim = spawnShim(SHIM, server("exits-at-start"));
    // The race CI lost once: the server is gone before the shim has read a line.
    await until(() => (shim?.stderr().includes("giving up") ? true : undefined));
    await new Promise((r) => setTimeout(r, 300));
    shim.send(INITIALIZE);
    const line = await shim.waitFor((l) => l.includes('"id":0'));
    expect(JSON.parse(line)).toMatchObject({
      id: 0,
      error: {
        code: -32016,
        data: { check: "transport", reason: expect.stringContaining("code 3") },
      },
    });
    expect((await shim.exited).code).toBe(3);
  });

  it("that exits during start-up fails the SDK client's connect() instead of hanging it", async () => {
    await expect(connect(shimArgsFor("exits-at-start"))).rejects.toThrow(/the MCP server exited/);
  });

  it("that floods stdout is held back while the client does not read, and nothing but protocol reaches stdout", async () => {
    shim = spawnShim(SHIM, server("floods-stdout"));
    shim.send(INITIALIZE);
    await shim.waitFor((l) => l.includes('"serverInfo"'));
    shim.child.stdout.pause();
    shim.send({ jsonrpc: "2.0", method: "notifications/initialized" });
    // The server writes without end; a shim without backpressure would grow by ~1 GB/s here.
    await new Promise((r) => setTimeout(r, 1500));
    const pid = shim.child.pid as number;
    const rss = rssOf(pid);
    expect(rss).toBeLessThan(200 * MIB);
    shim.child.stdout.resume();
    const before = shim.lines.length;
    await until(() => (shim && shim.lines.length > before + 2000 ? true : undefined));
    for (const line of shim.lines.slice(0, 2000)) {
      const msg = JSON.parse(line) as { jsonrpc?: string };
      expect(msg.jsonrpc).toBe("2.0");
    }
    expect(shim.stderr()).toContain("dropped a non-JSON-RPC line from the server");
  });

  it("that never reads stdin makes the shim stop reading the client, not buffer without bound", async () => {
    dir = tempDir();
    const pidFile = join(dir.path, "pid");
    shim = spawnShim([...SHIM, "--shutdown-grace", "200"], server("never-reads-stdin"), {
      ...process.env,
      FIXTURE_PID_FILE: pidFile,
    });
    const childPid = await pidFrom(pidFile);
    const stdin = shim.child.stdin;
    // Each with its own id: a second request under an open id would be refused, not queued.
    let id = 0;
    const message = "y".repeat(64 * 1024);
    const next = () =>
      `${JSON.stringify({ jsonrpc: "2.0", id: ++id, method: "tools/call", params: { name: "echo", arguments: { message } } })}\n`;
    // Write until the shim stops taking bytes (the pipe stays full for half a second).
    let written = 0;
    for (;;) {
      const line = next();
      if (!stdin.write(line)) {
        const drained = await Promise.race([
          new Promise((r) => stdin.once("drain", () => r(true))),
          new Promise((r) => setTimeout(() => r(false), 500)),
        ]);
        if (!drained) break;
      }
      written += line.length;
      expect(written).toBeLessThan(512 * MIB);
    }
    expect(rssOf(shim.child.pid as number)).toBeLessThan(200 * MIB);
    // The client's shutdown sequence: SIGTERM reaches the server through the shim.
    shim.child.kill("SIGTERM");
    const { code } = await shim.exited;
    expect(code).toBe(128 + 15);
    expect(isAlive(childPid)).toBe(false);
  });
});

function shimArgsFor(name: string): string[] {
  return [join(FIXTURES, "..", "..", "bin", "mcp-aegis.js"), ...SHIM, "--", ...server(name)];
}
