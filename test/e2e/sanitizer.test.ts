import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Connected, connect, SERVERS, shimArgs, tempDir } from "./harness.js";

/** Every file under `dir`, relative, sorted: a snapshot to prove nothing was written. */
function tree(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).sort();
}

const textOf = (r: unknown): string =>
  (r as { content?: Array<{ text?: string }> }).content?.[0]?.text ?? "";

describe("sanitizer in front of server-filesystem", () => {
  const tmp = tempDir("aegis-sanitizer-");
  const root = join(tmp.path, "root");
  const outside = join(tmp.path, "outside");
  let session: Connected | undefined;

  const policy = (extra = "") => {
    const file = join(tmp.path, `policy-${Math.random().toString(36).slice(2)}.yaml`);
    writeFileSync(
      file,
      `version: "1"\nprincipals:\n  developer:\n    roles: [dev]\n    tools:\n      - pattern: "*"\n        actions: [read, execute]\n${extra}`,
    );
    return file;
  };
  const start = async (policyFile: string, flags: string[] = []) => {
    const audit = join(tmp.path, `audit-${Math.random().toString(36).slice(2)}.jsonl`);
    session = await connect(
      shimArgs(
        ["--policy", policyFile, "--principal", "developer", "--audit-log", audit, ...flags],
        // The server may touch the whole temp dir, `outside` included: only the sanitizer
        // stands between a traversal from `root` and the secret.
        [process.execPath, SERVERS.filesystem, tmp.path],
      ),
    );
    return audit;
  };

  beforeAll(() => {
    mkdirSync(root);
    mkdirSync(outside);
    writeFileSync(join(outside, "secret.txt"), "TOP SECRET");
    writeFileSync(join(root, "hello.txt"), "hi");
  });
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });
  afterAll(() => tmp.cleanup());

  const encodings = [
    "../outside",
    "..\\outside",
    "..%2foutside",
    "%2e%2e/outside",
    "%2e%2e%2foutside",
    "%252e%252e%252foutside",
    "..%252foutside",
    "..%c0%afoutside",
    "%c0%ae%c0%ae/outside",
    "%u002e%u002e/outside",
    "\uFF0E\uFF0E\uFF0Foutside",
    "..\u2215outside",
    "\u2025/outside",
    "..\u200B/outside",
    "..;/outside",
    "....//outside",
    "sub/../../outside",
    "..%5coutside",
  ];

  it("refuses traversal in every encoding before the server sees it", async () => {
    // Make every spelling a real, writable place, so a server that received the call
    // would leave a file behind, whichever way it decoded the path.
    for (const enc of encodings) mkdirSync(join(root, enc), { recursive: true });
    const audit = await start(policy());
    await session!.client.listTools();
    const before = { root: tree(root), outside: tree(outside) };
    for (const enc of encodings) {
      const write = await session!.client.callTool({
        name: "write_file",
        arguments: { path: `${root}/${enc}/pwned.txt`, content: "owned" },
      });
      expect(write.isError, enc).toBe(true);
      expect(textOf(write), enc).toMatch(
        /^Blocked by mcp-aegis \(sanitizer\): .*rule (path|evasion)\.\S+ matched \$\.path/,
      );
      const read = await session!.client.callTool({
        name: "read_text_file",
        arguments: { path: `${root}/${enc}/secret.txt` },
      });
      expect(read.isError, enc).toBe(true);
      expect(textOf(read), enc).toMatch(/^Blocked by mcp-aegis \(sanitizer\)/);
      expect(textOf(read)).not.toContain("TOP SECRET");
    }
    // Nothing was written anywhere: the server never received one of these calls.
    expect({ root: tree(root), outside: tree(outside) }).toEqual(before);
    await session!.close();
    session = undefined;
    const denials = readFileSync(audit, "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .filter((r) => r.event === "decision" && r.decision === "deny");
    expect(denials).toHaveLength(encodings.length * 2);
    for (const d of denials) expect(d.check).toBe("sanitizer");
  });

  it("writes a file whose content is a shell script", async () => {
    await start(policy());
    const script =
      '#!/bin/sh\nset -eu\necho "built at $(date)" | tee -a build.log; rm -rf ./dist && `which node` -v\ncat ../shared/.env > /dev/null 2>&1 || true\n';
    const r = await session!.client.callTool({
      name: "write_file",
      arguments: { path: `${root}/deploy.sh`, content: script },
    });
    expect(r.isError, textOf(r)).toBeFalsy();
    expect(readFileSync(join(root, "deploy.sh"), "utf8")).toBe(script);
  });

  it("refuses a path outside the policy's roots without traversal", async () => {
    await start(policy(`sanitizer:\n  roots: ["${root}"]\n`));
    const r = await session!.client.callTool({
      name: "read_text_file",
      arguments: { path: join(outside, "secret.txt") },
    });
    expect(textOf(r)).toMatch(/^Blocked by mcp-aegis \(sanitizer\): .*path\.outside-roots/);
    const ok = await session!.client.callTool({
      name: "read_text_file",
      arguments: { path: join(root, "hello.txt") },
    });
    expect(textOf(ok)).toBe("hi");
  });

  it("with --no-sanitizer the call reaches the server, and the shim says so loudly", async () => {
    await start(policy(), ["--no-sanitizer"]);
    const r = await session!.client.callTool({
      name: "read_text_file",
      arguments: { path: `${root}/../outside/secret.txt` },
    });
    // The server allows the whole temp dir, so the traversal works: this is what the sanitizer prevents.
    expect(textOf(r)).toBe("TOP SECRET");
    expect(session!.stderr()).toContain("ARGUMENT SANITIZER IS OFF");
  });
});
