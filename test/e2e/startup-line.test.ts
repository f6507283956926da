import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { connect, killLeftovers, POLICIES, SERVERS, shimArgs } from "./harness.js";

afterEach(killLeftovers);

const POLICY = resolve(POLICIES, "everything-demo.yaml");

/** The pino records on `stderr` at `level` (30 info, 40 warn). */
function records(stderr: string, level: number): Array<Record<string, unknown>> {
  return stderr
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((r) => r.level === level);
}

/** Polls `stderr()` until `pattern` appears (the shim logs asynchronously to the client). */
async function waitFor(stderr: () => string, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 200 && !pattern.test(stderr()); i++) {
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("at the default log level (SDK client, server-everything)", () => {
  it("one start-up line names the policy, principal, roles, transport and mode; no warning", async () => {
    const c = await connect(
      shimArgs(
        ["--policy", POLICY, "--principal", "developer", "--roles", "dev"],
        [process.execPath, SERVERS.everything],
      ),
    );
    const { tools } = await c.client.listTools();
    expect(tools.length).toBeGreaterThan(0);
    await c.close();
    const info = records(c.stderr(), 30).filter((r) => String(r.msg).startsWith("mcp-aegis "));
    expect(info).toHaveLength(1);
    expect(info[0]).toMatchObject({
      transport: "stdio",
      policy: POLICY,
      principal: "developer",
      roles: ["dev"],
      mode: "enforce",
    });
    expect(info[0]?.msg).toContain(`policy ${POLICY}, principal "developer" roles [dev]`);
    expect(records(c.stderr(), 40)).toEqual([]);
  });

  it("warns when the principal matches no entry, and once when tools/list was filtered to nothing", async () => {
    const c = await connect(
      shimArgs(
        ["--policy", POLICY, "--principal", "someone", "--roles", "ops"],
        [process.execPath, SERVERS.everything],
      ),
    );
    expect((await c.client.listTools()).tools).toEqual([]);
    expect((await c.client.listTools()).tools).toEqual([]);
    await waitFor(c.stderr, /tools\/list: the policy hides every item/);
    await c.close();
    const warnings = records(c.stderr(), 40).map((r) => String(r.msg));
    expect(warnings.filter((m) => m.includes("matches no entry"))).toEqual([
      `principal "someone" with roles [ops] matches no entry of ${POLICY} (entries: developer [dev]): only the defaults apply (defaults.effect: deny)`,
    ]);
    expect(warnings.filter((m) => m.startsWith("tools/list:"))).toHaveLength(1);
    expect(warnings.find((m) => m.startsWith("tools/list:"))).toContain('principal "someone"');
  });
});
