import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, SERVERS, tempDir } from "./harness.js";

const run = promisify(execFile);

/** Runs the built CLI in `cwd`; a non-zero exit fails the test with its stderr. */
async function aegis(cwd: string, ...args: string[]): Promise<string> {
  const r = await run(process.execPath, [BIN, ...args], { cwd });
  return r.stdout;
}

const text = (r: unknown) => (r as { content: Array<{ text: string }> }).content[0]?.text ?? "";

interface Entry {
  command: string;
  args: string[];
  env?: Record<string, string>;
}

// The "Done when": init → wrap → a real client session → unwrap → audit.
describe("the first five minutes", () => {
  let dir: ReturnType<typeof tempDir>;
  let client: Client | undefined;
  beforeEach(() => {
    dir = tempDir("aegis-first-");
  });
  afterEach(async () => {
    await client?.close();
    client = undefined;
    dir.cleanup();
  });

  it("init a policy, wrap a Claude Desktop config, use it, unwrap it, read the audit", async () => {
    const cwd = dir.path;
    await aegis(
      cwd,
      "init",
      "--principal",
      "developer",
      "--",
      process.execPath,
      SERVERS.everything,
    );

    const config = join(cwd, "claude_desktop_config.json");
    const original = `{
  "mcpServers": {
    "everything": {
      "command": ${JSON.stringify(process.execPath)},
      "args": [${JSON.stringify(SERVERS.everything)}],
      "env": { "AEGIS_FIRST_RUN": "1" }
    }
  },
  "globalShortcut": ""
}
`;
    writeFileSync(config, original);
    const wrapOut = await aegis(
      cwd,
      ...["wrap", "--config", config, "--policy", "policy.yaml", "--principal", "developer"],
      ...["--audit-log", "audit.jsonl"],
    );
    expect(wrapOut).toMatch(/wrapped everything \(backup: .*aegis-backup-/);

    // Launched exactly as the client would: command, args and env from the rewritten file.
    const entry = (
      JSON.parse(readFileSync(config, "utf8")) as { mcpServers: Record<string, Entry> }
    ).mcpServers.everything as Entry;
    expect(entry.env).toEqual({ AEGIS_FIRST_RUN: "1" });
    expect(entry.args).toContain(join(cwd, "policy.yaml"));
    const transport = new StdioClientTransport({
      command: entry.command,
      args: entry.args,
      ...(entry.env ? { env: entry.env } : {}),
      stderr: "pipe",
    });
    client = new Client({ name: "first-five-minutes", version: "1.0.0" }, { capabilities: {} });
    await client.connect(transport);

    const { tools } = await client.listTools();
    expect(tools.length).toBeGreaterThanOrEqual(1);
    expect(tools.map((t) => t.name)).toContain("toggle-simulated-logging");

    const echo = await client.callTool({ name: "echo", arguments: { message: "hi" } });
    expect(echo.isError).toBeFalsy();
    expect(text(echo)).toContain("hi");

    // init made this tool visible only (no readOnlyHint): the call is refused, and says
    // who was refused what, and by which rule.
    const refused = await client.callTool({ name: "toggle-simulated-logging", arguments: {} });
    expect(refused.isError).toBe(true);
    expect(text(refused)).toMatch(
      /^Blocked by mcp-aegis \(policy\): "developer" may not call tool "toggle-simulated-logging": no rule allows it \(default: deny\)/,
    );
    const why = await aegis(
      cwd,
      ...["explain", "--policy", "policy.yaml", "--principal", "developer"],
      ...["--tool", "toggle-simulated-logging"],
    ).catch((e: { stdout: string }) => e.stdout);
    expect(why).toMatch(
      /principals\.developer\.tools\[\d+\] allow → skipped: does not grant execute {2}\[policy\.yaml:\d+:\d+\]/,
    );
    await client.close();
    client = undefined;

    await aegis(cwd, "unwrap", "--config", config);
    expect(readFileSync(config, "utf8")).toBe(original);

    const log = JSON.parse(await aegis(cwd, "audit", "--json", "audit.jsonl")) as {
      summary: { malformed: number; byDecision: Record<string, number> };
      rows: Array<{ event: string; tool?: string; decision?: string; principal?: string }>;
    };
    expect(log.summary.malformed).toBe(0);
    const calls = log.rows.filter((r) => r.event === "decision" && r.tool !== undefined);
    expect(calls.map((r) => `${r.tool}:${r.decision}`)).toEqual([
      "echo:allow",
      "toggle-simulated-logging:deny",
    ]);
    expect(calls.every((r) => r.principal === "developer")).toBe(true);
    expect(log.rows.some((r) => r.event === "response" && r.tool === "echo")).toBe(true);
  });
});
