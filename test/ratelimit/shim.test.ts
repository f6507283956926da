import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Connected, connect, POLICIES, SERVERS, shimArgs, tempDir } from "../e2e/harness.js";
import { describeWithRedis, freePort, RedisServer } from "./redis-server.js";

const EVERYTHING_POLICY = join(POLICIES, "everything-demo.yaml");
const DEV = ["--principal", "developer", "--roles", "dev"];

type ToolResult = {
  isError?: boolean;
  content: Array<{ text?: string }>;
  _meta?: Record<string, unknown>;
};

function textOf(r: ToolResult): string {
  return r.content[0]?.text ?? "";
}

function blockedData(r: ToolResult): Record<string, unknown> {
  return (r._meta?.["mcp-aegis/blocked"] ?? {}) as Record<string, unknown>;
}

async function echo(s: Connected, message = "hi"): Promise<ToolResult> {
  return (await s.client.callTool({ name: "echo", arguments: { message } })) as ToolResult;
}

async function until(cond: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const sessions: Connected[] = [];
async function shim(options: string[], server: string[], env: Record<string, string> = {}) {
  const s = await connect(shimArgs(options, server), {
    env: { ...getDefaultEnvironment(), ...env },
  });
  sessions.push(s);
  return s;
}

afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
});

describeWithRedis("shims sharing a real Redis", () => {
  let redis: RedisServer;
  const dir = tempDir("aegis-rl-");
  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await redis?.stop();
    dir.cleanup();
  });

  it("two shim processes share one budget; a call over it never reaches the server", async () => {
    const policy = join(dir.path, "memory.yaml");
    writeFileSync(
      policy,
      [
        'version: "1"',
        "principals:",
        "  developer:",
        "    tools:",
        '      - { pattern: "*", actions: [read, execute] }',
        "rate_limits:",
        "  rules:",
        '    - { pattern: "create_entities", per_minute: 1, burst: 3 }',
        "",
      ].join("\n"),
    );
    const env = { MEMORY_FILE_PATH: join(dir.path, "graph.jsonl") };
    const opts = ["--policy", policy, "--principal", "developer", "--redis-url", redis.url];
    const server = [process.execPath, SERVERS.memory];
    const [a, b] = await Promise.all([shim(opts, server, env), shim(opts, server, env)]);
    const create = async (s: Connected, name: string) =>
      (await s.client.callTool({
        name: "create_entities",
        arguments: { entities: [{ name, entityType: "test", observations: [] }] },
      })) as ToolResult;

    expect((await create(a, "a1")).isError).toBeFalsy();
    expect((await create(b, "b1")).isError).toBeFalsy();
    expect((await create(a, "a2")).isError).toBeFalsy();
    for (const [s, name] of [
      [b, "b2"],
      [a, "a3"],
    ] as const) {
      const refused = await create(s, name);
      expect(refused.isError).toBe(true);
      expect(textOf(refused)).toMatch(
        /^Blocked by mcp-aegis \(rate-limit\): rate limit for "developer" reached: 1 per minute, burst 3, for tools matching "create_entities"; retry in \d+ seconds?$/,
      );
      expect(blockedData(refused)).toMatchObject({ code: -32014, check: "rate-limit" });
      expect(blockedData(refused).retryAfterSeconds).toBeGreaterThan(40);
    }
    // read_graph has no rule and no default bucket: free. The refused entities never arrived.
    const graph = textOf(
      (await a.client.callTool({ name: "read_graph", arguments: {} })) as ToolResult,
    );
    const names = [...graph.matchAll(/"name":\s*"(\w+)"/g)].map((m) => m[1]).sort();
    expect(names).toEqual(["a1", "a2", "b1"]);
  });

  it("Redis killed mid-session: fail-closed answers within the timeout, service resumes when Redis returns", async () => {
    const s = await shim(
      ["--policy", EVERYTHING_POLICY, ...DEV, "--rate-limit", "600", "--redis-url", redis.url],
      [process.execPath, SERVERS.everything],
      { GUARDIAN_REDIS_OPERATION_TIMEOUT_MS: "700" },
    );
    expect((await echo(s)).isError).toBeFalsy();

    redis.pause(); // hangs: the timeout decides
    let start = Date.now();
    const hung = await echo(s);
    expect(Date.now() - start).toBeLessThan(700 + 2_000);
    redis.resume();
    expect(hung.isError).toBe(true);
    expect(textOf(hung)).toMatch(
      /^Blocked by mcp-aegis \(rate-limit\): rate limiter unavailable \(Redis did not answer within 700 ms\); .*retry in 1 second$/,
    );
    expect(blockedData(hung)).toMatchObject({ unavailable: true });
    await until(async () => !(await echo(s)).isError);

    await redis.kill(); // gone: refused at once
    start = Date.now();
    const dead = await echo(s);
    expect(Date.now() - start).toBeLessThan(700 + 2_000);
    expect(textOf(dead)).toMatch(/rate limiter unavailable \(Redis is unreachable\)/);
    expect(textOf(dead)).not.toContain(String(redis.port)); // where Redis is stays in the log

    await redis.start();
    await until(async () => !(await echo(s)).isError);
    await until(async () => /Redis is back/.test(s.stderr()));
  });
});

describe("shim with the in-memory limiter", () => {
  it("--rate-limit refuses the call over budget, says when to retry, and audits it", async () => {
    const dir = tempDir("aegis-rl-audit-");
    try {
      const audit = join(dir.path, "audit.jsonl");
      const s = await shim(
        ["--policy", EVERYTHING_POLICY, ...DEV, "--rate-limit", "2", "--audit-log", audit],
        [process.execPath, SERVERS.everything],
      );
      expect((await echo(s, "one")).isError).toBeFalsy();
      await s.client.listTools(); // free
      expect((await echo(s, "two")).isError).toBeFalsy();
      const third = await echo(s, "three");
      expect(textOf(third)).toMatch(
        /^Blocked by mcp-aegis \(rate-limit\): rate limit for "developer" reached: 2 per minute, burst 2, for all calls; retry in (29|30) seconds$/,
      );
      await s.close();
      sessions.length = 0;
      await until(async () => {
        const lines = readFileSync(audit, "utf8")
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l));
        const refused = lines.filter((l) => l.event === "decision" && l.decision === "deny");
        if (refused.length !== 1) return false;
        expect(refused[0]).toMatchObject({ check: "rate-limit", tool: "echo", code: -32014 });
        expect(refused[0].reason).toMatch(/retry in \d+ seconds/);
        return true;
      });
    } finally {
      dir.cleanup();
    }
  });
});

describe("shim with an unreachable Redis (no redis-server needed)", () => {
  let hung: Server;
  let hungPort: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    hung = createServer((sock) => sockets.push(sock)); // accepts, never answers
    await new Promise<void>((r) => hung.listen(0, "127.0.0.1", r));
    hungPort = (hung.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const sock of sockets) sock.destroy();
    await new Promise((r) => hung.close(r));
  });

  it("--redis-fail-open falls back to a per-process limiter and says so on stderr", async () => {
    const port = await freePort(); // nothing listens
    const s = await shim(
      [
        "--policy",
        EVERYTHING_POLICY,
        ...DEV,
        "--rate-limit",
        "1",
        "--rate-burst",
        "2",
        "--redis-url",
        `redis://127.0.0.1:${port}`,
        "--redis-fail-open",
      ],
      [process.execPath, SERVERS.everything],
    );
    expect((await echo(s)).isError).toBeFalsy();
    expect((await echo(s)).isError).toBeFalsy();
    const third = await echo(s);
    expect(third.isError).toBe(true);
    expect(textOf(third)).toMatch(
      /rate limit for "developer" reached: 1 per minute, burst 2.*retry in (5\d|60) seconds$/,
    );
    expect(s.stderr()).toMatch(/Redis fail-open is on/);
    // stderr is a separate pipe: its lines may arrive after the answers.
    await until(async () => (s.stderr().match(/per-process fallback limiter/g) ?? []).length === 3);
  });

  it("a Redis that hangs delays neither initialize nor free requests", async () => {
    const start = Date.now();
    const s = await shim(
      [
        "--policy",
        EVERYTHING_POLICY,
        ...DEV,
        "--rate-limit",
        "10",
        "--redis-url",
        `redis://127.0.0.1:${hungPort}`,
      ],
      [process.execPath, SERVERS.everything],
      { GUARDIAN_REDIS_OPERATION_TIMEOUT_MS: "30000" },
    );
    const tools = await s.client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain("echo");
    // Far below the 30 s Redis timeout: nothing waited for Redis.
    expect(Date.now() - start).toBeLessThan(10_000);
  });

  it("refuses flags that do not fit together (exit code 2, a message on stderr)", async () => {
    const run = (...flags: string[]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const args = shimArgs(["--policy", EVERYTHING_POLICY, ...flags], ["true"]);
        const child = execFile(process.execPath, args, (err, stdout, stderr) =>
          resolve({ status: err ? (err.code as number) : 0, stdout, stderr }),
        );
        child.stdin?.end();
      });
    const cases = [
      [["--rate-burst", "5"], /--rate-burst needs --rate-limit/],
      [["--redis-fail-open"], /--redis-fail-open needs --redis-url/],
      [["--redis-url", "localhost:6379"], /--redis-url must start with redis:\/\//],
    ] as const;
    const results = await Promise.all(cases.map(([flags]) => run(...flags)));
    results.forEach((r, i) => {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(cases[i]?.[1] as RegExp);
      expect(r.stdout).toBe("");
    });
  });
});
