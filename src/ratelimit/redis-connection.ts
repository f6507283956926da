import type { Redis } from "ioredis";
import type { Logger } from "../audit/logger.js";

/** starting: never connected yet; up: ready for commands; down: failed, reconnecting. */
type Health = "starting" | "up" | "down";

export interface RedisConnectionOptions {
  url: string;
  /** Bounds every command, the connect, and the wait for the first connection. */
  timeoutMs: number;
  logger: Logger;
}

/** Hides the password of a Redis URL before it is logged. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<invalid url>";
  }
}

/**
 * One ioredis client and what is known about its health. ioredis is imported here, on
 * first use, so a shim without --redis-url never loads it, and start-up neither loads it
 * nor waits for the network. Commands are never queued while disconnected and never
 * resent after a reconnect: a call refused while Redis was away must not be counted
 * later. ioredis reconnects by itself; `ready()` answers at once while Redis is known to
 * be down, so a dead Redis costs no waiting.
 */
export class RedisConnection {
  readonly #o: RedisConnectionOptions;
  #client: Promise<Redis> | undefined;
  #health: Health = "starting";
  #lastError = "not connected yet";
  #closed = false;
  readonly #waiters = new Set<() => void>();

  constructor(options: RedisConnectionOptions) {
    this.#o = options;
  }

  /**
   * Loads ioredis and starts connecting, once. Called on the first costed request, not
   * at start: importing ioredis takes 100-300 ms of main-thread time that would
   * otherwise delay `initialize`. A local module load, so callers do not time it.
   */
  load(): Promise<Redis> {
    if (this.#client === undefined) {
      // ioredis is CommonJS: bundled into the CLI its exports arrive under `default`.
      this.#client = import("ioredis").then((mod) => {
        const cjs = (mod as { default?: { Redis?: typeof Redis } }).default;
        return this.#connect(mod.Redis ?? cjs?.Redis ?? (cjs as unknown as typeof Redis));
      });
      this.#client.catch((err: unknown) => {
        this.#setDown(`cannot load ioredis: ${(err as Error).message}`);
      });
    }
    return this.#client;
  }

  get health(): Health {
    return this.#health;
  }

  get lastError(): string {
    return this.#lastError;
  }

  #connect(RedisClass: typeof Redis): Redis {
    const { url, timeoutMs, logger } = this.#o;
    const client = new RedisClass(url, {
      commandTimeout: timeoutMs,
      connectTimeout: timeoutMs,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      // Retry quickly so service resumes soon after Redis returns.
      retryStrategy: (times) => Math.min(times * 100, 1000),
    });
    client.on("ready", () => {
      const was = this.#health;
      this.#health = "up";
      if (was === "down")
        logger.warn({ redis: redactUrl(url) }, "Redis is back; shared rate limits resume");
      else logger.info({ redis: redactUrl(url) }, "connected to Redis for rate limits");
      this.#wake();
    });
    client.on("error", (err: Error) => this.#setDown(err.message));
    client.on("close", () => this.#setDown("connection closed"));
    if (this.#closed) client.disconnect();
    return client;
  }

  #setDown(reason: string): void {
    this.#lastError = reason;
    if (this.#closed) return;
    if (this.#health !== "down") {
      this.#o.logger.warn(
        { redis: redactUrl(this.#o.url), reason },
        "Redis is unavailable for rate limits; reconnecting",
      );
    }
    this.#health = "down";
    this.#wake();
  }

  #wake(): void {
    for (const w of this.#waiters) w();
    this.#waiters.clear();
  }

  /**
   * The client when it is ready. While the first connection is being made, waits for it
   * (the caller bounds the wait); while Redis is known to be down, rejects at once.
   */
  async ready(): Promise<Redis> {
    const client = await this.load();
    if (this.#health === "starting") {
      await new Promise<void>((resolve) => this.#waiters.add(resolve));
    }
    if (this.#health !== "up" || client.status !== "ready") {
      throw new Error(`Redis is unavailable (${this.#lastError})`);
    }
    return client;
  }

  /** After a timeout: treat Redis as down and start over with a fresh connection. */
  markBroken(reason: string): void {
    this.#setDown(reason);
    void this.#client?.then((c) => c.disconnect(true)).catch(() => {});
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#wake();
    const client = await this.#client?.catch(() => undefined);
    client?.disconnect();
  }
}
