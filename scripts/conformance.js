#!/usr/bin/env node
// Runs the MCP conformance suite (server mode) against server-everything directly and
// through mcp-aegis in HTTP mode (auth off: an explicit, logged --no-auth on loopback),
// prints a Markdown comparison, and fails when a check that passes directly fails
// through the proxy, or when DNS-rebinding protection fails through the proxy.
// Usage: npm run conformance   (builds first)
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const EVERYTHING = join(ROOT, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");
const CONFORMANCE = join(ROOT, "node_modules/@modelcontextprotocol/conformance/dist/index.js");
const BIN = join(ROOT, "bin/mcp-aegis.js");
const POLICY = join(ROOT, "test/fixtures/http/allow-all.yaml");

function freePort() {
  return new Promise((res) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** Starts a process and resolves once its output matches `ready`. */
function start(args, env, ready) {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  return new Promise((res, rej) => {
    const onData = (d) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) res({ child, match: m, output: () => out });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => rej(new Error(`${args[0]} exited (${code}):\n${out}`)));
  });
}

function run(args) {
  return new Promise((res) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.once("exit", (code) => res({ code, out }));
  });
}

/** scenario → { passed, failed, checks: Map<checkId, status> } from the suite's output dir. */
function collect(dir) {
  const out = new Map();
  for (const entry of readdirSync(dir)) {
    const m = /^server-(.+)-\d{4}-\d\d-\d\dT/.exec(entry);
    if (!m) continue;
    let checks = [];
    try {
      checks = JSON.parse(readFileSync(join(dir, entry, "checks.json"), "utf8"));
    } catch {}
    const map = new Map(checks.map((c) => [c.id, c.status]));
    const passed = checks.filter((c) => c.status === "SUCCESS").length;
    out.set(m[1], { passed, failed: checks.length - passed, checks: map });
  }
  return out;
}

const work = mkdtempSync(join(tmpdir(), "aegis-conformance-"));
const port = await freePort();
const everything = await start(
  [EVERYTHING, "streamableHttp"],
  { PORT: String(port) },
  /listening on port/,
);
const upstream = `http://127.0.0.1:${port}/mcp`;
const proxyProc = await start(
  [
    BIN,
    "--mode",
    "http",
    "--listen",
    "127.0.0.1:0",
    "--no-auth",
    "--principal",
    "conformance",
    "--roles",
    "conformance",
    "--policy",
    POLICY,
    "--upstream",
    upstream,
  ],
  {},
  /"url":"([^"]+)"[^\n]*"msg":"listening"/,
);
const proxyUrl = proxyProc.match[1];

try {
  const t0 = performance.now();
  const direct = await run([CONFORMANCE, "server", "--url", upstream, "-o", join(work, "direct")]);
  const t1 = performance.now();
  const viaProxy = await run([CONFORMANCE, "server", "--url", proxyUrl, "-o", join(work, "proxy")]);
  const t2 = performance.now();
  const a = collect(join(work, "direct"));
  const b = collect(join(work, "proxy"));
  const rows = [];
  const regressions = [];
  for (const scenario of new Set([...a.keys(), ...b.keys()])) {
    const d = a.get(scenario);
    const p = b.get(scenario);
    const cell = (r) =>
      r ? `${r.failed === 0 ? "✓" : "✗"} ${r.passed}/${r.passed + r.failed}` : "–";
    rows.push(`| ${scenario} | ${cell(d)} | ${cell(p)} |`);
    for (const [id, status] of d?.checks ?? []) {
      if (status === "SUCCESS" && p?.checks.get(id) !== "SUCCESS")
        regressions.push(`${scenario}/${id}`);
    }
  }
  const total = (m) =>
    [...m.values()].reduce((s, r) => [s[0] + r.passed, s[1] + r.passed + r.failed], [0, 0]);
  const [dp, dt] = total(a);
  const [pp, pt] = total(b);
  rows.push(`| **checks passed** | **${dp}/${dt}** | **${pp}/${pt}** |`);
  const dns = b.get("dns-rebinding-protection");
  process.stdout.write(
    [
      "| scenario | server-everything direct | through mcp-aegis (--no-auth) |",
      "| --- | --- | --- |",
      ...rows,
      "",
      `suite time: direct ${Math.round(t1 - t0)} ms, through the proxy ${Math.round(t2 - t1)} ms`,
      `checks passing directly but failing through the proxy: ${regressions.length ? regressions.join(", ") : "none"}`,
      `DNS-rebinding protection through the proxy: ${dns && dns.failed === 0 ? "passes" : "FAILS"}`,
      "",
    ].join("\n"),
  );
  process.exitCode = regressions.length === 0 && dns && dns.failed === 0 ? 0 : 1;
  if (process.exitCode)
    process.stderr.write(`${direct.out.slice(-2000)}\n${viaProxy.out.slice(-2000)}\n`);
} finally {
  proxyProc.child.kill("SIGTERM");
  everything.child.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
