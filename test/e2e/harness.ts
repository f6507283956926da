import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { deserializeMessage, serializeMessage } from "@modelcontextprotocol/sdk/shared/stdio.js";
import type { Transport } from "@modelcontextprotocol/sdk/shared/transport.js";
import { type JSONRPCMessage, JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { onTestFailed } from "vitest";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The built launcher: e2e tests drive the real binary (npm test builds first). */
export const BIN = join(ROOT, "bin", "mcp-aegis.js");
export const POLICIES = join(ROOT, "policies");
export const FIXTURES = join(ROOT, "test", "fixtures");

/** Entry points of the reference servers, run with this Node (no npx, no network). */
export const SERVERS = {
  everything: join(ROOT, "node_modules/@modelcontextprotocol/server-everything/dist/index.js"),
  filesystem: join(ROOT, "node_modules/@modelcontextprotocol/server-filesystem/dist/index.js"),
  memory: join(ROOT, "node_modules/@modelcontextprotocol/server-memory/dist/index.js"),
} as const;

export function tempDir(prefix = "aegis-"): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Arguments that run the shim in front of `server` (argv after `--`). */
export function shimArgs(shimOptions: string[], server: string[]): string[] {
  return [BIN, ...shimOptions, "--", ...server];
}

export interface Connected {
  client: Client;
  transport: StdioClientTransport;
  stderr: () => string;
  close: () => Promise<void>;
}

/**
 * Connects the official SDK client to a command (the shim, or a server directly), with
 * stderr captured so a failing test can print it.
 */
export async function connect(
  args: string[],
  options: {
    capabilities?: ConstructorParameters<typeof Client>[1];
    env?: Record<string, string>;
    cwd?: string;
    /** What runs `args` (default: this Node); e.g. an installed `mcp-aegis` binary. */
    command?: string;
  } = {},
): Promise<Connected> {
  const transport = new StdioClientTransport({
    command: options.command ?? process.execPath,
    args,
    stderr: "pipe",
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stderr = "";
  transport.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const client = new Client(
    { name: "aegis-e2e", version: "1.0.0" },
    options.capabilities ?? { capabilities: {} },
  );
  await client.connect(transport);
  return { client, transport, stderr: () => stderr, close: () => client.close() };
}

// ---------------------------------------------------------------------------------------
// Raw access to the shim: for what the SDK client cannot express (garbage, batches, ids
// above 2^53, exit codes, signals), and to see every byte the shim writes on stdout.

/** Whether a process exists (signal 0 probes; EPERM means it exists under another user). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid a fixture server announces on stderr (`… ready pid=N`). */
export async function serverPid(shim: {
  waitForStderr(p: RegExp): Promise<RegExpMatchArray>;
}): Promise<number> {
  return Number((await shim.waitForStderr(/ready pid=(\d+)/))[1]);
}

export const FIXTURE_SERVERS = join(FIXTURES, "servers");
export const FIXTURE_POLICIES = join(FIXTURES, "policies");

/** Command (argv) that runs a fixture server with this Node. */
export function fixtureServer(name: string, ...args: string[]): string[] {
  return [process.execPath, join(FIXTURE_SERVERS, `${name}.js`), ...args];
}

export interface ShimExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running shim with its stdout split into lines (bytes as received, newline removed). */
export interface ShimProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Every stdout line so far, decoded as UTF-8. */
  readonly lines: string[];
  stderr(): string;
  /** Writes bytes to the shim's stdin exactly as given. */
  write(data: string | Buffer): void;
  /** Writes one line (a newline is appended). */
  send(line: string | Buffer): void;
  /** Closes the shim's stdin (EOF). */
  end(): void;
  /** The first stdout line (received so far or later) that satisfies `match`. */
  waitForLine(match: (line: string) => boolean): Promise<string>;
  /** Resolves with the first match of `pattern` in stderr (so far or later). */
  waitForStderr(pattern: RegExp): Promise<RegExpMatchArray>;
  /** Called with each stdout line as it arrives. */
  onLine(listener: (line: string) => void): void;
  readonly exited: Promise<ShimExit>;
}

const running = new Set<ChildProcess>();
const spawned: ShimProcess[] = [];

/**
 * Asserts that every shim spawned since the last call wrote nothing but JSON-RPC on
 * stdout (a refused batch's array of responses included). Call it in afterEach.
 */
export function expectShimStdoutClean(): void {
  for (const shim of spawned.splice(0)) expectOnlyJsonRpc(shim.lines, { batchReplies: true });
}

/** Kills shims a failed test left running (tsx's habit: never leak processes). */
export function killLeftovers(): void {
  for (const child of running) child.kill("SIGKILL");
  running.clear();
}

/**
 * Spawns the built shim with `args` (use shimArgs). stdout is collected as lines; on a
 * failed test the shim's stderr is printed.
 */
export function spawnShim(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): ShimProcess {
  const child = spawn(process.execPath, args, {
    stdio: ["pipe", "pipe", "pipe"],
    env: options.env ?? { PATH: process.env.PATH ?? "" },
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  running.add(child);
  const lines: string[] = [];
  const lineListeners: Array<(line: string) => void> = [];
  let stderr = "";
  const stderrListeners: Array<() => void> = [];
  let pending: Buffer = Buffer.alloc(0);
  child.stdout.on("data", (chunk: Buffer) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    for (let nl = pending.indexOf(10); nl !== -1; nl = pending.indexOf(10)) {
      const line = pending.toString("utf8", 0, nl);
      pending = pending.subarray(nl + 1);
      lines.push(line);
      for (const l of [...lineListeners]) l(line);
    }
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
    for (const l of [...stderrListeners]) l();
  });
  // The shim may exit before reading everything a test wrote; that is not a test error.
  child.stdin.on("error", () => {});
  const exited = new Promise<ShimExit>((resolve) => {
    child.once("close", (code, signal) => {
      running.delete(child);
      if (pending.length) lines.push(`${pending.toString("utf8")} [no newline]`);
      resolve({ code, signal });
    });
  });
  try {
    onTestFailed(() => {
      console.error(`--- shim stderr (${args.slice(1).join(" ")}) ---\n${stderr}`);
    });
  } catch {
    // Not inside a test (a hook): nothing to attach to.
  }
  const onLine = (listener: (line: string) => void) => lineListeners.push(listener);
  const shim: ShimProcess = {
    child,
    pid: child.pid as number,
    lines,
    stderr: () => stderr,
    write: (data) => child.stdin.write(data),
    send: (line) => {
      child.stdin.write(line);
      child.stdin.write("\n");
    },
    end: () => child.stdin.end(),
    onLine,
    waitForLine: (match) =>
      new Promise((resolve, reject) => {
        const found = lines.find(match);
        if (found !== undefined) return resolve(found);
        const listener = (line: string) => {
          if (match(line)) resolve(line);
        };
        onLine(listener);
        void exited.then(() =>
          reject(new Error(`shim exited before the awaited line; stdout:\n${lines.join("\n")}`)),
        );
      }),
    waitForStderr: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = stderr.match(pattern);
          if (m) resolve(m);
          return m !== null;
        };
        if (check()) return;
        stderrListeners.push(check);
        void exited.then(() => {
          if (!check()) reject(new Error(`stderr never matched ${pattern}:\n${stderr}`));
        });
      }),
    exited,
  };
  spawned.push(shim);
  return shim;
}

/** The line that answers the request whose id token is `rawId` (compared as text). */
export function answerTo(rawId: string): (line: string) => boolean {
  const needle = `"id":${rawId}`;
  return (line) => line.includes(needle) && !line.includes('"method"');
}

/**
 * Asserts that every stdout line of the shim is one JSON-RPC message (or, when
 * `batchReplies` is set, an array of responses answering a refused batch), judged by the
 * SDK's own strict schema.
 */
export function expectOnlyJsonRpc(
  lines: readonly string[],
  options: { batchReplies?: boolean } = {},
): void {
  for (const line of lines) {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new Error(`stdout carried a line that is not JSON: ${line.slice(0, 200)}`);
    }
    const items = Array.isArray(value) && options.batchReplies ? value : [value];
    for (const item of items) {
      // JSON-RPC allows any integer id; the SDK's schema stops at 2^53 (exactness of big
      // ids is asserted on the bytes by the tests that send them).
      const id = (item as { id?: unknown } | null)?.id;
      const judged =
        typeof id === "number" && Number.isInteger(id) && !Number.isSafeInteger(id)
          ? { ...(item as object), id: 0 }
          : item;
      const ok = JSONRPCMessageSchema.safeParse(judged).success;
      if (!ok) throw new Error(`stdout carried a non-JSON-RPC message: ${line.slice(0, 200)}`);
    }
  }
}

/**
 * An SDK transport over a shim spawned with spawnShim: the official client speaks through
 * it, and the test still sees every raw stdout line and the exit code.
 */
export class ShimTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  readonly shim: ShimProcess;

  constructor(shim: ShimProcess) {
    this.shim = shim;
    shim.onLine((line) => {
      let message: JSONRPCMessage;
      try {
        message = deserializeMessage(line);
      } catch (err) {
        this.onerror?.(err as Error);
        return;
      }
      this.onmessage?.(message);
    });
    void shim.exited.then(() => this.onclose?.());
  }

  async start(): Promise<void> {}

  async send(message: JSONRPCMessage): Promise<void> {
    this.shim.write(serializeMessage(message));
  }

  /** Closes stdin, as a client does, and waits for the shim to exit. */
  async close(): Promise<void> {
    this.shim.end();
    await this.shim.exited;
  }
}

export interface ShimSession {
  shim: ShimProcess;
  client: Client;
  /** Errors the client reported (unparseable lines, unknown ids): expected to stay empty. */
  clientErrors: Error[];
}

/** Spawns the shim and connects the official SDK client through ShimTransport. */
export async function connectShim(
  args: string[],
  options: {
    capabilities?: ConstructorParameters<typeof Client>[1];
    env?: NodeJS.ProcessEnv;
    cwd?: string;
  } = {},
): Promise<ShimSession> {
  const shim = spawnShim(args, options);
  const client = new Client(
    { name: "aegis-e2e", version: "1.0.0" },
    options.capabilities ?? { capabilities: {} },
  );
  const clientErrors: Error[] = [];
  client.onerror = (err) => clientErrors.push(err);
  await client.connect(new ShimTransport(shim));
  return { shim, client, clientErrors };
}
