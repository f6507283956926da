import { type ChildProcess, spawn } from "node:child_process";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWK, type JWTPayload, SignJWT } from "jose";
import { BIN, SERVERS } from "../e2e/harness.js";

/** A free loopback port (the kernel picks; released before use). */
export async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as AddressInfo;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** An authorization server's keys: RSA pair from jose, JWKS served on loopback. */
export interface TestIssuer {
  issuer: string;
  jwksUri: string;
  publicJwk: JWK;
  /** JWKS fetches so far (refetch on unknown kid is rate limited). */
  fetches: () => number;
  sign(
    claims: JWTPayload,
    o?: { kid?: string; exp?: string | number; nbf?: number },
  ): Promise<string>;
  close(): Promise<void>;
}

export async function startIssuer(): Promise<TestIssuer> {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  let fetches = 0;
  const server = createServer((_req, res) => {
    fetches += 1;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ keys: [publicJwk] }));
  });
  const base = await listen(server);
  return {
    issuer: `${base}/`,
    jwksUri: `${base}/jwks.json`,
    publicJwk,
    fetches: () => fetches,
    async sign(claims, o = {}) {
      const jwt = new SignJWT(claims)
        .setProtectedHeader({ alg: "RS256", kid: o.kid ?? "k1" })
        .setIssuedAt()
        .setExpirationTime(o.exp ?? "5m");
      if (o.nbf !== undefined) jwt.setNotBefore(o.nbf);
      if (claims.iss === undefined) jwt.setIssuer(`${base}/`);
      return jwt.sign(privateKey);
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/** What a recording upstream saw. */
export interface Seen {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A tiny Streamable HTTP upstream that records every request: answers initialize and
 * tools/call with JSON, notifications with 202. Used to prove what never arrives.
 */
export async function startRecorder(): Promise<{
  url: string;
  seen: Seen[];
  close: () => Promise<void>;
}> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => {
      body += c.toString();
    });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", headers: req.headers, body });
      if (req.method === "GET") {
        // A server stream of one event that tells which Last-Event-ID it was asked to resume from.
        res.writeHead(200, { "content-type": "text/event-stream" });
        const resumed = JSON.stringify(req.headers["last-event-id"] ?? null);
        res.end(
          `id: up-7\ndata: {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info","data":${resumed}}}\n\n`,
        );
        return;
      }
      if (req.method !== "POST") {
        res.writeHead(405).end();
        return;
      }
      const msg = JSON.parse(body) as { id?: number; method?: string; params?: { name?: string } };
      if (msg.id === undefined || msg.method === undefined) {
        res.writeHead(202).end();
        return;
      }
      const result =
        msg.method === "initialize"
          ? {
              protocolVersion: "2025-06-18",
              capabilities: { tools: {} },
              serverInfo: { name: "recorder", version: "1" },
            }
          : msg.method === "tools/list"
            ? { tools: [{ name: "echo", inputSchema: { type: "object" } }] }
            : { content: [{ type: "text", text: "recorded" }] };
      const answer = () => {
        res.writeHead(200, {
          "content-type": "application/json",
          "mcp-session-id": "upstream-session-1",
        });
        res.end(JSON.stringify({ jsonrpc: "2.0", id: msg.id, result }));
      };
      if (msg.params?.name === "deep-sse") {
        // An SSE answer whose first event, a server request, nests past any sane depth.
        let deep = "0";
        for (let i = 0; i < 200; i++) deep = `[${deep}]`;
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.write(
          `id: d1\ndata: {"jsonrpc":"2.0","id":77,"method":"sampling/createMessage","params":{"x":${deep}}}\n\n`,
        );
        res.end(`id: d2\ndata: ${JSON.stringify({ jsonrpc: "2.0", id: msg.id, result })}\n\n`);
        return;
      }
      // A tool named "slow" holds its request open, to fill the proxy's concurrency limit.
      if (msg.params?.name === "slow") setTimeout(answer, 600);
      else answer();
    });
  });
  const base = await listen(server);
  return {
    url: `${base}/mcp`,
    seen,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export interface Proc {
  url: string;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 3000).unref();
    });
}

/** server-everything over Streamable HTTP on a free port (`/mcp`). */
export async function startEverythingHttp(): Promise<Proc> {
  const port = await freePort();
  const child = spawn(process.execPath, [SERVERS.everything, "streamableHttp"], {
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("listening on port")) resolve();
    });
    child.once("exit", () => reject(new Error(`server-everything exited:\n${out}`)));
  });
  return { url: `http://127.0.0.1:${port}/mcp`, child, output: () => out, stop: stopper(child) };
}

/** The built proxy in HTTP mode on a free port; resolves once it logs where it listens. */
export async function startProxy(args: string[], env: Record<string, string> = {}): Promise<Proc> {
  const child = spawn(
    process.execPath,
    [BIN, "--mode", "http", "--listen", "127.0.0.1:0", ...args],
    {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += `[stdout] ${d.toString()}`;
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /"url":"([^"]+)"[^\n]*"msg":"listening"/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`proxy exited (${code}):\n${out}`)));
  });
  return { url, child, output: () => out, stop: stopper(child) };
}
