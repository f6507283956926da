// Rate-limit decisions per second, memory and Redis backends, each beside a baseline
// measured in the same run: a bare Map update for memory, a Redis PING on the same
// connection (and the same concurrency) for Redis. Run: npm run bench:ratelimit
// (builds first). Starts its own redis-server on a random loopback port; without one the
// Redis part is skipped with a message. Not part of npm test.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { pino } from "pino";
import { MemoryRateLimiter, RedisRateLimiter, rateLimitCheck } from "../dist/index.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
const rule = { burst: 1_000_000, perMinute: 1_000_000 };
const fmt = (n) => Math.round(n).toLocaleString("en-US").padStart(12);

function timeSync(fn) {
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  const start = performance.now();
  while (performance.now() < end) {
    for (let i = 0; i < 1000; i++) fn(n++);
  }
  return n / ((performance.now() - start) / 1000);
}

/** Runs `fn` with `inFlight` calls outstanding for SECONDS; returns completions per second. */
async function timeAsync(fn, inFlight) {
  const end = performance.now() + SECONDS * 1000;
  let n = 0;
  const start = performance.now();
  const worker = async () => {
    while (performance.now() < end) {
      await fn(n++);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  return n / ((performance.now() - start) / 1000);
}

function row(name, rate, baseline) {
  const ratio = baseline ? `  ${(rate / baseline).toFixed(2)}× baseline` : "";
  console.log(`${name.padEnd(52)}${fmt(rate)} /s${ratio}`);
}

function benchMemory() {
  console.log("memory backend");
  const map = new Map();
  const base = timeSync((i) => {
    const k = `k${i & 63}`;
    map.set(k, (map.get(k) ?? 0) + 1);
  });
  row("  baseline: Map get+set", base);
  const limiter = new MemoryRateLimiter();
  row(
    "  MemoryRateLimiter.take (64 keys, allowed)",
    timeSync((i) => limiter.take({ key: `k${i & 63}`, rule, cost: 1, now: i })),
    base,
  );
  const empty = new MemoryRateLimiter();
  const tiny = { burst: 1, perMinute: 1 };
  row(
    "  MemoryRateLimiter.take (refused)",
    timeSync(() => empty.take({ key: "k", rule: tiny, cost: 1, now: 0 })),
    base,
  );
  const limits = { default: { per_minute: 1_000_000, burst: 1_000_000 } };
  const check = rateLimitCheck({ limiter: new MemoryRateLimiter(), config: () => limits });
  const frame = {
    direction: "client-to-server",
    tool: "echo",
    parsed: { kind: "request", message: { method: "tools/call" } },
  };
  const ctx = { principal: { id: "bench", roles: new Set() }, now: () => 0 };
  row(
    "  rateLimitCheck.inspect (tools/call)",
    timeSync(() => check.inspect(frame, ctx)),
    base,
  );
}

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

async function startRedis() {
  const which = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" });
  const bin = which.stdout.trim();
  if (!bin) return undefined;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "aegis-bench-redis-"));
  const child = spawn(bin, ["--port", String(port), "--bind", "127.0.0.1", "--save", ""], {
    cwd: dir,
    stdio: "ignore",
  });
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise((r) => {
      const s = new Socket();
      s.once("connect", () => r(s.destroy() || true));
      s.once("error", () => r(false));
      s.connect(port, "127.0.0.1");
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: () => {
      child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function benchRedis() {
  const redis = await startRedis();
  if (!redis) {
    console.log("redis backend: SKIPPED (redis-server not found; apt-get install redis-server)");
    return;
  }
  console.log("redis backend (one connection each, loopback)");
  const logger = pino({ level: "silent" });
  const limiter = new RedisRateLimiter({
    url: redis.url,
    timeoutMs: 5000,
    failOpen: false,
    logger,
  });
  const raw = new Redis(redis.url);
  await raw.ping();
  await limiter.take({ key: "warm", rule, cost: 1, now: 0 });
  try {
    for (const inFlight of [1, 16, 64]) {
      const base = await timeAsync(() => raw.ping(), inFlight);
      row(`  baseline: PING, ${inFlight} in flight`, base);
      const rate = await timeAsync(
        (i) => limiter.take({ key: `k${i & 63}`, rule, cost: 1, now: 0 }),
        inFlight,
      );
      row(`  RedisRateLimiter.take, ${inFlight} in flight`, rate, base);
    }
  } finally {
    raw.disconnect();
    await limiter.close();
    redis.stop();
  }
}

console.log(`rate-limit decisions per second (${SECONDS} s per row, node ${process.version})`);
benchMemory();
await benchRedis();
