import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  ListRootsRequestSchema,
  PromptListChangedNotificationSchema,
  ToolListChangedNotificationSchema,
} from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "./harness.js";
import { MODES, openShim, textOf } from "./parity-harness.js";

// Hot reload of every section, for an open session, in each deployment mode: the session
// is not restarted, and only lists whose visible content changed are announced.
const policy = (o: { extra?: string; hideColors?: boolean; roots?: string[] }) => `version: "1"
principals:
  tester:
    roles: [dev]
    tools:
${o.hideColors ? '      - pattern: "colors"\n        actions: [read, execute]\n        effect: deny\n' : ""}      - pattern: "*"
        actions: [read, execute]
roots:
  allow: ${JSON.stringify(o.roots ?? ["file:///srv/project"])}
${o.extra ?? ""}`;

async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean, what: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const v = await probe();
    if (ok(v)) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.each(MODES)("policy hot reload of every section: %s", (mode) => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  const opened: Array<() => Promise<void>> = [];

  beforeEach(() => {
    dir = tempDir("aegis-reload-");
    file = join(dir.path, "policy.yaml");
    writeFileSync(file, policy({}));
  });
  afterEach(async () => {
    for (const close of opened.splice(0).reverse()) await close();
    dir.cleanup();
  });

  it("secrets and roots follow the file in the open session; only a changed list is announced", async () => {
    const announced = { tools: 0, prompts: 0 };
    const { client } = await openShim(mode, {
      flags: ["--policy", file, "--principal", "tester", "--roles", "dev"],
      env: {},
      capabilities: { capabilities: { roots: { listChanged: true } } },
      setup: (c) => {
        c.setRequestHandler(ListRootsRequestSchema, async () => ({
          roots: [{ uri: "file:///srv/project" }, { uri: "file:///home/me/.ssh" }],
        }));
        c.setNotificationHandler(ToolListChangedNotificationSchema, () => {
          announced.tools += 1;
        });
        c.setNotificationHandler(PromptListChangedNotificationSchema, () => {
          announced.prompts += 1;
        });
      },
      opened,
      upstreamPort: { value: 0 },
    });
    expect((await client.listTools()).tools.map((t) => t.name)).toContain("colors");
    const dump = () => client.callTool({ name: "config-dump", arguments: {} }).then(textOf);
    expect(await dump()).toContain("[REDACTED:aws-access-key-id]");
    const roots = () => client.callTool({ name: "list-roots", arguments: {} }).then(textOf);
    expect(JSON.parse(await roots())).toEqual(["file:///srv/project"]);

    // Sections only: redaction off, a second root. No list reads differently.
    writeFileSync(
      file,
      policy({
        extra: "secrets:\n  redact: false\n",
        roots: ["file:///srv/project", "file:///home/me/.ssh"],
      }),
    );
    expect(
      await eventually(dump, (t) => t.includes("AKIA"), "redaction to be switched off"),
    ).not.toContain("[REDACTED");
    expect(JSON.parse(await roots())).toEqual(["file:///srv/project", "file:///home/me/.ssh"]);
    expect(announced.tools).toBe(0);

    // A rule hides a tool: the tool list is announced, the prompt list (never fetched) is not.
    writeFileSync(file, policy({ hideColors: true, extra: "secrets:\n  redact: false\n" }));
    await eventually(
      async () => announced.tools,
      (n) => n > 0,
      "notifications/tools/list_changed",
    );
    expect((await client.listTools()).tools.map((t) => t.name)).not.toContain("colors");
    expect(announced.prompts).toBe(0);
  });

  it("a broken edit keeps the last good sections", async () => {
    const { client } = await openShim(mode, {
      flags: ["--policy", file, "--principal", "tester", "--roles", "dev"],
      env: {},
      capabilities: { capabilities: {} },
      setup: () => {},
      opened,
      upstreamPort: { value: 0 },
    });
    await client.listTools();
    writeFileSync(file, `${policy({})}secrets:\n  redact: nope\n`);
    await new Promise((r) => setTimeout(r, 1000));
    const text = textOf(await client.callTool({ name: "config-dump", arguments: {} }));
    expect(text).toContain("[REDACTED:aws-access-key-id]");
    expect(text).not.toContain("AKIA");
  });
});
