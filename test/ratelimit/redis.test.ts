import { execFileSync } from "node:child_process";
import { createServer, type Server, type Socket } from "node:net";
import { dirname, resolve } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { Redis } from "ioredis";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../../src/audit/logger.js";
import { RedisRateLimiter } from "../../src/ratelimit/redis.js";
import type { RateDecision } from "../../src/ratelimit/types.js";
import { describeWithRedis, freePort, RedisServer } from "./redis-server.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** A logger whose lines the test can read. */
function captureLogger(): { logger: Logger; lines: () => string[] } {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: pino({ level: "debug" }, sink), lines: () => lines };
}

async function until(cond: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const rule = { burst: 5, perMinute: 60 };
let n = 0;
const key = () => `test-${process.pid}-${n++}`;

describeWithRedis("RedisRateLimiter against a real redis-server", () => {
  let redis: RedisServer;
  const open: RedisRateLimiter[] = [];
  const limiter = (over: Partial<ConstructorParameters<typeof RedisRateLimiter>[0]> = {}) => {
    const l = new RedisRateLimiter({
      url: redis.url,
      timeoutMs: 1_000,
      failOpen: false,
      logger: captureLogger().logger,
      ...over,
    });
    open.push(l);
    return l;
  };

  beforeAll(async () => {
    redis = await RedisServer.start();
  });
  afterAll(async () => {
    await Promise.all(open.map((l) => l.close()));
    await redis?.stop();
  });

  it("two limiters (two connections) share one bucket exactly, even when racing", async () => {
    const [a, b] = [limiter(), limiter()];
    const k = key();
    const take = (l: RedisRateLimiter) =>
      l.take({ key: k, rule: { burst: 20, perMinute: 1 }, cost: 1, now: 0 });
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => take(i % 2 ? a : b)));
    expect(results.filter((r) => r.allowed)).toHaveLength(20);
    const refused = results.find((r) => !r.allowed) as Extract<RateDecision, { reason: "limited" }>;
    expect(refused.reason).toBe("limited");
    // One token per minute: the wait is at most a minute and close to it.
    expect(refused.retryAfterMs).toBeGreaterThan(55_000);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(60_000);
  });

  it("counts remaining tokens", async () => {
    const l = limiter();
    const k = key();
    const slow = { burst: 2, perMinute: 1 };
    expect(await l.take({ key: k, rule: slow, cost: 1, now: 0 })).toEqual({
      allowed: true,
      remaining: 1,
    });
    expect(await l.take({ key: k, rule: slow, cost: 1, now: 0 })).toEqual({
      allowed: true,
      remaining: 0,
    });
    expect(await l.take({ key: k, rule: slow, cost: 1, now: 0 })).toMatchObject({ allowed: false });
  });

  it("refills on Redis's clock: a refused caller that waits as told gets through", async () => {
    const l = limiter();
    const k = key();
    const fast = { burst: 2, perMinute: 600 }; // one token per 100 ms
    let refused: RateDecision | undefined;
    for (let i = 0; i < 20 && !refused; i++) {
      const d = await l.take({ key: k, rule: fast, cost: 1, now: 0 });
      if (!d.allowed) refused = d;
    }
    const wait = (refused as { retryAfterMs: number }).retryAfterMs;
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(100);
    await new Promise((r) => setTimeout(r, wait + 5));
    expect((await l.take({ key: k, rule: fast, cost: 1, now: 0 })).allowed).toBe(true);
  });

  it("stores only buckets in use: a key expires when its bucket would be full", async () => {
    const l = limiter({ keyPrefix: "ttl-test" });
    const k = key();
    await l.take({ key: k, rule, cost: 1, now: 0 });
    const raw = new Redis(redis.url);
    try {
      const ttl = await raw.pttl(`ttl-test:${k}`);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(1_000); // one token at 60 per minute
      expect(await raw.hgetall(`ttl-test:${k}`)).toMatchObject({ l: "240000" });
    } finally {
      raw.disconnect();
    }
  });

  it("fails closed within the timeout when Redis hangs, and resumes when it answers again", async () => {
    const l = limiter({ timeoutMs: 500 });
    const k = key();
    expect((await l.take({ key: k, rule, cost: 1, now: 0 })).allowed).toBe(true);
    redis.pause();
    try {
      const start = Date.now();
      const d = await l.take({ key: k, rule, cost: 1, now: 0 });
      expect(Date.now() - start).toBeLessThan(500 + 1_000);
      expect(d).toMatchObject({
        allowed: false,
        reason: "unavailable",
        detail: "Redis did not answer within 500 ms",
      });
      // Known down: the next answer does not wait for the timeout again.
      const again = Date.now();
      expect(await l.take({ key: k, rule, cost: 1, now: 0 })).toMatchObject({
        reason: "unavailable",
      });
      expect(Date.now() - again).toBeLessThan(400);
    } finally {
      redis.resume();
    }
    await until(async () => (await l.take({ key: k, rule, cost: 1, now: 0 })).allowed);
  });

  it("fails closed at once when Redis dies, and reconnects by itself when it returns", async () => {
    const l = limiter();
    const k = key();
    expect((await l.take({ key: k, rule, cost: 1, now: 0 })).allowed).toBe(true);
    await redis.kill();
    await until(async () => l.health === "down");
    expect(await l.take({ key: k, rule, cost: 1, now: 0 })).toMatchObject({
      allowed: false,
      reason: "unavailable",
      detail: "Redis is unreachable",
    });
    await redis.start();
    await until(async () => (await l.take({ key: k, rule, cost: 1, now: 0 })).allowed);
    expect(l.health).toBe("up");
  });

  it("with failOpen, falls back to a per-process limiter and logs it (start and every fallback)", async () => {
    const { logger, lines } = captureLogger();
    const port = await freePort(); // nothing listens there
    const l = limiter({ url: `redis://127.0.0.1:${port}`, failOpen: true, logger });
    expect(lines().join("")).toMatch(/fail-open is on/);
    const small = { burst: 2, perMinute: 1 };
    const k = key();
    const decisions = [];
    for (let i = 0; i < 3; i++)
      decisions.push(await l.take({ key: k, rule: small, cost: 1, now: 1_000 }));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, false]);
    expect(decisions[2]).toMatchObject({ reason: "limited", retryAfterMs: 60_000 });
    expect(lines().filter((x) => /per-process fallback limiter/.test(x))).toHaveLength(3);
  });
});

describe("RedisRateLimiter without a usable Redis (no redis-server needed)", () => {
  let hung: Server;
  let hungPort: number;
  const sockets: Socket[] = [];
  beforeAll(async () => {
    // Accepts connections and never answers: a Redis that hangs.
    hung = createServer((s) => sockets.push(s));
    await new Promise<void>((r) => hung.listen(0, "127.0.0.1", r));
    hungPort = (hung.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => hung.close(r));
  });

  it("refuses (fail-closed) within the timeout while the first connection never becomes ready", async () => {
    const l = new RedisRateLimiter({
      url: `redis://127.0.0.1:${hungPort}`,
      timeoutMs: 300,
      failOpen: false,
      logger: captureLogger().logger,
    });
    try {
      const start = Date.now();
      const d = await l.take({ key: "k", rule, cost: 1, now: 0 });
      expect(d).toMatchObject({ allowed: false, reason: "unavailable" });
      expect(Date.now() - start).toBeLessThan(300 + 1_000);
    } finally {
      await l.close();
    }
  });

  it("loads ioredis and rate-limiter-flexible on the first decision, not when built (start-up pays nothing)", () => {
    const script = `
      import { createRequire } from "node:module";
      import { pino } from "pino";
      import { RedisRateLimiter } from "./dist/index.js";
      const loaded = () => Object.keys(createRequire(import.meta.url).cache)
        .filter((k) => /node_modules\\/(ioredis|rate-limiter-flexible)\\//.test(k)).length > 0;
      const l = new RedisRateLimiter({ url: "redis://127.0.0.1:${hungPort}", timeoutMs: 200,
        failOpen: false, logger: pino({ level: "silent" }) });
      await new Promise((r) => setTimeout(r, 300));
      const before = loaded();
      await l.take({ key: "k", rule: { burst: 1, perMinute: 1 }, cost: 1, now: 0 });
      console.log(JSON.stringify({ before, after: loaded() }));
      await l.close();`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: ROOT,
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual({ before: false, after: true });
  });

  it("refuses a URL that is not redis:// and never logs its password", () => {
    expect(
      () =>
        new RedisRateLimiter({
          url: "http://user:secret@host",
          timeoutMs: 1,
          failOpen: false,
          logger: captureLogger().logger,
        }),
    ).toThrow(/redis:\/\/ or rediss:\/\/, got "http:\/\/user:\*\*\*@host\/"/);
  });
});
