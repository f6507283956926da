#!/usr/bin/env node
// HTTP mode overhead: sequential tools/call echo round trips with the official SDK client
// (Streamable HTTP) against server-everything directly, through mcp-aegis --no-auth, and
// through mcp-aegis with JWT validation (RS256, JWKS file). Ratios are against the direct
// baseline measured in the same run. Usage: npm run build && node bench/http.js [calls]
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { exportJWK, generateKeyPair, SignJWT } from "jose";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CALLS = Number(process.argv[2] ?? 200);
const ROUNDS = 6;
const WARMUP = 30;

const freePort = () =>
  new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });

function start(args, env, ready) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  return new Promise((res, rej) => {
    const on = (d) => {
      out += d;
      const m = ready.exec(out);
      if (m) res({ child, match: m });
    };
    child.stdout.on("data", on);
    child.stderr.on("data", on);
    child.once("exit", (c) => rej(new Error(`exited ${c}: ${out}`)));
  });
}

async function measure(url, headers = {}) {
  const client = new Client({ name: "bench", version: "1" }, { capabilities: {} });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }),
  );
  const times = [];
  for (let i = 0; i < CALLS + WARMUP; i++) {
    const t = performance.now();
    await client.callTool({ name: "echo", arguments: { message: `m${i}` } });
    if (i >= WARMUP) times.push(performance.now() - t);
  }
  await client.close();
  return times;
}

function summarize(times) {
  times.sort((a, b) => a - b);
  const q = (p) => times[Math.min(times.length - 1, Math.floor(p * times.length))];
  return { p50: q(0.5), p95: q(0.95), total: times.reduce((a, b) => a + b, 0) };
}

const dir = mkdtempSync(join(tmpdir(), "aegis-bench-"));
const procs = [];
try {
  const port = await freePort();
  procs.push(
    (
      await start(
        [
          join(ROOT, "node_modules/@modelcontextprotocol/server-everything/dist/index.js"),
          "streamableHttp",
        ],
        { PORT: String(port) },
        /listening on port/,
      )
    ).child,
  );
  const upstream = `http://127.0.0.1:${port}/mcp`;
  const policy = join(ROOT, "test/fixtures/http/allow-all.yaml");
  const bin = join(ROOT, "bin/mcp-aegis.js");
  const base = [
    bin,
    "--mode",
    "http",
    "--listen",
    "127.0.0.1:0",
    "--policy",
    policy,
    "--upstream",
    upstream,
  ];
  const noAuth = await start(
    [...base, "--no-auth", "--principal", "conformance", "--log-level", "info"],
    {},
    /"url":"([^"]+)"[^\n]*"msg":"listening"/,
  );
  procs.push(noAuth.child);

  const { publicKey, privateKey } = await generateKeyPair("RS256");
  writeFileSync(
    join(dir, "jwks.json"),
    JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: "b1", alg: "RS256" }] }),
  );
  const resource = "http://127.0.0.1/mcp";
  const jwt = await start(
    [
      ...base,
      "--jwks-file",
      join(dir, "jwks.json"),
      "--issuer",
      "https://as.test",
      "--resource",
      resource,
    ],
    {},
    /"url":"([^"]+)"[^\n]*"msg":"listening"/,
  );
  procs.push(jwt.child);
  const token = await new SignJWT({ roles: ["conformance"] })
    .setProtectedHeader({ alg: "RS256", kid: "b1" })
    .setSubject("conformance")
    .setAudience(resource)
    .setIssuer("https://as.test")
    .setExpirationTime("10m")
    .sign(privateKey);

  // Rounds alternate between the three paths so warm-up and drift hit each alike.
  const paths = [
    [upstream, {}],
    [noAuth.match[1], {}],
    [jwt.match[1], { authorization: `Bearer ${token}` }],
  ];
  const results = paths.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < paths.length; k++) {
      const i = (round + k) % paths.length; // rotate who goes first
      const [url, headers] = paths[i];
      results[i].push(...(await measure(url, headers)));
    }
  }
  const [direct, viaNoAuth, viaJwt] = results.map(summarize);
  const row = (name, r) =>
    `| ${name} | ${r.p50.toFixed(2)} | ${r.p95.toFixed(2)} | ${(r.total / direct.total).toFixed(2)}× |`;
  process.stdout.write(
    [
      `${ROUNDS} × ${CALLS} sequential tools/call echo round trips per path (${WARMUP} warm-up calls per round), Node ${process.version}`,
      "",
      "| path | p50 ms | p95 ms | total time vs direct |",
      "| --- | --- | --- | --- |",
      row("server-everything direct", direct),
      row("through mcp-aegis --no-auth", viaNoAuth),
      row("through mcp-aegis, JWT RS256", viaJwt),
      "",
    ].join("\n"),
  );
} finally {
  for (const p of procs) p.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
