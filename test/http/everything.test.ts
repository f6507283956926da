import { copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { SSEClientTransport } from "@modelcontextprotocol/sdk/client/sse.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import {
  CreateMessageRequestSchema,
  ToolListChangedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, SERVERS, tempDir } from "../e2e/harness.js";
import {
  type Proc,
  startEverythingHttp,
  startIssuer,
  startProxy,
  type TestIssuer,
} from "./helpers.js";

const POLICY = join(FIXTURES, "http", "policy.yaml");

type Kind = "streamable" | "sse";

async function connect(proxy: Proc, kind: Kind, token: string): Promise<Client> {
  const headers = { authorization: `Bearer ${token}` };
  const base = new URL(proxy.url);
  const transport =
    kind === "streamable"
      ? new StreamableHTTPClientTransport(base, { requestInit: { headers } })
      : new SSEClientTransport(new URL("/sse", base), {
          requestInit: { headers },
          eventSourceInit: {
            fetch: (url, init) =>
              fetch(url, {
                ...init,
                headers: { ...(init?.headers as Record<string, string>), ...headers },
              }),
          },
        });
  const client = new Client(
    { name: "aegis-http-e2e", version: "1.0.0" },
    { capabilities: { sampling: {} } },
  );
  client.setRequestHandler(CreateMessageRequestSchema, async (req) => ({
    model: "test-model",
    role: "assistant",
    content: { type: "text", text: `sampled: ${JSON.stringify(req.params.messages[0]?.content)}` },
  }));
  await client.connect(transport);
  return client;
}

/** The same allowed/blocked/progress/sampling story over every transport and upstream kind. */
function endToEnd(name: string, upstreamArgs: () => string[]) {
  describe(name, () => {
    let issuer: TestIssuer;
    let proxy: Proc;
    let token: string;
    beforeAll(async () => {
      issuer = await startIssuer();
      proxy = await startProxy(
        [
          "--policy",
          POLICY,
          "--jwks-uri",
          issuer.jwksUri,
          "--issuer",
          issuer.issuer,
          "--resource",
          "http://127.0.0.1/mcp",
          ...upstreamArgs(),
        ],
        // Children that ignore stdin EOF are reaped sooner when the proxy stops.
        { GUARDIAN_TARGET_SHUTDOWN_TIMEOUT_MS: "300" },
      );
      token = await issuer.sign({
        sub: "alice",
        aud: "http://127.0.0.1/mcp",
        roles: ["dev"],
        scope: "math",
        client_id: "e2e",
      });
    });
    afterAll(async () => {
      await proxy?.stop();
      await issuer?.close();
    });

    for (const kind of ["streamable", "sse"] as const) {
      it(`${kind}: allowed calls pass, denied calls are blocked, progress and sampling flow`, async () => {
        const client = await connect(proxy, kind, token);
        try {
          const { tools } = await client.listTools();
          const names = tools.map((t) => t.name);
          expect(names).toContain("echo");
          expect(names).not.toContain("get-env"); // hidden: the policy does not allow it

          const echo = await client.callTool({ name: "echo", arguments: { message: "hi" } });
          expect(echo.content).toEqual([{ type: "text", text: "Echo: hi" }]);

          const env = await client.callTool({ name: "get-env", arguments: {} });
          expect(env.isError).toBe(true);
          expect(JSON.stringify(env.content)).toMatch(/Blocked by mcp-aegis \(policy\)/);

          const sum = await client.callTool({ name: "get-sum", arguments: { a: 2, b: 3 } });
          expect(JSON.stringify(sum.content)).toContain("5");

          const progress: number[] = [];
          const long = await client.callTool(
            { name: "trigger-long-running-operation", arguments: { duration: 0.3, steps: 3 } },
            undefined,
            { onprogress: (p) => progress.push(p.progress) },
          );
          expect(long.isError).toBeFalsy();
          if (kind === "streamable") expect(progress).toEqual([1, 2, 3]);
          else {
            // The SDK's SSE client drops notifications that arrive after the result, even
            // straight against server-everything's own SSE transport (measured: [1, 2] on a
            // quiet machine, [1] under load); some must flow, in order.
            expect(progress.length).toBeGreaterThanOrEqual(1);
            expect(progress).toEqual([1, 2, 3].slice(0, progress.length));
          }

          const sampled = await client.callTool({
            name: "trigger-sampling-request",
            arguments: { prompt: "ping" },
          });
          expect(JSON.stringify(sampled.content)).toContain("sampled:");
        } catch (err) {
          throw new Error(`${String(err)}\n--- proxy output ---\n${proxy.output().slice(-4000)}`);
        } finally {
          await client.close();
        }
      });
    }
  });
}

let upstream: Proc;
beforeAll(async () => {
  upstream = await startEverythingHttp();
});
afterAll(async () => {
  await upstream?.stop();
});

endToEnd("HTTP proxy → server-everything over Streamable HTTP (--upstream)", () => [
  "--upstream",
  upstream.url,
]);
endToEnd("HTTP proxy → a stdio server-everything per session (--target)", () => [
  "--",
  process.execPath,
  SERVERS.everything,
]);

describe("HTTP proxy with a stdio child per session: lifecycle", () => {
  it("each session gets its own child; DELETE ends the session and the child is reaped", async () => {
    const proxy = await startProxy(
      [
        "--policy",
        POLICY,
        "--no-auth",
        "--principal",
        "developer",
        "--roles",
        "dev",
        "--",
        process.execPath,
        SERVERS.everything,
      ],
      { GUARDIAN_TARGET_SHUTDOWN_TIMEOUT_MS: "300" },
    );
    try {
      const transports = [0, 1].map(() => new StreamableHTTPClientTransport(new URL(proxy.url)));
      const clients = transports.map(
        () => new Client({ name: "life", version: "1" }, { capabilities: {} }),
      );
      await Promise.all(
        clients.map((c, i) => c.connect(transports[i] as StreamableHTTPClientTransport)),
      );
      const ids = transports.map((t) => t.sessionId as string);
      expect(new Set(ids).size).toBe(2);
      expect(proxy.output().match(/Starting default \(STDIO\) server/g)).toHaveLength(2);
      const echo = await clients[1]?.callTool({ name: "echo", arguments: { message: "x" } });
      expect(echo?.content).toEqual([{ type: "text", text: "Echo: x" }]);
      await transports[0]?.terminateSession();
      await expect
        .poll(() => /session child exited/.test(proxy.output()), { timeout: 5000 })
        .toBe(true);
      const after = await fetch(proxy.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json, text/event-stream",
          "mcp-session-id": ids[0] as string,
        },
        body: JSON.stringify({ jsonrpc: "2.0", id: 9, method: "ping" }),
      });
      expect(after.status).toBe(404);
      // The other session is untouched.
      expect(
        (await clients[1]?.callTool({ name: "echo", arguments: { message: "y" } }))?.content,
      ).toEqual([{ type: "text", text: "Echo: y" }]);
      await Promise.all(clients.map((c) => c.close()));
    } finally {
      await proxy.stop();
    }
  });
});

describe("HTTP proxy: policy hot reload", () => {
  it("tells open server streams to list tools again when the policy changes", async () => {
    const dir = tempDir();
    const policy = join(dir.path, "policy.yaml");
    copyFileSync(POLICY, policy);
    const proxy = await startProxy([
      "--policy",
      policy,
      "--no-auth",
      "--principal",
      "developer",
      "--roles",
      "dev",
      "--upstream",
      upstream.url,
    ]);
    const client = new Client({ name: "reload", version: "1" }, { capabilities: {} });
    try {
      let changed = 0;
      client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
        changed += 1;
      });
      const streams = () => upstream.output().split("Establishing new SSE stream").length;
      const opened = streams();
      await client.connect(new StreamableHTTPClientTransport(new URL(proxy.url)));
      await client.listTools();
      // The SDK opens its server stream (GET) after initialization: wait until it reached the upstream.
      await expect.poll(streams, { timeout: 5000 }).toBeGreaterThan(opened);
      const before = changed;
      writeFileSync(
        policy,
        `version: "1"\nprincipals:\n  developer:\n    tools:\n      - pattern: "*"\n        actions: [execute]\n`,
      );
      await expect.poll(() => changed > before, { timeout: 5000 }).toBe(true);
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain("get-env");
    } finally {
      await client.close();
      await proxy.stop();
      dir.cleanup();
    }
  });
});
