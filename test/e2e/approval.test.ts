import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Connected, connect, FIXTURES, shimArgs, tempDir } from "./harness.js";

const SERVER = [process.execPath, join(FIXTURES, "servers", "malicious-server.js")];

const POLICY = `version: "1"
defaults:
  effect: deny
principals:
  tester:
    roles: [dev]
    tools:
      - pattern: "weather"
        actions: [read, execute]
        effect: ask
      - pattern: "*"
        actions: [read, execute]
approval:
  timeoutSeconds: 2
`;

function textOf(result: unknown): string {
  return (((result as { content?: unknown }).content as Array<{ text?: string }>) ?? [])
    .map((c) => c.text ?? "")
    .join("");
}

describe("rule effect ask: human approval through elicitation (built binary)", () => {
  let dir: ReturnType<typeof tempDir>;
  let session: Connected | undefined;
  let policy: string;
  let auditFile: string;
  beforeEach(() => {
    dir = tempDir("aegis-approval-");
    policy = join(dir.path, "policy.yaml");
    auditFile = join(dir.path, "audit.jsonl");
    writeFileSync(policy, POLICY);
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
    dir.cleanup();
  });

  async function start(
    elicitation: boolean,
    answer?: (message: string) => unknown,
  ): Promise<{ c: Connected; asked: string[] }> {
    const asked: string[] = [];
    session = await connect(
      shimArgs(["--policy", policy, "--principal", "tester", "--audit-log", auditFile], SERVER),
      {
        capabilities: { capabilities: elicitation ? { elicitation: {} } : {} },
      },
    );
    if (elicitation) {
      session.client.setRequestHandler(ElicitRequestSchema, async (req) => {
        const message = String((req.params as { message?: unknown }).message);
        asked.push(message);
        return (answer?.(message) ?? { action: "decline" }) as never;
      });
    }
    return { c: session, asked };
  }

  async function auditLines(): Promise<Array<Record<string, unknown>>> {
    await session?.close();
    session = undefined;
    return readFileSync(auditFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }

  it("forwards the call when the user approves, after showing the tool and its arguments", async () => {
    const { c, asked } = await start(true, () => ({
      action: "accept",
      content: { approve: true },
    }));
    const r = await c.client.callTool({ name: "weather", arguments: { city: "Lima" } });
    expect(textOf(r)).toBe("Sunny in Lima");
    expect(asked[0]).toContain('tool "weather"');
    expect(asked[0]).toContain('"city": "Lima"');
    const rec = (await auditLines()).find((l) => l.check === "approval");
    expect(rec).toMatchObject({ decision: "allow", tool: "weather" });
  });

  it("bypass: a declined call never reaches the server", async () => {
    const { c } = await start(true, () => ({ action: "decline" }));
    const r = await c.client.callTool({ name: "weather", arguments: { city: "Lima" } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).not.toContain("Sunny");
    expect(textOf(r)).toMatch(
      /^Blocked by mcp-aegis \(approval\): approval required .*did not approve \(decline\)/,
    );
    const rec = (await auditLines()).find((l) => l.check === "approval");
    expect(rec).toMatchObject({ decision: "deny", tool: "weather" });
  });

  it("refuses on cancel and on accept without approve", async () => {
    const { c } = await start(true, () => ({ action: "cancel" }));
    expect((await c.client.callTool({ name: "weather", arguments: { city: "A" } })).isError).toBe(
      true,
    );
    await session?.close();
    const { c: c2 } = await start(true, () => ({ action: "accept", content: { approve: false } }));
    expect((await c2.client.callTool({ name: "weather", arguments: { city: "A" } })).isError).toBe(
      true,
    );
  });

  it("refuses when the user does not answer in time", async () => {
    const { c } = await start(true, () => new Promise(() => {}));
    const r = await c.client.callTool({ name: "weather", arguments: { city: "A" } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain("no answer within 2 s");
  });

  it("denies, saying approval was required, when the client has no elicitation capability", async () => {
    const { c } = await start(false);
    const r = await c.client.callTool({ name: "weather", arguments: { city: "A" } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain("approval required");
    expect(textOf(r)).toContain("did not declare the elicitation capability");
    // Tools without `ask` are not affected.
    expect(
      r.isError && textOf(await c.client.callTool({ name: "fortune", arguments: {} })),
    ).toMatch(/^Good things/);
  });
});
