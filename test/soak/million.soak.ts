import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { FIXTURES, tempDir } from "../e2e/harness.js";
import { INITIALIZE, isAlive, rssOf, spawnShim } from "../e2e/raw-client.js";

const TOTAL = Number(process.env.SOAK_MESSAGES ?? 1_000_000);
const IN_FLIGHT = 64;
const POLICY = join(FIXTURES, "policies", "echo-tester.yaml");

/**
 * Message `i` of the mix: 6 in 10 allowed calls, 2 denied calls, 1 malformed line (answered
 * with a parse error that has no id) and 1 request for an unknown method (the server's error).
 * Every one of them earns exactly one answer. A notification rides along every 16th.
 */
function messageFor(i: number): string {
  const kind = i % 10;
  const note =
    i % 16 === 0
      ? '{"jsonrpc":"2.0","method":"notifications/progress","params":{"progressToken":1,"progress":1}}\n'
      : "";
  if (kind === 8) return `${note}{"jsonrpc":"2.0","id":${i},"method":"tools/call",oops}\n`;
  if (kind === 9) return `${note}{"jsonrpc":"2.0","id":${i},"method":"no/such/method"}\n`;
  if (kind >= 6)
    return `${note}{"jsonrpc":"2.0","id":${i},"method":"tools/call","params":{"name":"get-env","arguments":{}}}\n`;
  return `${note}{"jsonrpc":"2.0","id":${i},"method":"tools/call","params":{"name":"echo","arguments":{"message":"soak ${i}"}}}\n`;
}

const ID = /"id":(\d+)/;

describe("soak", () => {
  let dir: ReturnType<typeof tempDir> | undefined;
  afterEach(() => dir?.cleanup());

  it(`${TOTAL.toLocaleString("en")} mixed messages: no lost answers, flat memory, no leaked children or fds`, async () => {
    dir = tempDir();
    const pidFile = join(dir.path, "pid");
    const shim = spawnShim(
      ["--policy", POLICY, "--principal", "tester", "--log-level", "error"],
      [process.execPath, join(FIXTURES, "servers", "echo.js")],
      { ...process.env, FIXTURE_PID_FILE: pidFile },
    );
    const pid = shim.child.pid as number;
    shim.send(INITIALIZE);
    await shim.waitFor((l) => l.includes('"serverInfo"'));
    shim.lines.length = 0;
    shim.child.stdout.removeAllListeners("data");
    const serverPid = Number(readFileSync(pidFile, "utf8"));

    const answered = new Uint8Array(TOTAL + 1);
    let received = 0;
    let duplicates = 0;
    let sent = 0;
    const samples: Array<{ at: number; rss: number; fds: number }> = [];
    const fdsOf = () => readdirSync(`/proc/${pid}/fd`).length;
    const sendMore = (n: number) => {
      let s = "";
      for (let k = 0; k < n && sent < TOTAL; k++) s += messageFor(++sent);
      if (s) shim.child.stdin.write(s);
    };
    let partial = "";
    await new Promise<void>((resolve) => {
      shim.child.stdout.setEncoding("utf8");
      shim.child.stdout.on("data", (chunk: string) => {
        const lines = (partial + chunk).split("\n");
        partial = lines.pop() ?? "";
        for (const line of lines) {
          const m = ID.exec(line);
          // The parse-error answers carry no id: they are counted by kind.
          const id = m ? Number(m[1]) : -1;
          if (id >= 0) {
            if (answered[id]) duplicates++;
            answered[id] = 1;
          }
          received++;
          if (received % (TOTAL / 10) === 0)
            samples.push({ at: received, rss: rssOf(pid), fds: fdsOf() });
        }
        if (received >= TOTAL) resolve();
        else sendMore(lines.length);
      });
      sendMore(IN_FLIGHT);
    });

    expect(received).toBe(TOTAL);
    expect(duplicates).toBe(0);
    let withId = 0;
    for (let i = 1; i <= TOTAL; i++) if (i % 10 !== 8) withId += answered[i] as number;
    expect(withId).toBe(TOTAL - Math.floor((TOTAL + 2) / 10));

    // Memory: after the first fifth (JIT and heap warm-up), resident memory stays flat.
    const base = samples[1]?.rss ?? 0;
    const last = samples[samples.length - 1]?.rss ?? 0;
    process.stderr.write(
      `soak: ${samples.map((s) => `${s.at}: ${(s.rss / 1048576).toFixed(1)} MB, ${s.fds} fds`).join("; ")}\n`,
    );
    expect(last).toBeLessThan(base * 1.25);
    expect(new Set(samples.map((s) => s.fds)).size).toBe(1);

    shim.child.stdin.end();
    const { code } = await shim.exited;
    expect(code).toBe(0);
    expect(isAlive(serverPid)).toBe(false);
  });
});
