import { connect as tcpConnect } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { NULL_AUDIT } from "../../../src/audit/audit.js";
import { createLogger } from "../../../src/audit/logger.js";
import { LocalAuthenticator } from "../../../src/auth/local.js";
import { YamlPolicyEngine } from "../../../src/policy/engine.js";
import { GuardianProxy } from "../../../src/transport/http/proxy.js";
import { SERVERS } from "../../e2e/harness.js";

const policy = YamlPolicyEngine.fromString(`
version: "1"
principals:
  agent:
    tools:
      - pattern: "*"
        actions: [read, execute]
`);

const INIT = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "t", version: "1" },
  },
});

describe("HTTP hygiene: CORS preflight and slow clients", () => {
  let proxy: GuardianProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    proxy = undefined;
  });

  async function start(transportTimeoutMs = 30_000): Promise<{ url: string; port: number }> {
    proxy = new GuardianProxy({
      authenticator: new LocalAuthenticator({ principal: "agent" }),
      policyEngine: policy,
      upstream: { command: process.execPath, args: [SERVERS.everything] },
      allowedOrigins: ["https://app.example.com"],
      port: 0,
      limits: { transportTimeoutMs },
      logger: createLogger("silent"),
      audit: NULL_AUDIT,
    });
    const { url, port } = await proxy.listen();
    return { url, port };
  }

  it("answers a preflight from an allowed origin with the MCP headers allowed and the session id exposed", async () => {
    const { url } = await start();
    const res = await fetch(url, {
      method: "OPTIONS",
      headers: {
        origin: "https://app.example.com",
        "access-control-request-method": "POST",
        "access-control-request-headers": "mcp-session-id, authorization, content-type",
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    const allowed = (res.headers.get("access-control-allow-headers") ?? "").toLowerCase();
    for (const h of [
      "mcp-session-id",
      "mcp-protocol-version",
      "last-event-id",
      "authorization",
      "content-type",
    ])
      expect(allowed).toContain(h);
    expect(res.headers.get("access-control-allow-methods")).toContain("DELETE");
    expect(res.headers.get("access-control-expose-headers")).toContain("Mcp-Session-Id");
  });

  it("refuses a preflight from a foreign origin before anything else, with no CORS grant", async () => {
    const { url } = await start();
    const res = await fetch(url, {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("lets an allowed browser origin read the session id of its initialize answer", async () => {
    const { url } = await start();
    const res = await fetch(url, {
      method: "POST",
      headers: {
        origin: "https://app.example.com",
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: INIT,
    });
    await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("mcp-session-id")).toBeTruthy();
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example.com");
    expect(res.headers.get("access-control-expose-headers")).toContain("Mcp-Session-Id");
  });

  it("drops a client that never finishes its headers, and keeps a received stream open", async () => {
    const { url, port } = await start(500);
    // A session and its server stream, opened normally.
    const init = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        accept: "application/json, text/event-stream",
      },
      body: INIT,
    });
    await init.text();
    const sid = init.headers.get("mcp-session-id") as string;
    const stream = await fetch(url, {
      headers: { accept: "text/event-stream", "mcp-session-id": sid },
    });
    expect(stream.status).toBe(200);
    let streamClosed = false;
    const reader = stream.body?.getReader();
    void reader
      ?.read()
      .then(function next(r): Promise<void> | undefined {
        if (r.done) {
          streamClosed = true;
          return undefined;
        }
        return reader.read().then(next);
      })
      .catch(() => {
        streamClosed = true;
      });
    // A slow client: half a request line of headers, then nothing.
    const started = Date.now();
    const closedAfter = await new Promise<number>((resolve, reject) => {
      const socket = tcpConnect(port, "127.0.0.1", () => {
        socket.write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\n");
      });
      socket.on("data", () => {});
      socket.on("close", () => resolve(Date.now() - started));
      socket.on("error", reject);
    });
    // Headers deadline 500 ms, checked every second: well before the 30 s default.
    expect(closedAfter).toBeLessThan(5_000);
    // The stream outlived the request deadlines (0.5 s + 0.5 s).
    await new Promise((r) => setTimeout(r, 1_500));
    expect(streamClosed).toBe(false);
    await reader?.cancel();
  }, 20_000);
});
