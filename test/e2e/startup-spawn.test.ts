import { chmodSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterEach, describe, expect, it } from "vitest";
import {
  BIN,
  FIXTURE_POLICIES,
  killLeftovers,
  ShimTransport,
  shimArgs,
  spawnShim,
  tempDir,
} from "./harness.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  killLeftovers();
});

const POLICY = join(FIXTURE_POLICIES, "allow-all.yaml");

/** Connects the SDK client to the shim run with `args`; resolves with the error and exit code. */
async function failedStart(args: string[]) {
  const shim = spawnShim(args);
  const client = new Client({ name: "aegis-e2e", version: "1.0.0" }, { capabilities: {} });
  const error = await client.connect(new ShimTransport(shim)).then(
    () => undefined,
    (err: unknown) => err as Error,
  );
  return { error, exit: await shim.exited, lines: shim.lines };
}

describe("a server that cannot be started: the client's initialize says why (SDK client)", () => {
  it("a command that does not exist (early start): the command and ENOENT, exit 127", async () => {
    const r = await failedStart(shimArgs(["--policy", POLICY], ["no-such-mcp-server-xyz", "--x"]));
    expect(r.error?.message).toMatch(
      /mcp-aegis could not start the MCP server "no-such-mcp-server-xyz": spawn no-such-mcp-server-xyz ENOENT/,
    );
    expect(r.error?.message).not.toMatch(/Connection closed/);
    expect(r.exit.code).toBe(127);
    expect(r.lines).toHaveLength(1);
  });

  it("a file that is not executable: the command and EACCES, exit 127", async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const script = join(dir.path, "server.sh");
    writeFileSync(script, "#!/bin/sh\nexit 0\n");
    chmodSync(script, 0o644);
    const r = await failedStart(shimArgs(["--policy", POLICY], [script]));
    expect(r.error?.message).toContain(`could not start the MCP server "${script}"`);
    expect(r.error?.message).toMatch(/EACCES/);
    expect(r.exit.code).toBe(127);
  });

  it("a command given without -- (started by execa, not early): the same answer", async () => {
    const r = await failedStart([BIN, "--policy", POLICY, "no-such-mcp-server-xyz"]);
    expect(r.error?.message).toMatch(
      /could not start the MCP server "no-such-mcp-server-xyz": .*ENOENT/,
    );
    expect(r.exit.code).toBe(127);
  });
});
