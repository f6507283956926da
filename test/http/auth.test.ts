import { readFileSync } from "node:fs";
import { join } from "node:path";
import { base64url, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, tempDir } from "../e2e/harness.js";
import {
  type Proc,
  type Seen,
  startIssuer,
  startProxy,
  startRecorder,
  type TestIssuer,
} from "./helpers.js";

const POLICY = join(FIXTURES, "http", "policy.yaml");
const RESOURCE = "http://127.0.0.1/mcp";
const METADATA = "http://127.0.0.1/.well-known/oauth-protected-resource/mcp";

const INIT = {
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-06-18",
    capabilities: {},
    clientInfo: { name: "t", version: "1" },
  },
};

function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });

describe("HTTP mode: OAuth 2.1 resource server in front of a recording upstream", () => {
  let issuer: TestIssuer;
  let upstream: { url: string; seen: Seen[]; close: () => Promise<void> };
  let proxy: Proc;
  const dir = tempDir();
  const auditFile = join(dir.path, "audit.jsonl");
  const claims = { sub: "alice", aud: RESOURCE, roles: ["dev"], client_id: "cli-1" };

  beforeAll(async () => {
    issuer = await startIssuer();
    upstream = await startRecorder();
    proxy = await startProxy(
      [
        "--policy",
        POLICY,
        "--jwks-uri",
        issuer.jwksUri,
        "--issuer",
        issuer.issuer,
        "--resource",
        RESOURCE,
        "--upstream",
        upstream.url,
        "--audit-log",
        auditFile,
      ],
      { GUARDIAN_MAX_HTTP_BODY_BYTES: "4096" },
    );
  });
  afterAll(async () => {
    await proxy?.stop();
    await upstream?.close();
    await issuer?.close();
    dir.cleanup();
  });

  /** Opens a session with `token`; returns the proxy's session id. */
  async function initialize(token: string): Promise<string> {
    const res = await post(proxy.url, INIT, bearer(token));
    expect(res.status).toBe(200);
    await res.text();
    return res.headers.get("mcp-session-id") as string;
  }

  it("serves RFC 9728 metadata at the well-known path and its path-suffixed form", async () => {
    for (const path of [
      "/.well-known/oauth-protected-resource/mcp",
      "/.well-known/oauth-protected-resource",
    ]) {
      const res = await fetch(new URL(path, proxy.url));
      expect(res.status).toBe(200);
      const doc = (await res.json()) as Record<string, unknown>;
      expect(doc.resource).toBe(RESOURCE);
      expect(doc.authorization_servers).toEqual([issuer.issuer]);
      expect(doc.scopes_supported).toEqual(["math"]);
      expect(doc.bearer_methods_supported).toEqual(["header"]);
    }
  });

  it("answers a request without a token with 401 and the resource metadata URL", async () => {
    const res = await post(proxy.url, INIT);
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(`Bearer resource_metadata="${METADATA}"`);
  });

  it("bypass: every bad token gets 401 and never reaches the upstream", async () => {
    const before = upstream.seen.length;
    const now = Math.floor(Date.now() / 1000);
    const good = await issuer.sign(claims);
    const [h, p, s] = good.split(".") as [string, string, string];
    const tampered = `${h}.${base64url.encode(JSON.stringify({ ...JSON.parse(new TextDecoder().decode(base64url.decode(p))), sub: "admin", roles: ["admin"] }))}.${s}`;
    const none = `${base64url.encode(JSON.stringify({ alg: "none", typ: "JWT" }))}.${base64url.encode(JSON.stringify({ ...claims, iss: issuer.issuer, exp: now + 300 }))}.`;
    const publicPem = Buffer.from(JSON.stringify(issuer.publicJwk));
    const hs256 = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setIssuer(issuer.issuer)
      .setExpirationTime("5m")
      .sign(publicPem);
    const other = await generateKeyPair("RS256");
    const unknownKid = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "k-unknown" })
      .setIssuer(issuer.issuer)
      .setExpirationTime("5m")
      .sign(other.privateKey);
    const wrongKeySameKid = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(issuer.issuer)
      .setExpirationTime("5m")
      .sign(other.privateKey);
    const bad: Record<string, string> = {
      expired: await issuer.sign(claims, { exp: now - 600 }),
      "not yet valid": await issuer.sign(claims, { nbf: now + 600 }),
      "wrong issuer": await issuer.sign({ ...claims, iss: "http://127.0.0.1:1/evil" }),
      "wrong audience": await issuer.sign({ ...claims, aud: "http://127.0.0.1/other" }),
      "alg none": none,
      "HS256 signed with the public key": hs256,
      "unknown kid": unknownKid,
      "wrong key under a known kid": wrongKeySameKid,
      "tampered payload": tampered,
      "not a JWT": "abc.def.ghi",
    };
    for (const [name, token] of Object.entries(bad)) {
      const res = await post(proxy.url, INIT, bearer(token));
      expect(res.status, name).toBe(401);
      const challenge = res.headers.get("www-authenticate") ?? "";
      expect(challenge, name).toContain(`resource_metadata="${METADATA}"`);
      expect(challenge, name).toContain('error="invalid_token"');
    }
    // Also on the legacy endpoints.
    expect(
      (await fetch(new URL("/sse", proxy.url), { headers: bearer(bad.expired as string) })).status,
    ).toBe(401);
    expect(upstream.seen.length).toBe(before);
    // Tokens never reach the logs.
    expect(proxy.output()).not.toContain(good.split(".")[2]);
  });

  it("a valid token reaches the upstream, but its Authorization header never does", async () => {
    const before = upstream.seen.length;
    const sid = await initialize(await issuer.sign(claims));
    expect(sid).toMatch(/^[0-9a-f-]{36}$/);
    expect(sid).not.toBe("upstream-session-1");
    const seen = upstream.seen.slice(before);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.headers.authorization).toBeUndefined();
    expect(seen[0]?.headers.cookie).toBeUndefined();
    expect(JSON.parse(seen[0]?.body ?? "{}").method).toBe("initialize");
  });

  it("a call whose rule requires a scope the token lacks gets 403 insufficient_scope", async () => {
    const token = await issuer.sign(claims);
    const sid = await initialize(token);
    const before = upstream.seen.length;
    const call = {
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "get-sum", arguments: { a: 1, b: 2 } },
    };
    const res = await post(proxy.url, call, { ...bearer(token), "mcp-session-id": sid });
    expect(res.status).toBe(403);
    expect(res.headers.get("www-authenticate")).toMatch(
      /^Bearer error="insufficient_scope", scope="math", resource_metadata="/,
    );
    expect(upstream.seen.length).toBe(before);
    // With the scope, the same call goes through.
    const scoped = await issuer.sign({ ...claims, scope: "math" });
    const ok = await post(proxy.url, call, { ...bearer(scoped), "mcp-session-id": sid });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { result: unknown }).result).toEqual({
      content: [{ type: "text", text: "recorded" }],
    });
    expect(upstream.seen.length).toBe(before + 1);
  });

  it("bypass: a session id stolen by another subject is refused (404) and never relayed", async () => {
    const sid = await initialize(await issuer.sign(claims));
    const before = upstream.seen.length;
    const mallory = await issuer.sign({ ...claims, sub: "mallory" });
    const call = {
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "echo", arguments: {} },
    };
    const res = await post(proxy.url, call, { ...bearer(mallory), "mcp-session-id": sid });
    expect(res.status).toBe(404);
    const get = await fetch(proxy.url, {
      headers: { ...bearer(mallory), "mcp-session-id": sid, accept: "text/event-stream" },
    });
    expect(get.status).toBe(404);
    const del = await fetch(proxy.url, {
      method: "DELETE",
      headers: { ...bearer(mallory), "mcp-session-id": sid },
    });
    expect(del.status).toBe(404);
    // An id the proxy never issued (e.g. the upstream's own) is unknown too.
    const raw = await post(proxy.url, call, {
      ...bearer(mallory),
      "mcp-session-id": "upstream-session-1",
    });
    expect(raw.status).toBe(404);
    expect(upstream.seen.length).toBe(before);
  });

  it("refuses foreign origins and rebound host names with 403 before anything else", async () => {
    const token = await issuer.sign(claims);
    const before = upstream.seen.length;
    const evilOrigin = await post(proxy.url, INIT, {
      ...bearer(token),
      origin: "http://evil.example.com",
    });
    expect(evilOrigin.status).toBe(403);
    const u = new URL(proxy.url);
    const rebound = await new Promise<number>((resolve, reject) => {
      // fetch cannot set Host; a raw request can.
      import("node:http").then(({ request }) => {
        const req = request(
          {
            host: u.hostname,
            port: u.port,
            path: "/mcp",
            method: "POST",
            headers: {
              host: "evil.example.com",
              "content-type": "application/json",
              accept: "application/json, text/event-stream",
              ...bearer(token),
            },
          },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on("error", reject);
        req.end(JSON.stringify(INIT));
      }, reject);
    });
    expect(rebound).toBe(403);
    const local = await post(proxy.url, INIT, {
      ...bearer(token),
      origin: "http://localhost:5173",
    });
    expect(local.status).toBe(200);
    expect(upstream.seen.length).toBe(before + 1);
  });

  it("bypass: a body over the limit gets 413 and never reaches the upstream", async () => {
    const token = await issuer.sign(claims);
    const sid = await initialize(token);
    const before = upstream.seen.length;
    const big = {
      jsonrpc: "2.0",
      id: 9,
      method: "tools/call",
      params: { name: "echo", arguments: { message: "x".repeat(8000) } },
    };
    const res = await post(proxy.url, big, { ...bearer(token), "mcp-session-id": sid });
    expect(res.status).toBe(413);
    expect(upstream.seen.length).toBe(before);
  });

  it("refuses batches and non-JSON bodies with 400", async () => {
    const token = await issuer.sign(claims);
    expect((await post(proxy.url, [INIT], bearer(token))).status).toBe(400);
    expect((await post(proxy.url, "{nope", bearer(token))).status).toBe(400);
    expect(
      (await post(proxy.url, { jsonrpc: "2.0", id: 1, method: "tools/list" }, bearer(token)))
        .status,
    ).toBe(400);
  });

  it("passes Last-Event-ID upstream and relays the stream's event ids", async () => {
    const token = await issuer.sign(claims);
    const sid = await initialize(token);
    const before = upstream.seen.length;
    const res = await fetch(proxy.url, {
      headers: {
        ...bearer(token),
        "mcp-session-id": sid,
        accept: "text/event-stream",
        "last-event-id": "up-6",
      },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.headers.get("x-accel-buffering")).toBe("no");
    const text = await res.text();
    expect(text).toContain("id: up-7\n");
    expect(text).toContain('"data":"up-6"');
    const get = upstream.seen.slice(before).find((s) => s.method === "GET");
    expect(get?.headers["last-event-id"]).toBe("up-6");
    expect(get?.headers["mcp-session-id"]).toBe("upstream-session-1");
    expect(get?.headers.authorization).toBeUndefined();
  });

  it("bypass: each SSE data message from the upstream is inspected; a too-deep server request never reaches the client", async () => {
    const token = await issuer.sign(claims);
    const sid = await initialize(token);
    const before = upstream.seen.length;
    const call = {
      jsonrpc: "2.0",
      id: 5,
      method: "tools/call",
      params: { name: "deep-sse", arguments: {} },
    };
    const res = await post(proxy.url, call, { ...bearer(token), "mcp-session-id": sid });
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const text = await res.text();
    expect(text).not.toContain("sampling/createMessage");
    expect(text).toContain("id: d2\n");
    expect(text).toContain('"text":"recorded"');
    // The upstream's request got an error in its place, so the upstream never hangs.
    await new Promise((r) => setTimeout(r, 200));
    const reply = upstream.seen.slice(before).find((s) => s.body.includes('"id":77'));
    expect(JSON.parse(reply?.body ?? "{}").error?.data?.check).toBe("depth");
    expect(reply?.headers.authorization).toBeUndefined();
  });

  it("ends a session on DELETE; its id is refused afterwards", async () => {
    const token = await issuer.sign(claims);
    const sid = await initialize(token);
    const del = await fetch(proxy.url, {
      method: "DELETE",
      headers: { ...bearer(token), "mcp-session-id": sid },
    });
    expect(del.status).toBe(405); // the recorder has no DELETE: its answer is passed on, the session stays
    const echo = {
      jsonrpc: "2.0",
      id: 4,
      method: "tools/call",
      params: { name: "echo", arguments: {} },
    };
    expect((await post(proxy.url, echo, { ...bearer(token), "mcp-session-id": sid })).status).toBe(
      200,
    );
  });

  it("bypass: a legacy SSE session cannot be used by another subject", async () => {
    const ac = new AbortController();
    const stream = await fetch(new URL("/sse", proxy.url), {
      headers: bearer(await issuer.sign(claims)),
      signal: ac.signal,
    });
    expect(stream.status).toBe(200);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const endpoint = /data: (\S+)/.exec(first)?.[1] as string;
    expect(first).toContain("event: endpoint");
    const before = upstream.seen.length;
    const mallory = await issuer.sign({ ...claims, sub: "mallory" });
    const res = await post(new URL(endpoint, proxy.url).href, INIT, bearer(mallory));
    expect(res.status).toBe(404);
    expect(upstream.seen.length).toBe(before);
    ac.abort();
  });

  it("audits every refusal with subject, client id and session, and never a token", async () => {
    const token = await issuer.sign(claims);
    const sid = await initialize(token);
    const call = {
      jsonrpc: "2.0",
      id: 6,
      method: "tools/call",
      params: { name: "get-env", arguments: {} },
    };
    await (await post(proxy.url, call, { ...bearer(token), "mcp-session-id": sid })).text();
    await new Promise((r) => setTimeout(r, 300)); // the audit writer is asynchronous
    const lines = readFileSync(auditFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const policy = lines.find((l) => l.check === "policy" && l.session === sid);
    expect(policy).toMatchObject({
      principal: "alice",
      clientId: "cli-1",
      decision: "deny",
      tool: "get-env",
    });
    expect(lines.some((l) => l.check === "auth" && l.principal === "anonymous")).toBe(true);
    expect(lines.some((l) => l.check === "session" && l.principal === "mallory")).toBe(true);
    expect(lines.some((l) => l.check === "scope" && l.principal === "alice")).toBe(true);
    const text = readFileSync(auditFile, "utf8");
    expect(text).not.toContain(token.split(".")[2]);
    expect(text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
  });
});

describe("HTTP mode: concurrency limit", () => {
  it("answers 503 beyond maxConcurrentRequests", async () => {
    const upstream = await startRecorder();
    const proxy = await startProxy(
      [
        "--policy",
        join(FIXTURES, "http", "allow-all.yaml"),
        "--no-auth",
        "--principal",
        "conformance",
        "--roles",
        "conformance",
        "--upstream",
        upstream.url,
      ],
      { GUARDIAN_MAX_CONCURRENT_REQUESTS: "1" },
    );
    try {
      const init = await post(proxy.url, INIT);
      const sid = init.headers.get("mcp-session-id") as string;
      const slow = {
        jsonrpc: "2.0",
        id: 2,
        method: "tools/call",
        params: { name: "slow", arguments: {} },
      };
      const [a, b] = await Promise.all([
        post(proxy.url, slow, { "mcp-session-id": sid }),
        new Promise<Response>((r) =>
          setTimeout(() => r(post(proxy.url, { ...slow, id: 3 }, { "mcp-session-id": sid })), 150),
        ),
      ]);
      expect(a.status).toBe(200);
      expect(b.status).toBe(503);
      expect(upstream.seen.filter((s) => s.body.includes('"slow"'))).toHaveLength(1);
      expect(proxy.output()).toContain("authentication is OFF");
    } finally {
      await proxy.stop();
      await upstream.close();
    }
  });
  it("answers a request whose upstream does not answer in time with a -32016 error", async () => {
    const upstream = await startRecorder();
    const proxy = await startProxy([
      "--policy",
      join(FIXTURES, "http", "allow-all.yaml"),
      "--no-auth",
      "--principal",
      "conformance",
      "--roles",
      "conformance",
      "--upstream",
      upstream.url,
      "--transport-timeout",
      "200",
    ]);
    try {
      const init = await post(proxy.url, INIT);
      const sid = init.headers.get("mcp-session-id") as string;
      const slow = {
        jsonrpc: "2.0",
        id: 2,
        method: "tools/call",
        params: { name: "slow", arguments: {} },
      };
      const res = await post(proxy.url, slow, { "mcp-session-id": sid });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { id: number; error: { code: number; message: string } };
      expect(body.id).toBe(2);
      expect(body.error.code).toBe(-32016);
      expect(body.error.message).toMatch(/no answer within 200 ms/);
      // A body that never finishes arriving holds its slot no longer than the timeout.
      const { request } = await import("node:http");
      const u = new URL(proxy.url);
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(
          {
            host: u.hostname,
            port: u.port,
            path: "/mcp",
            method: "POST",
            headers: {
              "content-type": "application/json",
              accept: "application/json, text/event-stream",
              "content-length": "100",
              "mcp-session-id": sid,
            },
          },
          (r) => {
            r.resume();
            resolve(r.statusCode ?? 0);
            req.destroy();
          },
        );
        req.on("error", reject);
        req.write('{"jsonrpc":"2.0",');
      });
      expect(status).toBe(408);
    } finally {
      await proxy.stop();
      await upstream.close();
    }
  });
});
