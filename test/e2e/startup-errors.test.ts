import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  BIN,
  connect,
  FIXTURE_POLICIES,
  fixtureServer,
  killLeftovers,
  SERVERS,
  shimArgs,
  tempDir,
} from "./harness.js";

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
  killLeftovers();
});

function run(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", input: "" });
}

describe("start-up errors a client can show (SDK client)", () => {
  it("an invalid policy: initialize is answered with the file, line and reason", async () => {
    const policy = join(FIXTURE_POLICIES, "unknown-action.yaml");
    const failed = connect(shimArgs(["--policy", policy], [process.execPath, SERVERS.everything]));
    await expect(failed).rejects.toThrow(
      /mcp-aegis could not start: invalid policy file: .*unknown-action\.yaml:6:\d+: .*unknown action "explode"/,
    );
  });

  it("a policy file that does not exist is named as missing", async () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const missing = join(dir.path, "nope.yaml");
    const failed = connect(shimArgs(["--policy", missing], fixtureServer("echo-raw")));
    await expect(failed).rejects.toThrow(
      /cannot read the policy file: .*nope\.yaml:1:1: no such file/,
    );
  });

  it("no server command: initialize is answered with what is missing", async () => {
    const policy = join(FIXTURE_POLICIES, "allow-all.yaml");
    const failed = connect([BIN, "--policy", policy]);
    await expect(failed).rejects.toThrow(/mcp-aegis could not start: no MCP server to run/);
  });
});

describe("CLI hygiene", () => {
  it("bare mcp-aegis: short usage on stderr pointing to --help, exit 2", () => {
    const r = run([]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain('Run "mcp-aegis --help"');
    expect(r.stderr.split("\n").length).toBeLessThan(8);
  });

  it("help: the short usage on stdout, exit 0; version prints the version", () => {
    const help = run(["help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mcp-aegis/);
    const version = run(["version"]);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toBe(run(["--version"]).stdout.trim());
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("an unknown option: one line naming the nearest known option, exit 2", () => {
    const r = run(["--polcy", "p.yaml"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      "error: unknown option '--polcy' (Did you mean --policy?)",
    ]);
  });

  it("the root help has one commands list", () => {
    const r = run(["--help"]);
    expect(r.stdout.match(/^Commands:/gm)).toHaveLength(1);
    expect(r.stdout).toMatch(/^\s+pin\b/m);
  });

  it("policy errors: did you mean for an unknown key, a missing key named, a missing cases file", () => {
    const dir = tempDir();
    cleanups.push(dir.cleanup);
    const p = join(dir.path, "p.yaml");
    writeFileSync(p, "principals:\n  a:\n    tols: []\nmdoe: enforce\n");
    const r = run(["check", p]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${p}:1:1: missing required key "version"`);
    expect(r.stdout).toContain(
      `${p}:3:5: principals.a: unknown key "tols" (did you mean "tools"?)`,
    );
    expect(r.stdout).toContain(`${p}:4:1: unknown key "mdoe" (did you mean "mode"?)`);
    const cases = run([
      "test",
      join(FIXTURE_POLICIES, "allow-all.yaml"),
      join(dir.path, "none.yaml"),
    ]);
    expect(cases.status).toBe(2);
    expect(cases.stderr).toContain("cannot read the test-cases file");
    expect(cases.stderr).toContain("the test-cases file does not exist");
  });
});
