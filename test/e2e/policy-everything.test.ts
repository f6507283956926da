import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CreateMessageRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Connected, connect, SERVERS, shimArgs, tempDir } from "./harness.js";

const POLICY = `version: "1"
defaults:
  effect: deny
principals:
  agent:
    roles: [agent, quiet]
    server_requests:
      sampling/createMessage: allow
    tools:
      - { pattern: "*", actions: [read, execute] }
    resources:
      - pattern: "demo://resource/static/document/**"
      - pattern: "demo://resource/static/document/features.md"
        effect: deny
      - pattern: "demo://resource/dynamic/text/*"
    prompts:
      - pattern: "simple-prompt"
      - pattern: "args-prompt"
        when: { city: { one_of: [Paris, Lima] } }
  quiet:
    roles: [quiet]
    server_requests:
      sampling/createMessage: deny
`;

describe("policy on resources, prompts and server requests (server-everything)", () => {
  let dir: ReturnType<typeof tempDir>;
  let policy: string;
  let session: Connected | undefined;
  let sampled = 0;

  beforeEach(() => {
    dir = tempDir("aegis-everything-");
    policy = join(dir.path, "policy.yaml");
    writeFileSync(policy, POLICY);
    sampled = 0;
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
    dir.cleanup();
  });

  const start = async (roles: string) => {
    session = await connect(
      shimArgs(
        ["--policy", policy, "--principal", "someone", "--roles", roles],
        [process.execPath, SERVERS.everything],
      ),
      { capabilities: { capabilities: { sampling: {} } } },
    );
    session.client.setRequestHandler(CreateMessageRequestSchema, async () => {
      sampled += 1;
      return { model: "test", role: "assistant", content: { type: "text", text: "sampled" } };
    });
    return session;
  };

  it("filters resource, template and prompt lists, and refuses what they hide", async () => {
    const { client } = await start("agent");
    const uris = (await client.listResources()).resources.map((r) => r.uri);
    expect(uris.length).toBeGreaterThan(1);
    for (const u of uris) expect(u.startsWith("demo://resource/static/document/")).toBe(true);
    expect(uris).not.toContain("demo://resource/static/document/features.md");
    const templates = (await client.listResourceTemplates()).resourceTemplates.map(
      (t) => t.uriTemplate,
    );
    expect(templates).toEqual(["demo://resource/dynamic/text/{resourceId}"]);
    const prompts = (await client.listPrompts()).prompts.map((p) => p.name).sort();
    expect(prompts).toEqual(["args-prompt", "simple-prompt"]);

    const ok = await client.readResource({ uri: uris[0] as string });
    expect(ok.contents.length).toBeGreaterThan(0);
    await expect(
      client.readResource({ uri: "demo://resource/static/document/features.md" }),
    ).rejects.toThrow(/may not read resource/);
    await expect(
      client.readResource({ uri: "demo://resource/static/document/x/../features.md" }),
    ).rejects.toThrow(/may not read resource/);
    await expect(client.readResource({ uri: "demo://resource/dynamic/blob/1" })).rejects.toThrow(
      /-32010|may not/,
    );

    expect((await client.getPrompt({ name: "simple-prompt" })).messages.length).toBeGreaterThan(0);
    await expect(client.getPrompt({ name: "resource-prompt", arguments: {} })).rejects.toThrow(
      /may not get prompt/,
    );
    await expect(
      client.getPrompt({ name: "args-prompt", arguments: { city: "Mordor" } }),
    ).rejects.toThrow(/city\.one_of/);
    await expect(
      client.complete({
        ref: { type: "ref/prompt", name: "completable-prompt" },
        argument: { name: "department", value: "E" },
      }),
    ).rejects.toThrow(/may not complete/);
  });

  it("passes sampling where an entry allows it and refuses it where another denies it (deny wins)", async () => {
    const open = await start("agent");
    await new Promise((r) => setTimeout(r, 200));
    const allowed = await open.client.callTool({
      name: "trigger-sampling-request",
      arguments: { prompt: "hi" },
    });
    expect(allowed.isError).toBeFalsy();
    expect(sampled).toBe(1);
    await open.close();
    sampled = 0;

    const quiet = await start("quiet,agent");
    await new Promise((r) => setTimeout(r, 200));
    const refused = await quiet.client.callTool({
      name: "trigger-sampling-request",
      arguments: { prompt: "hi" },
    });
    expect(sampled).toBe(0);
    // The server got our error for its sampling request and reports it as a tool error.
    expect(refused.isError).toBe(true);
    expect(JSON.stringify(refused.content)).toMatch(
      /-32010: the server may not send sampling\/createMessage/,
    );
  });
});
