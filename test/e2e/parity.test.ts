import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import {
  CreateMessageRequestSchema,
  ElicitRequestSchema,
  ListRootsRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "./harness.js";
import { MODES, type Opened, openShim, textOf } from "./parity-harness.js";

interface OpenOptions {
  /** Extra shim flags. */
  flags: string[];
  /** The server's environment on top of the test's. */
  env: Record<string, string>;
  elicitation: boolean;
}

// One table of defences, run against each way of deploying the shim: the gateway builds
// the same checks for all three, so each row must behave the same.

const POLICY = `version: "1"
defaults:
  effect: deny
principals:
  tester:
    roles: [dev]
    # Allowed here so that the sampling defence, not the policy default, is what refuses.
    server_requests:
      sampling/createMessage: allow
    tools:
      - pattern: "weather"
        actions: [read, execute]
        effect: ask
      - pattern: "*"
        actions: [read, execute]
    resources:
      - pattern: "**"
    prompts:
      - pattern: "*"
pinning:
  onChange: block
roots:
  allow: ["file:///srv/project"]
approval:
  timeoutSeconds: 5
`;

const ESCAPES = /[\u001b\u200b\u2060]|[\u{e0000}-\u{e007f}]/u;

describe.each(MODES)("defence parity: %s", (mode) => {
  let dir: ReturnType<typeof tempDir>;
  let policy: string;
  let auditFile: string;
  let pinFile: string;
  const opened: Array<() => Promise<void>> = [];
  const sampled: unknown[] = [];
  const asked: string[] = [];
  // A restarted upstream keeps its URL (its pins are keyed by it), as a deployed one would.
  const upstreamPort = { value: 0 };

  beforeEach(() => {
    dir = tempDir("aegis-parity-");
    policy = join(dir.path, "policy.yaml");
    auditFile = join(dir.path, "audit.jsonl");
    pinFile = join(dir.path, "pins.json");
    upstreamPort.value = 0;
    writeFileSync(policy, POLICY);
    sampled.length = 0;
    asked.length = 0;
  });
  afterEach(async () => {
    for (const close of opened.splice(0).reverse()) await close();
    dir.cleanup();
  });

  function withHandlers(client: Client, elicitation: boolean): void {
    client.setRequestHandler(CreateMessageRequestSchema, async (req) => {
      sampled.push(req.params);
      return { role: "assistant", model: "test", content: { type: "text", text: "a summary" } };
    });
    client.setRequestHandler(ListRootsRequestSchema, async () => ({
      roots: [
        { uri: "file:///srv/project", name: "project" },
        { uri: "file:///home/me/.ssh", name: "keys" },
      ],
    }));
    if (elicitation) {
      client.setRequestHandler(ElicitRequestSchema, async (req) => {
        asked.push(String((req.params as { message?: unknown }).message));
        return { action: "accept", content: { approve: true } };
      });
    }
  }

  /** The policy without `ask`, so what is tested does not hinge on an approval. */
  const withoutAsk = () => writeFileSync(policy, POLICY.replace("        effect: ask\n", ""));

  async function open(o: Partial<OpenOptions> = {}): Promise<Opened> {
    return openShim(mode, {
      flags: [
        "--policy",
        policy,
        "--principal",
        "tester",
        "--roles",
        "dev",
        "--audit-log",
        auditFile,
        ...(o.flags ?? []),
      ],
      env: o.env ?? {},
      capabilities: {
        capabilities: {
          sampling: {},
          roots: { listChanged: true },
          ...(o.elicitation ? { elicitation: {} } : {}),
        },
      },
      setup: (client) => withHandlers(client, o.elicitation === true),
      opened,
      upstreamPort,
    });
  }

  it("strips ANSI and invisible characters from tool descriptions, hides a poisoned tool", async () => {
    const { client } = await open();
    const tools = (await client.listTools()).tools;
    const colors = tools.find((t) => t.name === "colors");
    expect(colors?.description).toContain("Shows colours.");
    expect(colors?.description).toContain("and more.");
    for (const t of tools) expect(t.description ?? "").not.toMatch(ESCAPES);
    expect(tools.map((t) => t.name)).not.toContain("add");
  });

  it("redacts an AWS key id and a GitHub token in a result", async () => {
    const { client } = await open();
    await client.listTools();
    const text = textOf(await client.callTool({ name: "config-dump", arguments: {} }));
    expect(text).toContain("region=us-east-1");
    expect(text).toContain("[REDACTED:aws-access-key-id]");
    expect(text).toContain("[REDACTED:github-token]");
    expect(text).not.toContain("AKIAIOSFODNN7EXAMPLE");
    expect(text).not.toMatch(/ghp_/);
  });

  it("redacts unprefixed and structured secrets in a result, resource contents and prompt messages", async () => {
    const { client } = await open();
    await client.listTools();
    const result = textOf(await client.callTool({ name: "config-dump", arguments: {} }));
    expect(result).toContain("db_password=[REDACTED:password]");
    expect(result).toContain("api_key=[REDACTED:generic-secret]");
    expect(result).not.toMatch(/Tr0ub4dor|9c1fQ7rLx2/);

    const resource = await client.readResource({ uri: "config://deploy.env" });
    const contents = resource.contents.map((c) => ("text" in c ? c.text : "")).join("");
    expect(contents).toContain("REGION=eu-west-1");
    // An AWS secret access key after the bare word `secret` (issue 15).
    expect(contents).toContain("secret: [REDACTED:aws-secret-access-key]");
    expect(contents).toContain("DATABASE_URL=[REDACTED:connection-string]");
    expect(contents).not.toMatch(/wJalrXUtnFEMI|Zx9kLm2Qp7vB/);

    const prompt = await client.getPrompt({ name: "deploy" });
    const said = prompt.messages
      .map((m) => (m.content.type === "text" ? m.content.text : ""))
      .join("");
    expect(said).toContain("[REDACTED:jwt]");
    expect(said).toContain("[REDACTED:private-key]");
    expect(said).toContain("then report.");
    expect(said).not.toMatch(/eyJhbGci|b3BlbnNzaC1rZXkt/);
  });

  it("blocks a tool changed mid-session (rug pull)", async () => {
    withoutAsk();
    const { client } = await open({ flags: ["--pin-file", pinFile] });
    expect((await client.listTools()).tools.map((t) => t.name)).toContain("weather");
    await client.callTool({ name: "rug-pull", arguments: {} });
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain("weather");
    const r = await client.callTool({ name: "weather", arguments: { city: "Oslo" } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('tool "weather" changed since it was pinned');
  });

  it("blocks a tool changed across restarts with --pin-file", async () => {
    withoutAsk();
    const first = await open({ flags: ["--pin-file", pinFile] });
    expect((await first.client.listTools()).tools.map((t) => t.name)).toContain("weather");
    await first.close();
    const pins = JSON.parse(readFileSync(pinFile, "utf8")) as {
      servers: Record<string, { tools?: Record<string, unknown> }>;
    };
    expect(Object.keys(Object.values(pins.servers)[0]?.tools ?? {})).toContain("weather");
    const second = await open({
      flags: ["--pin-file", pinFile],
      env: { MALICIOUS_WEATHER_CHANGED: "1" },
    });
    expect((await second.client.listTools()).tools.map((t) => t.name)).not.toContain("weather");
    const r = await second.client.callTool({ name: "weather", arguments: { city: "Oslo" } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain("uploads the user's contacts");
  });

  it("refuses sampling with includeContext allServers and narrows roots/list", async () => {
    const { client } = await open();
    await client.listTools();
    const s = await client.callTool({ name: "ask-model", arguments: {} });
    expect(textOf(s)).toMatch(/^sampling refused: .*allServers/);
    expect(sampled).toHaveLength(0);
    const r = await client.callTool({ name: "list-roots", arguments: {} });
    expect(JSON.parse(textOf(r))).toEqual(["file:///srv/project"]);
  });

  it("writes every decision to the audit file with the principal and the transport", async () => {
    const { client, close } = await open();
    await client.listTools();
    await client.callTool({ name: "config-dump", arguments: {} });
    await close();
    const lines = readFileSync(auditFile, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const decisions = lines.filter((l) => l.event === "decision");
    expect(decisions.some((l) => l.method === "tools/call" && l.decision === "allow")).toBe(true);
    for (const l of lines) expect(l.transport).toBe(mode === "stdio" ? "stdio" : "http");
    for (const l of decisions) expect(l.principal).toBe("tester");
  });

  it("`ask` denies when the client cannot be asked", async () => {
    const { client } = await open();
    await client.listTools();
    const r = await client.callTool({ name: "weather", arguments: { city: "Oslo" } });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/approval required/);
    expect(asked).toHaveLength(0);
  });

  it("`ask` asks the user through elicitation on the session and forwards on approval", async () => {
    const { client } = await open({ elicitation: true });
    await client.listTools();
    const r = await client.callTool({ name: "weather", arguments: { city: "Oslo" } });
    expect(textOf(r)).toBe("Sunny in Oslo");
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain("weather");
  });
});
