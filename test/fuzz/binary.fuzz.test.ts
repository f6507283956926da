import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIXTURES } from "../e2e/harness.js";
import { INITIALIZE, spawnShim } from "../e2e/raw-client.js";

const POLICY = join(FIXTURES, "policies", "echo-tester.yaml");

/** Bytes of every kind: messages, near-misses, invalid UTF-8, BOMs, lone \r, deep nesting. */
const piece = fc.oneof(
  fc
    .nat()
    .map(
      (id) =>
        `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"message":"ü€😀"}}}\n`,
    ),
  fc
    .nat()
    .map(
      (id) =>
        `{"jsonrpc":"2.0","id":"x${id}","method":"tools/call","params":{"name":"get-env"}}\r\n`,
    ),
  fc.constant('\uFEFF{"jsonrpc":"2.0","id":7,"method":"ping"}\n'),
  fc.constant("a lone \r carriage return\n"),
  fc.json().map((s) => `${s.replaceAll("\n", "")}\n`),
  fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a).toString("latin1")),
  fc.nat(500).map((n) => `${"[".repeat(n)}\n`),
  fc.constant(
    `{"jsonrpc":"2.0","id":9,"method":"tools/call","params":{"name":"echo","arguments":{"message":"${"z".repeat(5000)}"}}}\n`,
  ),
);

describe("framing fuzz through the built binary", () => {
  it("writes nothing but JSON-RPC to stdout and exits cleanly, whatever the client sends", async () => {
    const pieces = fc
      .sample(fc.array(piece, { minLength: 50, maxLength: 50 }), { seed: 8, numRuns: 8 })
      .flat();
    const cuts = fc.sample(fc.integer({ min: 1, max: 700 }), { seed: 9, numRuns: pieces.length });
    const bytes = Buffer.concat([
      Buffer.from(`${JSON.stringify(INITIALIZE)}\n`),
      ...pieces.map((p) => Buffer.from(p, p.includes("\uFFFD") ? "utf8" : "latin1")),
    ]);
    const shim = spawnShim(
      [
        "--policy",
        POLICY,
        "--principal",
        "tester",
        "--max-line-size",
        "4096",
        "--log-level",
        "error",
      ],
      [process.execPath, join(FIXTURES, "servers", "echo.js")],
    );
    let at = 0;
    for (const n of cuts) {
      if (at >= bytes.length) break;
      shim.child.stdin.write(bytes.subarray(at, at + n));
      at += n;
    }
    shim.child.stdin.end(bytes.subarray(at));
    const { code } = await shim.exited;
    expect(shim.stderr()).not.toMatch(/internal error|Uncaught|TypeError/);
    expect(code).toBe(0);
    expect(shim.lines.length).toBeGreaterThan(100);
    for (const line of shim.lines) {
      const msg = JSON.parse(line) as Record<string, unknown> | unknown[];
      const first = (Array.isArray(msg) ? msg[0] : msg) as Record<string, unknown>;
      expect(first.jsonrpc).toBe("2.0");
    }
  });
});
