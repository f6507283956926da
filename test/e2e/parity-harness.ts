import { spawn } from "node:child_process";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { type Proc, startProxy } from "../http/helpers.js";
import { connect, FIXTURES, shimArgs } from "./harness.js";

/** The three ways of deploying the shim that every defence must behave the same in. */
export type Mode = "stdio" | "http + stdio child" | "http + upstream URL";
export const MODES: Mode[] = ["stdio", "http + stdio child", "http + upstream URL"];

export const SERVERS_DIR = join(FIXTURES, "servers");
export const STDIO_SERVER = [process.execPath, join(SERVERS_DIR, "malicious-server.js")];

export interface Opened {
  client: Client;
  close(): Promise<void>;
}

export interface ShimSetup {
  /** Shim flags (policy, principal, audit…). */
  flags: string[];
  /** The server's environment on top of the test's. */
  env: Record<string, string>;
  capabilities: ConstructorParameters<typeof Client>[1];
  /** Request handlers to set on the client before it connects. */
  setup(client: Client): void;
  /** Teardown steps, run by the test's afterEach. */
  opened: Array<() => Promise<void>>;
  /** The upstream's port (HTTP + upstream URL): kept across restarts, as pins are keyed by URL. */
  upstreamPort: { value: number };
  /** The stdio server (default: the malicious server); the upstream URL mode always runs it. */
  server?: string[];
}

/** The malicious server over Streamable HTTP on a free port (or `port`). */
export async function startMaliciousHttp(env: Record<string, string>, port = 0): Promise<Proc> {
  const child = spawn(process.execPath, [join(SERVERS_DIR, "malicious-http.js")], {
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let out = "";
  const bound = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /listening on port (\d+)/.exec(out);
      if (m?.[1]) resolve(m[1]);
    });
    child.once("exit", () => reject(new Error(`malicious-http exited:\n${out}`)));
  });
  return {
    url: `http://127.0.0.1:${bound}/mcp`,
    child,
    output: () => out,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGKILL");
      }),
  };
}

/** The malicious server behind the shim in `mode`, driven by the official SDK client. */
export async function openShim(mode: Mode, s: ShimSetup): Promise<Opened> {
  if (mode === "stdio") {
    const c = await connect(shimArgs(s.flags, s.server ?? STDIO_SERVER), {
      ...(s.capabilities ? { capabilities: s.capabilities } : {}),
      env: { ...(process.env as Record<string, string>), ...s.env },
    });
    s.setup(c.client);
    s.opened.push(() => c.close());
    return { client: c.client, close: () => c.close() };
  }
  let serverArgs: string[];
  let upstreamStop = async () => {};
  if (mode === "http + upstream URL") {
    const upstream = await startMaliciousHttp(s.env, s.upstreamPort.value);
    s.upstreamPort.value = Number(new URL(upstream.url).port);
    s.opened.push(() => upstream.stop());
    upstreamStop = () => upstream.stop();
    serverArgs = ["--upstream", upstream.url];
  } else {
    serverArgs = ["--", ...(s.server ?? STDIO_SERVER)];
  }
  const proxy = await startProxy(["--no-auth", ...s.flags, ...serverArgs], s.env);
  s.opened.push(() => proxy.stop());
  const client = new Client({ name: "aegis-parity", version: "1.0.0" }, s.capabilities);
  s.setup(client);
  await client.connect(new StreamableHTTPClientTransport(new URL(proxy.url)));
  s.opened.push(() => client.close());
  return {
    client,
    close: async () => {
      await client.close();
      await proxy.stop();
      await upstreamStop();
    },
  };
}

export function textOf(result: unknown): string {
  return (((result as { content?: unknown }).content as Array<{ text?: string }>) ?? [])
    .map((c) => c.text ?? "")
    .join("");
}
