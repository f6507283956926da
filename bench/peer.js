// One NDJSON client connection to a child process (the server itself, the relay or the
// shim), with the few measurements the benchmark needs.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

const LF = 0x0a;

/** Resident and peak resident memory of a process in bytes (Linux /proc). */
export function memoryOf(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rss: kb("VmRSS") * 1024, peak: kb("VmHWM") * 1024 };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}

/** CPU time (user + system) a process has used so far, in milliseconds (Linux /proc). */
export function cpuOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

export class Peer {
  constructor(argv) {
    const [command, ...args] = argv;
    this.child = spawn(command, args, { stdio: ["pipe", "pipe", "pipe"] });
    this.pid = this.child.pid;
    this.stderr = "";
    this.child.stderr.on("data", (d) => {
      if (this.stderr.length < 65536) this.stderr += d.toString();
    });
    this.child.stdin.on("error", () => {});
    this.exited = new Promise((resolve) => this.child.once("exit", resolve));
    // A process that dies fails every request still waiting, with its stderr.
    this.child.once("exit", (code, signal) => {
      const err = new Error(`${argv.join(" ")} exited (${signal ?? code})\n${this.stderr}`);
      for (const [, done] of this.waiting) done({ error: err });
      this.waiting.clear();
      this.onExit?.(err);
    });
    this.nextId = 1;
    this.waiting = new Map();
    this.parts = [];
    // Counting mode: every line is an answer, nobody needs its content.
    this.onCount = undefined;
    this.child.stdout.on("data", (chunk) => this.#data(chunk));
  }

  #data(chunk) {
    if (this.onCount) {
      let n = 0;
      let i = chunk.indexOf(LF);
      while (i !== -1) {
        n++;
        i = chunk.indexOf(LF, i + 1);
      }
      if (n) this.onCount(n);
      return;
    }
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf(LF, start);
      if (nl === -1) break;
      this.parts.push(chunk.subarray(start, nl));
      const line = Buffer.concat(this.parts).toString("utf8");
      this.parts = [];
      start = nl + 1;
      const msg = JSON.parse(line);
      const done = this.waiting.get(msg.id);
      if (done) {
        this.waiting.delete(msg.id);
        done(msg);
      }
    }
    if (start < chunk.length) this.parts.push(chunk.subarray(start));
  }

  /** Sends a request line and resolves with the parsed answer. */
  request(method, params) {
    const id = this.nextId++;
    return this.send(
      `{"jsonrpc":"2.0","id":${id},"method":"${method}","params":${JSON.stringify(params)}}\n`,
      id,
    );
  }

  send(line, id) {
    return new Promise((resolve) => {
      this.waiting.set(id, resolve);
      this.child.stdin.write(line);
    });
  }

  async initialize() {
    const answer = await this.request("initialize", {
      protocolVersion: "2025-11-25",
      capabilities: {},
      clientInfo: { name: "bench", version: "1.0.0" },
    });
    if (answer.error instanceof Error) throw answer.error;
    if (!answer.result)
      throw new Error(`initialize failed: ${JSON.stringify(answer)}\n${this.stderr}`);
    this.child.stdin.write('{"jsonrpc":"2.0","method":"notifications/initialized"}\n');
    return answer;
  }

  memory() {
    return memoryOf(this.pid);
  }

  async close() {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** A tools/call line for the echo tool, with a fixed id. */
export function callLine(id, message) {
  return `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"message":${JSON.stringify(message)}}}}\n`;
}
