import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { SERVERS, tempDir } from "../e2e/harness.js";
import { describeWithRedis, RedisServer } from "../ratelimit/redis-server.js";
import { type Proc, startProxy } from "./helpers.js";

// Two HTTP replicas on one real Redis, as behind a load balancer: budgets are shared
// through Redis, sessions are sticky and a replica that does not know one says so.
describeWithRedis("HTTP mode as two replicas on one Redis", () => {
  let redis: RedisServer;
  const dir = tempDir("aegis-replicas-");
  const replicas: Proc[] = [];
  const clients: Client[] = [];

  beforeAll(async () => {
    redis = await RedisServer.start();
    const policy = join(dir.path, "policy.yaml");
    writeFileSync(
      policy,
      [
        'version: "1"',
        "principals:",
        "  developer:",
        "    roles: [dev]",
        "    tools:",
        '      - { pattern: "echo", actions: [read, execute] }',
        "rate_limits:",
        "  rules:",
        '    - { pattern: "echo", per_minute: 1, burst: 2 }',
        "",
      ].join("\n"),
    );
    const args = ["--no-auth", "--principal", "developer", "--roles", "dev"];
    const server = ["--", process.execPath, SERVERS.everything];
    for (let i = 0; i < 2; i++) {
      replicas.push(
        await startProxy([...args, "--policy", policy, "--redis-url", redis.url, ...server]),
      );
    }
  });
  afterAll(async () => {
    for (const c of clients) await c.close().catch(() => {});
    for (const r of replicas) await r.stop();
    await redis?.stop();
    dir.cleanup();
  });

  async function open(replica: Proc) {
    const client = new Client({ name: "replica-test", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(replica.url));
    await client.connect(transport);
    clients.push(client);
    return { client, sessionId: transport.sessionId as string };
  }
  const echo = (c: Client) => c.callTool({ name: "echo", arguments: { message: "hi" } });

  it("share one rate-limit budget across replicas", async () => {
    const [a, b] = [await open(replicas[0] as Proc), await open(replicas[1] as Proc)];
    expect((await echo(a.client)).isError).toBeFalsy();
    expect((await echo(b.client)).isError).toBeFalsy();
    // The burst of 2 is spent, one call on each replica: the third is refused on either.
    const third = await echo(a.client);
    expect(third.isError).toBe(true);
    expect(JSON.stringify(third.content)).toMatch(/rate limit/i);
  });

  it("answer a session id opened on the other replica with 404 and how to route it", async () => {
    const a = await open(replicas[0] as Proc);
    const res = await fetch((replicas[1] as Proc).url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
        "mcp-session-id": a.sessionId,
        "mcp-protocol-version": "2025-06-18",
      },
      body: '{"jsonrpc":"2.0","id":7,"method":"tools/list"}',
    });
    expect(res.status).toBe(404);
    const body = (await res.json()) as { error: { code: number; message: string } };
    expect(body.error.code).toBe(-32001);
    expect(body.error.message).toMatch(/not found on this replica/);
    expect(body.error.message).toMatch(/sticky/);
    // The session itself is unharmed on the replica that opened it.
    expect((await a.client.listTools()).tools.map((t) => t.name)).toEqual(["echo"]);
  });
});
