import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough, Writable } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/audit/logger.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { StdioBridge } from "../../src/transport/stdio.js";
import { FIXTURES, tempDir } from "../e2e/harness.js";

const policyEngine = YamlPolicyEngine.fromFile(join(FIXTURES, "policies", "echo-tester.yaml"));
const server = (name: string) => join(FIXTURES, "servers", `${name}.js`);
const KIB = 1024;

/** A client output that reads nothing until `open()`, then everything. */
function stalledOutput() {
  const chunks: Buffer[] = [];
  const held: Array<() => void> = [];
  let open = false;
  const out = new Writable({
    highWaterMark: 16 * KIB,
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      if (open) cb();
      else held.push(cb);
    },
  });
  return {
    out,
    open() {
      open = true;
      for (const cb of held.splice(0)) cb();
    },
    lines: () =>
      Buffer.concat(chunks)
        .toString()
        .split("\n")
        .filter((l) => l !== ""),
  };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

function bridgeFor(name: string, input: PassThrough, output: Writable, pidFile?: string) {
  return new StdioBridge({
    command: process.execPath,
    args: [server(name)],
    policyEngine,
    input,
    output,
    forwardSignals: false,
    logger: createLogger("silent"),
    limits: { targetShutdownTimeoutMs: 100 },
    env: pidFile ? { ...process.env, FIXTURE_PID_FILE: pidFile } : process.env,
  });
}

async function pidIn(file: string): Promise<number> {
  for (let i = 0; i < 500; i++) {
    try {
      const n = Number(readFileSync(file, "utf8"));
      if (n > 0) return n;
    } catch {}
    await wait(20);
  }
  throw new Error("no pid");
}

describe("StdioBridge backpressure (slow readers on either side)", () => {
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(() => dir?.cleanup());

  it("stops reading the client when the server does not read", async () => {
    dir = tempDir();
    const input = new PassThrough();
    const client = stalledOutput();
    client.open();
    const bridge = bridgeFor("never-reads-stdin", input, client.out, join(dir.path, "pid"));
    const done = bridge.run();
    const pid = await pidIn(join(dir.path, "pid"));
    const line = `${JSON.stringify({ jsonrpc: "2.0", method: "notifications/message", params: { data: "z".repeat(8 * KIB) } })}\n`;
    for (let i = 0; i < 2000; i++) input.write(line); // 16 MiB offered
    await wait(300);
    expect(input.isPaused()).toBe(true);
    // Most of what was offered still waits in the client's stream, not inside the shim.
    expect(input.writableLength + input.readableLength).toBeGreaterThan(8 * 1024 * KIB);
    process.kill(pid, "SIGKILL");
    await done;
  });

  it("stops reading the server when the client does not read", async () => {
    dir = tempDir();
    const input = new PassThrough();
    const client = stalledOutput();
    const bridge = bridgeFor("floods-stdout", input, client.out, join(dir.path, "pid"));
    const done = bridge.run();
    const pid = await pidIn(join(dir.path, "pid"));
    input.write(
      `${JSON.stringify({ jsonrpc: "2.0", id: 0, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } })}\n`,
    );
    input.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
    await wait(700);
    // The flood is held at the pipe: the shim keeps about one high-water mark plus a chunk.
    expect(client.out.writableLength).toBeLessThan(1024 * KIB);
    process.kill(pid, "SIGKILL");
    client.open();
    await done;
    expect(client.lines().length).toBeGreaterThan(1);
  });

  it("stops reading the client when its own refusals are not read, and loses none", async () => {
    const input = new PassThrough();
    const client = stalledOutput();
    const done = bridgeFor("echo", input, client.out).run();
    const N = 20_000;
    // Chunks of 1,000 lines, as a pipe delivers them (≤ 64 KiB); each line earns a
    // ~150-byte parse-error answer, so the shim holds at most one chunk's answers.
    for (let i = 0; i < N / 1000; i++) input.write("not json\n".repeat(1000));
    await wait(300);
    expect(input.isPaused()).toBe(true);
    expect(client.out.writableLength).toBeLessThan(1024 * KIB);
    client.open();
    input.end();
    await done;
    const answers = client.lines().map((l) => JSON.parse(l) as { error?: { code: number } });
    expect(answers).toHaveLength(N);
    expect(answers.every((a) => a.error?.code === -32700)).toBe(true);
  });
});
