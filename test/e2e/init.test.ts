import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, SERVERS, tempDir } from "./harness.js";

const run = promisify(execFile);

async function aegis(args: string[], cwd: string) {
  try {
    const r = await run(process.execPath, [BIN, ...args], { cwd });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("mcp-aegis init against server-everything", () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir("aegis-init-");
  });
  afterEach(() => dir.cleanup());

  it("writes a commented starter policy that check accepts, and never overwrites it", async () => {
    const server = ["--", process.execPath, SERVERS.everything];
    const first = await aegis(["init", "--principal", "developer", ...server], dir.path);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/wrote policy\.yaml: \d+ tool\(s\)/);
    const text = readFileSync(join(dir.path, "policy.yaml"), "utf8");
    // echo declares readOnlyHint: true; toggle-simulated-logging declares no readOnlyHint.
    expect(text).toMatch(
      /readOnlyHint: true → callable\n\s+- pattern: "echo"\n\s+actions: \[read, execute\]/,
    );
    expect(text).toMatch(
      /→ visible, not callable.*\n\s+- pattern: "toggle-simulated-logging"\n\s+actions: \[read\]\n/,
    );
    expect(text).toContain('- pattern: "demo://resource/dynamic/text/*"');
    expect(text).toContain('- pattern: "simple-prompt"');
    expect(text).toContain("UNTRUSTED HINTS");

    const check = await aegis(["check", "policy.yaml"], dir.path);
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toMatch(/policy\.yaml: ok \(1 principals/);
    const explain = await aegis(
      ["explain", "--policy", "policy.yaml", "--principal", "developer", "--tool", "echo"],
      dir.path,
    );
    expect(explain.stdout).toMatch(/^allow/);

    writeFileSync(join(dir.path, "policy.yaml"), "# mine\n");
    const again = await aegis(["init", "--principal", "developer", ...server], dir.path);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/policy\.yaml exists; pass --force/);
    expect(readFileSync(join(dir.path, "policy.yaml"), "utf8")).toBe("# mine\n");

    const forced = await aegis(["init", "--force", "--out", "policy.yaml", ...server], dir.path);
    expect(forced.code, forced.stderr).toBe(0);
    expect(readFileSync(join(dir.path, "policy.yaml"), "utf8")).toMatch(/"local-user":/);
  });

  it("says so when the server cannot be asked, and writes nothing", async () => {
    const r = await aegis(["init", "--", process.execPath, "-e", "process.exit(3)"], dir.path);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/^mcp-aegis init: the server exited \(code 3\)/);
    expect(() => readFileSync(join(dir.path, "policy.yaml"))).toThrow();
  });
});
