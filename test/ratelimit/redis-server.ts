import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";

/** The redis-server binary on PATH (or Debian's place), or undefined. */
export function findRedisServer(): string | undefined {
  try {
    const found = execFileSync("sh", ["-c", "command -v redis-server"], {
      encoding: "utf8",
    }).trim();
    if (found) return found;
  } catch {
    // not on PATH
  }
  return ["/usr/bin/redis-server", "/usr/sbin/redis-server"].find((p) => existsSync(p));
}

export const REDIS_SERVER = findRedisServer();

/**
 * `describe` for tests that need a real redis-server. Without one the suite is skipped
 * loudly (a warning and a skipped test that says why); in CI (CI=true) it fails instead.
 */
export function describeWithRedis(name: string, body: () => void): void {
  if (REDIS_SERVER) {
    describe(name, body);
    return;
  }
  const why = "redis-server not found: install it (apt-get install -y redis-server)";
  if (process.env.CI === "true") {
    describe(name, () => {
      it(`needs redis-server in CI (.ci/run installs it): ${why}`, () => {
        throw new Error(`${why}; the Redis tests must run in CI`);
      });
    });
    return;
  }
  console.warn(`\n*** SKIPPED "${name}": ${why} ***\n`);
  describe(name, () => {
    it.skip(`SKIPPED: ${why}`, () => {});
  });
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
    s.connect(port, "127.0.0.1");
  });
}

/**
 * A real redis-server on a random loopback port, without persistence, in a temporary
 * directory. `kill()` and `start()` simulate an outage on the same port; `pause()` and
 * `resume()` a Redis that hangs.
 */
export class RedisServer {
  readonly port: number;
  readonly #dir = mkdtempSync(join(tmpdir(), "aegis-redis-"));
  #child: ChildProcess | undefined;

  private constructor(port: number) {
    this.port = port;
  }

  static async start(): Promise<RedisServer> {
    const server = new RedisServer(await freePort());
    await server.start();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    if (!REDIS_SERVER) throw new Error("redis-server not found");
    const child = spawn(
      REDIS_SERVER,
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { cwd: this.#dir, stdio: "ignore" },
    );
    this.#child = child;
    const deadline = Date.now() + 10_000;
    while (!(await canConnect(this.port))) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error("redis-server did not start within 10 s");
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** SIGKILL: connections drop at once, data is gone. */
  async kill(): Promise<void> {
    const child = this.#child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGCONT");
    child.kill("SIGKILL");
    await exited;
    this.#child = undefined;
  }

  /** SIGSTOP: connections stay open, nothing is answered. */
  pause(): void {
    this.#child?.kill("SIGSTOP");
  }

  resume(): void {
    this.#child?.kill("SIGCONT");
  }

  async stop(): Promise<void> {
    await this.kill();
    rmSync(this.#dir, { recursive: true, force: true });
  }
}
