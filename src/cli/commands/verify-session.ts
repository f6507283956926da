import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { SelfCheck } from "./verify-checks.js";
import { EXAMPLE_POLICY } from "./verify-policy.js";

const TIMEOUT_MS = 10_000;

/** A running shim in front of the bundled demo server, spoken to in raw NDJSON. */
class DemoSession {
  readonly #child;
  readonly #waiting = new Map<number, (msg: Record<string, unknown> | Error) => void>();
  readonly #exit: Promise<number | null>;
  #partial = "";
  #stderr = "";
  #nextId = 1;
  /** Answers without an id (parse errors), in arrival order. */
  readonly anonymous: Array<Record<string, unknown>> = [];

  constructor(policyFile: string) {
    const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));
    this.#child = spawn(
      process.execPath,
      [
        here("./cli.js"),
        "--policy",
        policyFile,
        "--principal",
        "developer",
        "--roles",
        "dev",
        "--log-level",
        "warn",
        "--",
        process.execPath,
        here("./demo-server.js"),
      ],
      { stdio: ["pipe", "pipe", "pipe"] },
    );
    this.#child.stdin.on("error", () => {});
    this.#child.stderr.on("data", (d: Buffer) => {
      this.#stderr += d.toString();
    });
    this.#child.stdout.setEncoding("utf8");
    this.#child.stdout.on("data", (chunk: string) => {
      const lines = (this.#partial + chunk).split("\n");
      this.#partial = lines.pop() ?? "";
      for (const line of lines) {
        const msg = JSON.parse(line) as Record<string, unknown>;
        const done = typeof msg.id === "number" ? this.#waiting.get(msg.id) : undefined;
        if (done) done(msg);
        else this.anonymous.push(msg);
      }
    });
    this.#exit = new Promise((resolve) => this.#child.once("exit", (code) => resolve(code)));
    // A shim that dies fails what is still waiting at once, with its last words.
    void this.#exit.then((code) => {
      const err = new Error(
        `the shim exited (${code}): ${this.#stderr.trim().split("\n").at(-1) ?? ""}`,
      );
      for (const done of this.#waiting.values()) done(err);
      this.#waiting.clear();
    });
  }

  request(method: string, params: unknown = {}): Promise<Record<string, unknown>> {
    if (this.#child.exitCode !== null) return Promise.reject(new Error("the shim is not running"));
    const id = this.#nextId++;
    return this.#timed(
      new Promise((resolve, reject) => {
        this.#waiting.set(id, (msg) => (msg instanceof Error ? reject(msg) : resolve(msg)));
        this.#child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
      }),
      method,
    );
  }

  raw(line: string): void {
    this.#child.stdin.write(`${line}\n`);
  }

  close(): Promise<number | null> {
    this.#child.stdin.end();
    return this.#timed(this.#exit, "exit");
  }

  kill(): void {
    if (this.#child.exitCode === null) this.#child.kill("SIGKILL");
  }

  #timed<T>(p: Promise<T>, what: string): Promise<T> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () => reject(new Error(`no ${what} answer in ${TIMEOUT_MS} ms\n${this.#stderr}`)),
        TIMEOUT_MS,
      );
      p.then((v) => {
        clearTimeout(t);
        resolve(v);
      }, reject);
    });
  }
}

const textOf = (msg: Record<string, unknown>) =>
  (msg.result as { content?: Array<{ text?: string }> } | undefined)?.content?.[0]?.text ?? "";

/**
 * A real session through the shim binary and the bundled demo server. The checks share one
 * session and run in order; `cleanup` ends it whatever happened.
 */
export function sessionChecks(): { checks: SelfCheck[]; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "mcp-aegis-verify-"));
  const policyFile = join(dir, "policy.yaml");
  let session: DemoSession | undefined;
  const s = () => {
    if (!session) throw new Error("the session did not start");
    return session;
  };
  const group = "End to end (shim + bundled demo server)";
  const checks: SelfCheck[] = [
    {
      group,
      name: "the shim starts the server and answers initialize",
      run: async () => {
        writeFileSync(policyFile, EXAMPLE_POLICY);
        session = new DemoSession(policyFile);
        const init = await s().request("initialize", {
          protocolVersion: "2025-11-25",
          capabilities: {},
          clientInfo: { name: "mcp-aegis-verify", version: "1.0.0" },
        });
        s().raw('{"jsonrpc":"2.0","method":"notifications/initialized"}');
        return (
          (init.result as { serverInfo?: { name?: string } })?.serverInfo?.name === "mcp-aegis-demo"
        );
      },
    },
    {
      group,
      name: "tools/list shows the allowed tools and hides the denied one",
      run: async () => {
        const r = (await s().request("tools/list")).result as { tools?: Array<{ name: string }> };
        const names = (r?.tools ?? []).map((t) => t.name);
        return names.includes("echo") && !names.includes("get-env");
      },
    },
    {
      group,
      name: "an allowed tools/call reaches the server",
      run: async () =>
        textOf(await s().request("tools/call", { name: "echo", arguments: { message: "hi" } })) ===
        "Echo: hi",
    },
    {
      group,
      name: "a denied tools/call is blocked with a readable result",
      run: async () => {
        const r = await s().request("tools/call", { name: "get-env", arguments: {} });
        return (
          (r.result as { isError?: boolean })?.isError === true &&
          textOf(r).startsWith("Blocked by mcp-aegis (policy)")
        );
      },
    },
    {
      group,
      name: "a malformed line gets a parse error and the session goes on",
      run: async () => {
        s().raw("{not json");
        const pong = await s().request("ping");
        const err = s().anonymous.at(-1)?.error as { code?: number } | undefined;
        return err?.code === -32700 && pong.result !== undefined;
      },
    },
    {
      group,
      name: "on stdin EOF the shim and the server exit cleanly",
      run: async () => (await s().close()) === 0,
    },
  ];
  return {
    checks,
    cleanup: () => {
      session?.kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
