import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ListRootsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import {
  connectShim,
  expectOnlyJsonRpc,
  expectShimStdoutClean,
  FIXTURE_POLICIES,
  killLeftovers,
  SERVERS,
  type ShimSession,
  shimArgs,
  tempDir,
} from "./harness.js";

const FS_READ_ONLY = join(FIXTURE_POLICIES, "fs-read-only.yaml");

function textOf(result: Record<string, unknown>): string {
  return (result.content as Array<{ text?: string }>)[0]?.text ?? "";
}

describe("stdio shim: policy on tools/call in front of server-filesystem", () => {
  let session: ShimSession | undefined;
  const dirs: Array<{ cleanup: () => void }> = [];
  afterEach(async () => {
    await session?.client.close();
    session = undefined;
    killLeftovers();
    expectShimStdoutClean();
    for (const d of dirs.splice(0)) d.cleanup();
  });

  async function start(principal: string, roles: string) {
    const dir = tempDir("aegis-fs-");
    dirs.push(dir);
    const root = realpathSync(dir.path);
    writeFileSync(join(root, "notes.txt"), "read me through the shim\n");
    session = await connectShim(
      shimArgs(
        [
          "--policy",
          FS_READ_ONLY,
          "--principal",
          principal,
          "--roles",
          roles,
          "--server-name",
          "fs",
        ],
        [process.execPath, SERVERS.filesystem, root],
      ),
    );
    return { root, session };
  }

  it("forwards an allowed read and returns the server's answer", async () => {
    const { root, session } = await start("developer", "dev");
    const result = await session.client.callTool({
      name: "read_text_file",
      arguments: { path: join(root, "notes.txt") },
    });
    expect(result.isError).toBeFalsy();
    expect(textOf(result)).toBe("read me through the shim\n");
    expectOnlyJsonRpc(session.shim.lines);
  });

  it("blocks a denied write with an isError result naming the check and reason; the file is never written", async () => {
    const { root, session } = await start("developer", "dev");
    const target = join(root, "written.txt");
    const result = await session.client.callTool({
      name: "write_file",
      arguments: { path: target, content: "must not land" },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Blocked by mcp-aegis \(policy\): "developer" \(roles: dev\) may not call tool "write_file": no rule allows it/,
    );
    expect(result._meta?.["mcp-aegis/blocked"]).toMatchObject({
      code: -32010,
      check: "policy",
      tool: "write_file",
    });
    // The session goes on, and the server never saw the write: the file does not exist.
    const listing = await session.client.callTool({
      name: "list_directory",
      arguments: { path: root },
    });
    expect(textOf(listing)).toContain("notes.txt");
    expect(textOf(listing)).not.toContain("written.txt");
    expect(existsSync(target)).toBe(false);
    expectOnlyJsonRpc(session.shim.lines);
  });

  it("blocks a move that would sidestep the write rule (bypass attempt): the source stays", async () => {
    const { root, session } = await start("developer", "dev");
    const result = await session.client.callTool({
      name: "move_file",
      arguments: { source: join(root, "notes.txt"), destination: join(root, "moved.txt") },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('may not call tool "move_file"');
    expect(readFileSync(join(root, "notes.txt"), "utf8")).toBe("read me through the shim\n");
    expect(existsSync(join(root, "moved.txt"))).toBe(false);
  });

  it("denies even a read to a caller neither named in the policy nor holding its role", async () => {
    const { root, session } = await start("guest", "intern");
    const result = await session.client.callTool({
      name: "read_text_file",
      arguments: { path: join(root, "notes.txt") },
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain('"guest" (roles: intern) may not call tool "read_text_file"');
    expect(textOf(result)).not.toContain("read me through the shim");
  });

  it("passes the server's roots/list request to the client and the client's roots back", async () => {
    const a = tempDir("aegis-fs-a-");
    const b = tempDir("aegis-fs-b-");
    dirs.push(a, b);
    const [dirA, dirB] = [realpathSync(a.path), realpathSync(b.path)];
    let asked!: () => void;
    const rootsAsked = new Promise<void>((resolve) => {
      asked = resolve;
    });
    session = await connectShim(
      shimArgs(
        ["--policy", FS_READ_ONLY, "--principal", "developer", "--server-name", "fs"],
        [process.execPath, SERVERS.filesystem, dirA],
      ),
      { capabilities: { capabilities: { roots: { listChanged: true } } } },
    );
    session.client.setRequestHandler(ListRootsRequestSchema, () => {
      asked();
      return { roots: [{ uri: `file://${dirB}`, name: "b" }] };
    });
    await rootsAsked;
    await session.shim.waitForStderr(/Updated allowed directories from MCP roots/);
    const allowed = textOf(
      await session.client.callTool({ name: "list_allowed_directories", arguments: {} }),
    );
    expect(allowed).toContain(dirB);
    expect(allowed).not.toContain(dirA);
    expectOnlyJsonRpc(session.shim.lines);
  });
});
