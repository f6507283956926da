import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { BIN } from "../e2e/harness.js";

function verify(env: NodeJS.ProcessEnv = process.env) {
  return spawnSync(process.execPath, [BIN, "verify"], { env, encoding: "utf8", timeout: 60_000 });
}

describe("mcp-aegis verify", () => {
  it("prints a PASS line per check, a total, and exits 0 on a healthy install", () => {
    const r = verify();
    expect(r.stdout).toMatch(
      /^\s+PASS {2}a denied tools\/call is blocked with a readable result$/m,
    );
    expect(r.stdout).toMatch(/^\s+PASS {2}an allowed tools\/call reaches the server$/m);
    expect(r.stdout).not.toContain("FAIL");
    const passes = r.stdout.match(/^\s+PASS /gm)?.length ?? 0;
    expect(r.stdout).toContain(`ALL ${passes} CHECKS PASSED`);
    expect(r.status).toBe(0);
  });

  it("reports FAIL lines, a count, and exits non-zero when something is broken", () => {
    // An invalid limit in the environment breaks every part that reads the limits.
    const r = verify({ ...process.env, GUARDIAN_MAX_NESTING_DEPTH: "deep" });
    expect(r.stdout).toMatch(/^\s+FAIL {2}an allowed call passes size, depth and policy/m);
    expect(r.stdout).toMatch(/^\s+FAIL {2}the shim starts the server and answers initialize/m);
    expect(r.stdout).toMatch(/^\d+ OF \d+ CHECKS FAILED$/m);
    expect(r.status).toBe(1);
  });
});
