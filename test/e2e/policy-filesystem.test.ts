import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type Connected, connect, SERVERS, shimArgs, tempDir } from "./harness.js";

const READ_TOOLS = `
      - { pattern: "read_*", actions: [read, execute] }
      - { pattern: "list_*", actions: [read, execute] }
      - { pattern: "directory_tree", actions: [read, execute] }
      - { pattern: "search_files", actions: [read, execute] }
      - { pattern: "get_file_info", actions: [read, execute] }`;

function policyFor(root: string): string {
  return `version: "1"
defaults:
  effect: deny
principals:
  reader:
    roles: [reader, editor]
    tools:${READ_TOOLS}
  editor:
    roles: [editor]
    tools:
      - pattern: write_file
        actions: [read, execute]
        when:
          path: { under: ${JSON.stringify(join(root, "src"))} }
`;
}

function text(result: Record<string, unknown>): string {
  return (result.content as Array<{ text?: string }> | undefined)?.[0]?.text ?? "";
}

async function until(predicate: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("policy through the built binary, in front of server-filesystem", () => {
  let dir: ReturnType<typeof tempDir>;
  let root: string;
  let policyFile: string;
  let session: Connected | undefined;

  beforeEach(() => {
    dir = tempDir("aegis-policy-");
    root = join(dir.path, "root");
    mkdirSync(join(root, "src"), { recursive: true });
    mkdirSync(join(root, "outside"), { recursive: true });
    writeFileSync(join(root, "src", "a.txt"), "hello from a");
    policyFile = join(dir.path, "policy.yaml");
    writeFileSync(policyFile, policyFor(root));
  });

  afterEach(async () => {
    await session?.close();
    session = undefined;
    dir.cleanup();
  });

  const start = (role: string, extra: string[] = []) =>
    connect(
      shimArgs(
        ["--policy", policyFile, "--principal", "agent", "--roles", role, ...extra],
        [process.execPath, SERVERS.filesystem, root],
      ),
    );

  it("a read-only principal sees and uses only the read tools", async () => {
    session = await start("reader");
    const names = (await session.client.listTools()).tools.map((t) => t.name).sort();
    expect(names.length).toBeGreaterThan(3);
    for (const n of names)
      expect(n).toMatch(/^(read_|list_|directory_tree|search_files|get_file_info)/);
    expect(names).toContain("read_text_file");
    expect(names).not.toContain("write_file");

    const read = await session.client.callTool({
      name: "read_text_file",
      arguments: { path: join(root, "src", "a.txt") },
    });
    expect(read.isError).toBeFalsy();
    expect(text(read)).toBe("hello from a");

    const write = await session.client.callTool({
      name: "write_file",
      arguments: { path: join(root, "src", "new.txt"), content: "x" },
    });
    expect(write.isError).toBe(true);
    expect(text(write)).toMatch(/^Blocked by mcp-aegis \(policy\):.*write_file/);
    expect(existsSync(join(root, "src", "new.txt"))).toBe(false);
  });

  it("writes outside the allowed root are refused by a condition, and never reach the server", async () => {
    session = await start("editor");
    const names = (await session.client.listTools()).tools.map((t) => t.name);
    expect(names).toContain("write_file");
    expect(names).not.toContain("move_file");

    const inside = await session.client.callTool({
      name: "write_file",
      arguments: { path: join(root, "src", "ok.txt"), content: "fine" },
    });
    expect(inside.isError).toBeFalsy();
    expect(readFileSync(join(root, "src", "ok.txt"), "utf8")).toBe("fine");

    const outside = await session.client.callTool({
      name: "write_file",
      arguments: { path: join(root, "outside", "x.txt"), content: "no" },
    });
    expect(outside.isError).toBe(true);
    expect(text(outside)).toMatch(/path\.under/);
    expect(existsSync(join(root, "outside", "x.txt"))).toBe(false);
  });

  it("bypass: `..` segments and backslashes do not escape the allowed root", async () => {
    session = await start("editor");
    for (const path of [
      `${join(root, "src")}/../outside/dots.txt`,
      `${join(root, "src")}/./../outside/dots2.txt`,
      `${join(root, "src").replaceAll("/", "\\")}\\..\\outside\\bs.txt`,
      "src/../outside/relative.txt",
    ]) {
      const r = await session.client.callTool({
        name: "write_file",
        arguments: { path, content: "no" },
      });
      expect(r.isError, path).toBe(true);
      expect(text(r)).toMatch(/^Blocked by mcp-aegis \(policy\)/);
    }
    expect(readFileSync(join(root, "src", "a.txt"), "utf8")).toBe("hello from a");
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(join(root, "outside"))).toEqual([]);
  });

  it("a hot reload changes what the client sees without a restart; an invalid one is refused", async () => {
    writeFileSync(
      policyFile,
      'version: "1"\nprincipals:\n  reader:\n    roles: [reader]\n    tools: [{ pattern: read_text_file, actions: [execute] }]\n',
    );
    session = await start("reader");
    let changed = 0;
    session.client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changed += 1;
    });
    const first = (await session.client.listTools()).tools.map((t) => t.name);
    expect(first).toEqual(["read_text_file"]);

    writeFileSync(policyFile, policyFor(root));
    await until(() => changed > 0, "notifications/tools/list_changed");
    const second = (await session.client.listTools()).tools.map((t) => t.name);
    expect(second).toContain("list_directory");
    const listed = await session.client.callTool({
      name: "list_directory",
      arguments: { path: root },
    });
    expect(listed.isError).toBeFalsy();

    // An invalid policy: logged, and the last good one stays in force.
    writeFileSync(
      policyFile,
      'version: "1"\nprincipals:\n  reader:\n    roles: [reader]\n    tools: [{ pattern: x, actions: [fly] }]\n',
    );
    await until(
      () => session?.stderr().includes("policy reload refused") ?? false,
      "the refusal log",
    );
    expect(session.stderr()).toMatch(/policy\.yaml:5:\d+: .*unknown action \\"fly\\"/);
    const third = (await session.client.listTools()).tools.map((t) => t.name);
    expect(third).toEqual(second);
    const still = await session.client.callTool({
      name: "list_directory",
      arguments: { path: root },
    });
    expect(still.isError).toBeFalsy();
  });

  it("SIGHUP reloads the policy (file watching off) and is not relayed to the server", async () => {
    writeFileSync(
      policyFile,
      'version: "1"\nprincipals:\n  reader:\n    roles: [reader]\n    tools: [{ pattern: read_text_file, actions: [execute] }]\n',
    );
    session = await start("reader", ["--no-watch"]);
    let changed = 0;
    session.client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      changed += 1;
    });
    expect((await session.client.listTools()).tools.map((t) => t.name)).toEqual(["read_text_file"]);
    writeFileSync(policyFile, policyFor(root));
    await new Promise((r) => setTimeout(r, 300));
    expect(changed).toBe(0);
    process.kill(session.transport.pid as number, "SIGHUP");
    await until(() => changed > 0, "notifications/tools/list_changed after SIGHUP");
    expect((await session.client.listTools()).tools.map((t) => t.name)).toContain("list_directory");
  });

  it("monitor mode forwards what the policy would block and logs it as such", async () => {
    session = await start("reader", ["--monitor"]);
    const names = (await session.client.listTools()).tools.map((t) => t.name);
    expect(names).toContain("write_file");
    const write = await session.client.callTool({
      name: "write_file",
      arguments: { path: join(root, "src", "monitored.txt"), content: "through" },
    });
    expect(write.isError).toBeFalsy();
    expect(readFileSync(join(root, "src", "monitored.txt"), "utf8")).toBe("through");
    await until(() => session?.stderr().includes('"wouldBlock":true') ?? false, "the monitor log");
    const lines = session
      .stderr()
      .split("\n")
      .filter((l) => l.includes('"monitor":true'));
    expect(lines.some((l) => l.includes("write_file") && l.includes("tools/call"))).toBe(true);
    expect(lines.some((l) => l.includes("tools/list"))).toBe(true);
  });
});
