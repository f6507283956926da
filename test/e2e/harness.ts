import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The built launcher: e2e tests drive the real binary (npm test builds first). */
export const BIN = join(ROOT, "bin", "mcp-aegis.js");
export const POLICIES = join(ROOT, "policies");
export const FIXTURES = join(ROOT, "test", "fixtures");

/** Entry points of the reference servers, run with this Node (no npx, no network). */
export const SERVERS = {
  everything: join(ROOT, "node_modules/@modelcontextprotocol/server-everything/dist/index.js"),
  filesystem: join(ROOT, "node_modules/@modelcontextprotocol/server-filesystem/dist/index.js"),
  memory: join(ROOT, "node_modules/@modelcontextprotocol/server-memory/dist/index.js"),
} as const;

export function tempDir(prefix = "aegis-"): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}

/** Arguments that run the shim in front of `server` (argv after `--`). */
export function shimArgs(shimOptions: string[], server: string[]): string[] {
  return [BIN, ...shimOptions, "--", ...server];
}

export interface Connected {
  client: Client;
  transport: StdioClientTransport;
  stderr: () => string;
  close: () => Promise<void>;
}

/**
 * Connects the official SDK client to a command (the shim, or a server directly), with
 * stderr captured so a failing test can print it.
 */
export async function connect(
  args: string[],
  options: {
    capabilities?: ConstructorParameters<typeof Client>[1];
    env?: Record<string, string>;
    cwd?: string;
  } = {},
): Promise<Connected> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args,
    stderr: "pipe",
    ...(options.env ? { env: options.env } : {}),
    ...(options.cwd ? { cwd: options.cwd } : {}),
  });
  let stderr = "";
  transport.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const client = new Client(
    { name: "aegis-e2e", version: "1.0.0" },
    options.capabilities ?? { capabilities: {} },
  );
  await client.connect(transport);
  return { client, transport, stderr: () => stderr, close: () => client.close() };
}
