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
  type ShimProcess,
  shimArgs,
  spawnShim,
  tempDir,
} from "./harness.js";

const ECHO_ONLY = join(FIXTURE_POLICIES, "echo-only.yaml");
const ALLOW_ALL = join(FIXTURE_POLICIES, "allow-all.yaml");

interface Reply {
  id?: unknown;
  result?: {
    isError?: boolean;
    content?: Array<{ text: string }>;
    _meta?: Record<string, unknown>;
  };
  error?: { code: number; message: string; data?: { check?: string; reason?: string } };
}

/** A shim in front of echo-raw that records every line the server receives. */
function startRaw(flags: string[] = [], policy = ECHO_ONLY) {
  const dir = tempDir("aegis-raw-");
  cleanups.push(dir.cleanup);
  const record = join(dir.path, "seen.jsonl");
  const shim = spawnShim(
    shimArgs(["--policy", policy, ...flags], fixtureServer("echo-raw", "--record", record)),
  );
  let next = 1000;
  return {
    shim,
    /** Lines the server has received (complete once an answer to a later request came back). */
    seen: (): string[] => {
      try {
        return readFileSync(record, "utf8").split("\n").filter(Boolean);
      } catch {
        return [];
      }
    },
    /** Sends an allowed echo and waits for its answer: proves the session still works. */
    async echo(message: string): Promise<Reply> {
      const id = next++;
      shim.send(
        `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"message":${JSON.stringify(message)}}}}`,
      );
      return JSON.parse(await shim.waitForLine(answerTo(String(id)))) as Reply;
    },
  };
}

async function finish(shim: ShimProcess, options: { batchReplies?: boolean } = {}) {
  shim.end();
  const exit = await shim.exited;
  expect(exit.code).toBe(0);
  expectOnlyJsonRpc(shim.lines, options);
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  killLeftovers();
  expectShimStdoutClean();
  for (const c of cleanups.splice(0)) c();
});

function rssMiB(pid: number): number | undefined {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

describe("stdio shim: hostile lines from the client never reach the server unchecked", () => {
  it("answers an oversize line for its id and keeps the session", async () => {
    const { shim, seen, echo } = startRaw(["--max-line-size", "4096"]);
    const big = "x".repeat(10_000);
    shim.send(
      `{"jsonrpc":"2.0","id":7,"method":"tools/call","params":{"name":"echo","arguments":{"message":"${big}"}}}`,
    );
    shim.send(`{"jsonrpc":"2.0","id":"big","method":"resources/read","params":{"uri":"${big}"}}`);
    const call = JSON.parse(await shim.waitForLine(answerTo("7"))) as Reply;
    expect(call.result?.isError).toBe(true);
    expect(call.result?.content?.[0]?.text).toMatch(
      /^Blocked by mcp-aegis \(size\): message of 10\d{3} bytes exceeds the 4096-byte limit/,
    );
    expect(call.result?._meta?.["mcp-aegis/blocked"]).toMatchObject({ code: -32011 });
    const read = JSON.parse(await shim.waitForLine(answerTo('"big"'))) as Reply;
    expect(read.error).toMatchObject({ code: -32011, data: { check: "size" } });

    expect((await echo("still here")).result?.content?.[0]?.text).toBe("still here");
    expect(seen().some((l) => l.includes(big.slice(0, 100)))).toBe(false);
    await finish(shim);
  });

  it("answers garbage lines with parse errors and keeps the session", async () => {
    const { shim, seen, echo } = startRaw();
    const garbage = [
      "this is not json",
      Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]),
      '{"jsonrpc":"2.0","id":11,"method":"tools/call","params":{"name":"echo"',
      '{"hello":"world"}',
      '"just a string"',
      "42",
      "null",
      '{"jsonrpc":"1.0","id":12,"method":"ping"}',
    ];
    for (const g of garbage) shim.send(g);
    shim.send("   "); // blank: ignored, no answer
    const reply = await echo("after garbage");
    expect(reply.result?.content?.[0]?.text).toBe("after garbage");

    const answers = shim.lines.map((l) => JSON.parse(l) as Reply).filter((r) => r.error);
    expect(answers).toHaveLength(garbage.length);
    expect(answers.filter((a) => a.error?.code === -32700)).toHaveLength(3);
    expect(answers.filter((a) => a.error?.code === -32600)).toHaveLength(5);
    // A truncated request whose id could be read is answered for that id.
    expect(answers.find((a) => a.id === 11)?.error?.code).toBe(-32700);
    expect(answers.find((a) => a.id === 12)?.error?.code).toBe(-32600);
    // Without a readable id, the reply leaves `id` out (the SDK refuses "id": null).
    expect(answers.filter((a) => "id" in a)).toHaveLength(2);
    expect(seen()).toHaveLength(1);
    await finish(shim);
  });

  it("refuses a depth bomb of 100,000 nested arrays for its id; the shim stays up and small", async () => {
    const { shim, seen, echo } = startRaw();
    const N = 100_000;
    const arrays = `${"[".repeat(N)}${"]".repeat(N)}`;
    const objects = `${'{"a":'.repeat(N)}1${"}".repeat(N)}`;
    shim.send(
      `{"jsonrpc":"2.0","id":21,"method":"tools/call","params":{"name":"echo","arguments":{"message":${arrays}}}}`,
    );
    shim.send(`{"jsonrpc":"2.0","id":22,"method":"resources/read","params":{"uri":${objects}}}`);
    shim.send(`{"jsonrpc":"2.0","method":"notifications/progress","params":{"x":${arrays}}}`);
    const call = JSON.parse(await shim.waitForLine(answerTo("21"))) as Reply;
    expect(call.result?.isError).toBe(true);
    expect(call.result?.content?.[0]?.text).toMatch(
      /^Blocked by mcp-aegis \(depth\): message nests deeper than \d+ levels/,
    );
    expect(call.result?._meta?.["mcp-aegis/blocked"]).toMatchObject({ code: -32012 });
    const read = JSON.parse(await shim.waitForLine(answerTo("22"))) as Reply;
    expect(read.error).toMatchObject({ code: -32012, data: { check: "depth" } });

    expect((await echo("after the bomb")).result?.content?.[0]?.text).toBe("after the bomb");
    expect(seen()).toHaveLength(1);
    const rss = rssMiB(shim.pid);
    if (rss !== undefined) expect(rss).toBeLessThan(200);
    // Nothing answered the dropped notification.
    expect(shim.lines).toHaveLength(3);
    await finish(shim);
  });

  it("refuses depth bombs as large as the line limit allows without parsing them (no stall, no memory blow-up)", async () => {
    const { shim, seen, echo } = startRaw();
    // ~9.8 MB of brackets, under the default 10 MiB line limit: JSON.parse of it takes
    // seconds and hundreds of MiB, so the shim must refuse it from the scan alone.
    const N = 4_900_000;
    const bomb = `${"[".repeat(N)}${"]".repeat(N)}`;
    shim.send(
      `{"jsonrpc":"2.0","id":71,"method":"tools/call","params":{"name":"echo","arguments":{"message":${bomb}}}}`,
    );
    shim.send(`[{"jsonrpc":"2.0","id":72,"method":"ping"},${bomb}]`);
    shim.send(`{"jsonrpc":"2.0","method":"notifications/x","params":{"x":${bomb}}}`);
    const call = JSON.parse(await shim.waitForLine(answerTo("71"))) as Reply;
    expect(call.result?._meta?.["mcp-aegis/blocked"]).toMatchObject({ code: -32012 });
    expect(await shim.waitForLine(answerTo("72"))).toContain('"code":-32600');
    expect((await echo("after the big bomb")).result?.content?.[0]?.text).toBe(
      "after the big bomb",
    );
    // Parsing one such line costs ~10 s of CPU and ~300 MiB; refused from the scan, neither.
    const rss = rssMiB(shim.pid);
    if (rss !== undefined) expect(rss).toBeLessThan(250);
    expect(seen()).toHaveLength(1);
    await finish(shim, { batchReplies: true });
  });

  it("refuses a batch with -32600 for each request id; nothing in it reaches the server", async () => {
    const { shim, seen, echo } = startRaw();
    shim.send(
      '[{"jsonrpc":"2.0","id":31,"method":"tools/call","params":{"name":"echo","arguments":{"message":"in a batch"}}},' +
        '{"jsonrpc":"2.0","id":"32","method":"ping"},' +
        '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}]',
    );
    const batchReply = await shim.waitForLine((l) => l.startsWith("["));
    const replies = JSON.parse(batchReply) as Reply[];
    expect(replies.map((r) => [r.id, r.error?.code])).toEqual([
      [31, -32600],
      ["32", -32600],
    ]);
    shim.send("[]");
    const empty = JSON.parse(
      await shim.waitForLine((l) => l.includes('"code":-32600') && !l.startsWith("[")),
    ) as Reply;
    expect(empty.id).toBeUndefined();

    expect((await echo("after the batch")).result?.content?.[0]?.text).toBe("after the batch");
    expect(seen()).toHaveLength(1);
    expect(seen()[0]).toContain("after the batch");
    await finish(shim, { batchReplies: true });
  });
});

describe("stdio shim: framing in both directions", () => {
  it("decodes requests written byte by byte, with CRLF endings and multi-byte characters", async () => {
    const { shim, seen } = startRaw();
    const message = "größe → 🌍 \u2028 end";
    const line = Buffer.from(
      `{"jsonrpc":"2.0","id":41,"method":"tools/call","params":{"name":"echo","arguments":{"message":"${message}"}}}\r\n`,
    );
    for (let i = 0; i < line.length; i++) shim.write(line.subarray(i, i + 1));
    const reply = JSON.parse(await shim.waitForLine(answerTo("41"))) as Reply;
    expect(reply.result?.content?.[0]?.text).toBe(JSON.parse(`"${message}"`));
    // Forwarded as the original bytes (without the line ending).
    expect(seen()[0]).toBe(line.subarray(0, line.length - 2).toString("utf8"));
    await finish(shim);
  });

  it("forwards a 3 MiB call byte for byte: escapes and multi-byte characters in its long string, odd chunks, CRLF", async () => {
    const { shim, seen } = startRaw();
    const message = 'größe → 🌍 "q" \\ \n\t'.repeat(120_000);
    const line = Buffer.from(
      `{"jsonrpc":"2.0","id":81,"method":"tools/call","params":{"name":"echo","arguments":{"message":${JSON.stringify(message)},"n":[1,{"k":"v"}]}}}\r\n`,
    );
    expect(line.length).toBeGreaterThan(3 * 1024 * 1024);
    for (let at = 0, n = 1; at < line.length; at += n, n = ((n * 7919) % 65_521) + 1) {
      shim.write(line.subarray(at, at + n));
    }
    const reply = JSON.parse(await shim.waitForLine(answerTo("81"))) as Reply;
    expect(reply.result?.content?.[0]?.text).toBe(message);
    expect(seen()[0]).toBe(line.subarray(0, line.length - 2).toString("utf8"));
    await finish(shim);
  });

  it("refuses a credential at the end of a 3 MiB argument: the checks read all of a long line", async () => {
    const { shim, seen, echo } = startRaw();
    const message = `${"a".repeat(3 * 1024 * 1024)} AKIAIOSFODNN7EXAMPLE`;
    shim.send(
      `{"jsonrpc":"2.0","id":82,"method":"tools/call","params":{"name":"echo","arguments":{"message":"${message}"}}}`,
    );
    const reply = JSON.parse(await shim.waitForLine(answerTo("82"))) as Reply;
    expect(reply.result?.isError).toBe(true);
    expect(reply.result?.content?.[0]?.text).toMatch(/^Blocked by mcp-aegis \(secrets\)/);
    expect((await echo("after the long line")).result?.content?.[0]?.text).toBe(
      "after the long line",
    );
    expect(seen()).toHaveLength(1);
    await finish(shim);
  });

  it("answers the client's request with an error when the server's answer is over the line limit", async () => {
    const { shim, echo } = startRaw(["--max-line-size", "4096"], ALLOW_ALL);
    shim.send(
      '{"jsonrpc":"2.0","id":51,"method":"tools/call","params":{"name":"big","arguments":{"bytes":10000}}}',
    );
    shim.send(
      '{"jsonrpc":"2.0","id":52,"method":"tools/call","params":{"name":"big","arguments":{"bytes":3000}}}',
    );
    const tooBig = JSON.parse(await shim.waitForLine(answerTo("51"))) as Reply;
    expect(tooBig.error).toMatchObject({ code: -32011, data: { check: "size" } });
    const fits = JSON.parse(await shim.waitForLine(answerTo("52"))) as Reply;
    expect(fits.result?.content?.[0]?.text).toHaveLength(3000);
    expect((await echo("after")).result?.content?.[0]?.text).toBe("after");
    expect(shim.lines.every((l) => Buffer.byteLength(l) <= 4096)).toBe(true);
    await finish(shim);
  });

  it("does not pass on the cancellation of a request the shim answered itself", async () => {
    const { shim, seen, echo } = startRaw();
    shim.send('{"jsonrpc":"2.0","id":61,"method":"tools/call","params":{"name":"argv"}}');
    await shim.waitForLine(answerTo("61"));
    shim.send(
      '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":61,"reason":"x"}}',
    );
    await echo("sync");
    expect(seen().some((l) => l.includes("notifications/cancelled"))).toBe(false);
    await finish(shim);
  });
});

describe("stdio shim: ids above 2^53 come back byte for byte", () => {
  const HUGE = "9007199254740993"; // 2^53 + 1: JSON.parse turns it into ...992
  const HUGER = "123456789012345678901234567890";

  it("answers a blocked call with the exact id bytes", async () => {
    const { shim, seen, echo } = startRaw();
    shim.send(`{"jsonrpc":"2.0","id":${HUGE},"method":"tools/call","params":{"name":"argv"}}`);
    const line = await shim.waitForLine(answerTo(HUGE));
    expect(line).toContain(`"id":${HUGE},`);
    expect((JSON.parse(line) as Reply).result?.isError).toBe(true);
    shim.send(
      `{"jsonrpc":"2.0","id":-${HUGER},"method":"no/such-method-is-blocked","params":{"a":${"[".repeat(100)}${"]".repeat(100)}}}`,
    );
    expect(await shim.waitForLine(answerTo(`-${HUGER}`))).toContain(`"id":-${HUGER},`);
    await echo("sync");
    expect(seen()).toHaveLength(1);
    await finish(shim);
  });

  it("forwards a call and returns the server's answer with the id bytes unchanged", async () => {
    const { shim, seen } = startRaw();
    shim.send(
      `{"jsonrpc":"2.0","id":${HUGER},"method":"tools/call","params":{"name":"echo","arguments":{"message":"huge id"}}}`,
    );
    shim.send(`{"jsonrpc":"2.0","id":${HUGE},"method":"ping"}`);
    shim.send(`{"jsonrpc":"2.0","id":"${HUGE}","method":"ping"}`);
    const call = await shim.waitForLine(answerTo(HUGER));
    expect(call).toContain("huge id");
    expect(await shim.waitForLine(answerTo(HUGE))).toBe(
      `{"jsonrpc":"2.0","id":${HUGE},"result":{}}`,
    );
    expect(await shim.waitForLine(answerTo(`"${HUGE}"`))).toBe(
      `{"jsonrpc":"2.0","id":"${HUGE}","result":{}}`,
    );
    // The server received the exact bytes too.
    expect(seen()[0]).toContain(`"id":${HUGER},`);
    await finish(shim);
  });

  it("refuses a batch with the exact id bytes of each request", async () => {
    const { shim } = startRaw();
    shim.send(
      `[{"jsonrpc":"2.0","id":${HUGE},"method":"ping"},{"jsonrpc":"2.0","id":${HUGER},"method":"ping"}]`,
    );
    const line = await shim.waitForLine((l) => l.startsWith("["));
    expect(line).toContain(`"id":${HUGE},`);
    expect(line).toContain(`"id":${HUGER},`);
    await finish(shim, { batchReplies: true });
  });
});
