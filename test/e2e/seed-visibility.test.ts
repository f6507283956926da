import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connect, SERVERS, shimArgs, tempDir } from "./harness.js";

// The seed's read-only role: "read anything, execute nothing", for tools, resources and prompts.
const policy = (list: "visible" | "callable") => `version: "1"
defaults:
  effect: deny
  list: ${list}
principals:
  observer:
    tools:
      - { pattern: "*", actions: [read] }
      - { pattern: "echo", actions: [execute] }
    resources:
      - pattern: "demo://**"
    prompts:
      - pattern: "*"
`;

const dir = tempDir("aegis-seed-");
afterAll(() => dir.cleanup());

async function start(list: "visible" | "callable") {
  const file = join(dir.path, `${list}.yaml`);
  writeFileSync(file, policy(list));
  const direct = await connect([SERVERS.everything]);
  const all = (await direct.client.listTools()).tools.map((t) => t.name);
  await direct.close();
  const s = await connect(
    shimArgs(["--policy", file, "--principal", "observer"], [process.execPath, SERVERS.everything]),
  );
  return { s, all };
}

describe("seed semantics with the SDK client: read makes visible, execute makes callable", () => {
  it("a read-only principal lists every tool, resource and prompt, and may call only what it may execute", async () => {
    const { s, all } = await start("visible");
    try {
      const tools = (await s.client.listTools()).tools.map((t) => t.name);
      expect(all.length).toBeGreaterThan(3);
      expect(new Set(tools)).toEqual(new Set(all));
      expect((await s.client.listResources()).resources.length).toBeGreaterThan(0);
      expect((await s.client.listPrompts()).prompts.length).toBeGreaterThan(0);
      const sum = await s.client.callTool({ name: "get-sum", arguments: { a: 1, b: 2 } });
      expect(sum.isError).toBe(true);
      expect(JSON.stringify(sum.content)).toMatch(/Blocked by mcp-aegis \(policy\).*get-sum/);
      const echo = await s.client.callTool({ name: "echo", arguments: { message: "hi" } });
      expect(echo.isError).toBeFalsy();
    } finally {
      await s.close();
    }
  });

  it("with defaults.list: callable, lists show only the tools it may call", async () => {
    const { s } = await start("callable");
    try {
      expect((await s.client.listTools()).tools.map((t) => t.name)).toEqual(["echo"]);
      expect((await s.client.listPrompts()).prompts.length).toBeGreaterThan(0);
    } finally {
      await s.close();
    }
  });
});
