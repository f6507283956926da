import type { Readable, Writable } from "node:stream";
import { LineDecoder } from "../protocol/framing.js";

/** What a server shows a client: its initialize instructions and every tool (all pages). */
export interface ServerSurface {
  instructions?: string;
  tools: Record<string, unknown>[];
  /** With `catalog`: resources, resource templates and prompts (all pages), when offered. */
  resources?: Record<string, unknown>[];
  resourceTemplates?: Record<string, unknown>[];
  prompts?: Record<string, unknown>[];
}

/** The server could not be asked (it exited, answered with an error, or timed out). */
export class CollectError extends Error {
  override readonly name = "CollectError";
}

const PROTOCOL_VERSION = "2025-11-25";
const MAX_PAGES = 1000;

/**
 * Starts the server, initializes like a client with the given capabilities (some servers
 * list more tools to capable clients), lists every page of tools, then closes its stdin
 * and stops it. Server requests (roots/list, sampling, ...) get "method not found".
 */
export async function collectSurface(
  argv: readonly string[],
  o: {
    capabilities?: Record<string, unknown>;
    timeoutMs?: number;
    env?: NodeJS.ProcessEnv;
    /** Also list resources, resource templates and prompts (`mcp-aegis init`). */
    catalog?: boolean;
  } = {},
): Promise<ServerSurface> {
  const [command, ...args] = argv as [string, ...string[]];
  // Loaded here, not at the top: the CLI's stdio runs never need execa (see entry.ts).
  const { execa } = await import("execa");
  const child = execa(command, args, {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "ignore",
    buffer: false,
    reject: false,
    env: o.env ?? process.env,
    extendEnv: false,
    forceKillAfterDelay: 2000,
    cleanup: true,
  });
  const stdin = child.stdin as Writable;
  const stdout = child.stdout as Readable;
  const decoder = new LineDecoder(64 * 1024 * 1024);
  const waiting = new Map<
    number,
    { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();
  let nextId = 1;
  let failed: Error | undefined;

  const fail = (err: Error) => {
    failed ??= err;
    for (const w of waiting.values()) w.reject(err);
    waiting.clear();
  };
  stdout.on("data", (chunk: Buffer) => {
    for (const line of decoder.push(chunk)) {
      if (line.kind !== "line") continue;
      let msg: Record<string, unknown>;
      try {
        msg = JSON.parse(line.bytes.toString("utf8")) as Record<string, unknown>;
      } catch {
        continue;
      }
      if (typeof msg.method === "string" && msg.id !== undefined) {
        stdin.write(
          `${JSON.stringify({ jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "Method not found" } })}\n`,
        );
      } else if (typeof msg.id === "number" && msg.method === undefined) {
        const w = waiting.get(msg.id);
        waiting.delete(msg.id);
        if (!w) continue;
        if (msg.error)
          w.reject(
            new CollectError(`the server answered with an error: ${JSON.stringify(msg.error)}`),
          );
        else w.resolve((msg.result ?? {}) as Record<string, unknown>);
      }
    }
  });
  stdin.on("error", () => {});
  void child.then((r) =>
    fail(
      new CollectError(
        `the server exited (code ${r.exitCode ?? r.signal ?? "?"})${r.failed && r.exitCode === undefined ? `: ${r.shortMessage}` : ""}`,
      ),
    ),
  );

  const request = (method: string, params: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      if (failed) return reject(failed);
      const id = nextId++;
      const timer = setTimeout(
        () => reject(new CollectError(`no answer to ${method} within ${o.timeoutMs ?? 30000} ms`)),
        o.timeoutMs ?? 30000,
      );
      waiting.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id, method, params })}\n`);
    });

  try {
    const init = await request("initialize", {
      protocolVersion: PROTOCOL_VERSION,
      capabilities: o.capabilities ?? {},
      clientInfo: { name: "mcp-aegis-pin", version: "1" },
    });
    stdin.write(`${JSON.stringify({ jsonrpc: "2.0", method: "notifications/initialized" })}\n`);
    const listAll = async (method: string, key: string) => {
      const items: Record<string, unknown>[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        const r = await request(method, cursor === undefined ? {} : { cursor });
        const got = r[key];
        if (Array.isArray(got)) items.push(...(got as Record<string, unknown>[]));
        cursor = typeof r.nextCursor === "string" ? r.nextCursor : undefined;
        if (cursor === undefined) break;
      }
      return items;
    };
    const tools = await listAll("tools/list", "tools");
    const surface: ServerSurface =
      typeof init.instructions === "string"
        ? { instructions: init.instructions, tools }
        : { tools };
    if (o.catalog) {
      const offered = (init.capabilities ?? {}) as Record<string, unknown>;
      if (offered.resources !== undefined) {
        surface.resources = await listAll("resources/list", "resources");
        surface.resourceTemplates = await listAll("resources/templates/list", "resourceTemplates");
      }
      if (offered.prompts !== undefined) surface.prompts = await listAll("prompts/list", "prompts");
    }
    return surface;
  } finally {
    stdin.end();
    setTimeout(() => child.kill("SIGTERM"), 300).unref();
    await child;
  }
}
