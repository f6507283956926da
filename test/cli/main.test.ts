import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { splitServerArgv } from "../../src/cli/main.js";
import { BIN, FIXTURES } from "../e2e/harness.js";

const POLICY = join(FIXTURES, "policies", "allow-all.yaml");

describe("splitServerArgv", () => {
  it("takes the server command after -- away from commander", () => {
    expect(splitServerArgv(["node", "aegis", "--policy", "p", "--", "test", "-n", "x"])).toEqual({
      argv: ["node", "aegis", "--policy", "p", "--"],
      server: ["test", "-n", "x"],
    });
  });

  it("leaves a subcommand's own arguments alone, and argv without --", () => {
    const sub = ["node", "aegis", "explain", "--policy", "p", "--", "x"];
    expect(splitServerArgv(sub)).toEqual({ argv: sub });
    const plain = ["node", "aegis", "--policy", "p", "--target", "srv"];
    expect(splitServerArgv(plain)).toEqual({ argv: plain });
  });
});

describe("a server named like a subcommand", () => {
  it("is run as the server, not taken for mcp-aegis's own subcommand", () => {
    // `test -n ""` exits 1; before, `-- test` ran `mcp-aegis test` (usage error, exit 2).
    const r = spawnSync(process.execPath, [BIN, "--policy", POLICY, "--", "test", "-n", ""], {
      input: "",
      encoding: "utf8",
      timeout: 30_000,
      env: { PATH: process.env.PATH ?? "" },
    });
    expect(r.stderr).not.toContain("missing required argument");
    expect(r.stderr).toContain("MCP server exited");
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
  });
});
