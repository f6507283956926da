import { join } from "node:path";
import { finished } from "node:stream/promises";
import { afterEach, describe, expect, it } from "vitest";
import { EarlyServer } from "../../src/cli/early-server.js";

const SERVERS = join(import.meta.dirname, "..", "fixtures", "servers");
const node = (script: string, ...args: string[]) => [
  process.execPath,
  join(SERVERS, script),
  ...args,
];

const started: EarlyServer[] = [];
function start(argv: string[]): EarlyServer {
  const server = new EarlyServer(argv, process.env);
  started.push(server);
  return server;
}

afterEach(async () => {
  for (const s of started.splice(0)) await s.discard();
});

describe("EarlyServer", () => {
  it("reports a command that cannot start as a start error, without throwing", async () => {
    const server = start([join(SERVERS, "no-such-server")]);
    expect(await server.exited).toEqual({ startError: expect.stringMatching(/ENOENT/) });
  });

  it("reports the exit code, and keeps what the server wrote until someone reads it", async () => {
    const server = start([
      process.execPath,
      "-e",
      'process.stdout.write("hello\\n"); process.exit(3)',
    ]);
    expect(await server.exited).toEqual({ exitCode: 3 });
    // Nothing was read before the bridge came: the line is still there, then the end.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const chunks: Buffer[] = [];
    server.stdout.on("data", (c: Buffer) => chunks.push(c));
    server.adopt();
    await finished(server.stdout);
    expect(Buffer.concat(chunks).toString()).toBe("hello\n");
  });

  it("discard() kills with SIGKILL, so a server that ignores SIGTERM goes too", async () => {
    const server = start(node("ignores-sigterm.js"));
    // Started for real (its SIGTERM handler is in place) before it is discarded.
    await new Promise((resolve) => setTimeout(resolve, 500));
    await server.discard();
    expect(await server.exited).toEqual({ signal: "SIGKILL" });
  });

  it("is adopted once; discard() after adoption leaves the server to the bridge", async () => {
    const server = start(node("echo-raw.js"));
    expect(server.adopt()).toBeUndefined();
    expect(() => server.adopt()).toThrow(/already taken/);
    await server.discard();
    server.kill("SIGTERM");
    expect(await server.exited).toEqual({ signal: "SIGTERM" });
  });

  it("keeps its command line for the run to compare", () => {
    const argv = node("echo-raw.js", "two words");
    expect(start(argv).argv).toEqual(argv);
  });
});
