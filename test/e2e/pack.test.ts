import { execFileSync, spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POLICIES, SERVERS, tempDir } from "./harness.js";

const ROOT = resolve(POLICIES, "..");
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

describe("npm pack", () => {
  const dir = tempDir("aegis-pack-");
  let installed: string;

  beforeAll(() => {
    execFileSync(
      npm,
      ["pack", "--ignore-scripts", "--pack-destination", dir.path, "--loglevel=error"],
      { cwd: ROOT },
    );
    const tgz = readdirSync(dir.path).find((f) => f.endsWith(".tgz"));
    if (!tgz) throw new Error("npm pack produced no tarball");
    installed = join(dir.path, "app");
    execFileSync(npm, ["init", "-y", "--loglevel=error"], { cwd: dir.path, stdio: "ignore" });
    execFileSync(
      npm,
      [
        "install",
        "--prefix",
        installed,
        "--prefer-offline",
        "--no-audit",
        "--no-fund",
        "--loglevel=error",
        join(dir.path, tgz),
      ],
      {
        cwd: dir.path,
        stdio: "ignore",
      },
    );
  }, 180_000);
  afterAll(dir.cleanup);

  it("installs into an empty directory and answers --help through npx", () => {
    const r = spawnSync(npm, ["exec", "--offline", "--", "mcp-aegis", "--help"], {
      cwd: installed,
      encoding: "utf8",
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Usage: mcp-aegis/);
    expect(r.stdout).toMatch(/--policy <file>/);
  });

  it("runs a short session from the installed package with a shipped policy", () => {
    const bin = join(installed, "node_modules", ".bin", "mcp-aegis");
    const input = [
      '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"t","version":"1"}}}',
      '{"jsonrpc":"2.0","method":"notifications/initialized"}',
      '{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"get-env","arguments":{}}}',
      "",
    ].join("\n");
    const policy = join(
      installed,
      "node_modules",
      "mcp-aegis-shim",
      "policies",
      "everything-demo.yaml",
    );
    const r = spawnSync(
      bin,
      [
        "--policy",
        policy,
        "--principal",
        "developer",
        "--roles",
        "dev",
        "--",
        process.execPath,
        SERVERS.everything,
      ],
      {
        input,
        encoding: "utf8",
        timeout: 40_000,
        // A loaded machine can take seconds to start the server: give it time to answer before EOF ends it.
        env: { ...process.env, GUARDIAN_TARGET_SHUTDOWN_TIMEOUT_MS: "15000" },
      },
    );
    const replies = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id?: number; result?: { isError?: boolean } });
    expect(replies.find((m) => m.id === 1)?.result).toBeDefined();
    expect(replies.find((m) => m.id === 2)?.result?.isError).toBe(true);
  });
});
