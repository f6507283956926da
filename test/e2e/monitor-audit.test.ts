import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SERVERS, tempDir } from "./harness.js";
import { openShim } from "./parity-harness.js";

// Issue 15: with --monitor, an operator reads the audit file to roll a policy out.
const POLICY = `version: "1"
defaults:
  effect: deny
principals:
  tester:
    roles: [dev]
    tools:
      - pattern: "echo"
        actions: [read, execute]
`;

interface Row {
  event: string;
  decision?: string;
  check?: string;
  rule?: string;
  reason?: string;
  id?: string | number;
  method?: string;
  tool?: string;
  hidden?: string[];
}

type Mode = "stdio" | "http";

describe.each<Mode>(["stdio", "http"])(
  "--monitor leaves a record in the audit file: %s",
  (mode) => {
    let dir: ReturnType<typeof tempDir>;
    let policy: string;
    let audit: string;
    const closers: Array<() => Promise<void>> = [];

    beforeEach(() => {
      dir = tempDir("aegis-monitor-");
      policy = join(dir.path, "policy.yaml");
      audit = join(dir.path, "audit.jsonl");
      writeFileSync(policy, POLICY);
    });
    afterEach(async () => {
      for (const c of closers.splice(0).reverse()) await c();
      dir.cleanup();
    });

    async function open(): Promise<Client> {
      const opened = await openShim(mode === "stdio" ? "stdio" : "http + stdio child", {
        flags: [
          "--policy",
          policy,
          "--principal",
          "tester",
          "--roles",
          "dev",
          "--monitor",
          "--audit-log",
          audit,
        ],
        env: {},
        capabilities: undefined,
        setup: () => {},
        opened: closers,
        upstreamPort: { value: 0 },
        server: [process.execPath, SERVERS.everything],
      });
      return opened.client;
    }

    const rows = (): Row[] =>
      readFileSync(audit, "utf8")
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Row)
        .filter((r) => r.event === "decision");

    it("writes one would-block row per would-be refusal and names the rule on every allow row", async () => {
      const client = await open();
      const listed = (await client.listTools()).tools.map((t) => t.name);
      // Monitor mode hides nothing…
      expect(listed).toContain("echo");
      expect(listed).toContain("get-env");
      const echo = await client.callTool({ name: "echo", arguments: { message: "hi" } });
      expect(echo.isError).toBeFalsy();
      // …and forwards what the policy would refuse.
      const env = await client.callTool({ name: "get-env", arguments: {} });
      expect(env.isError).toBeFalsy();
      await closers
        .splice(0)
        .reverse()
        .reduce((p, c) => p.then(c), Promise.resolve());

      const all = rows();
      const would = all.filter((r) => r.decision === "would-block");
      // The list result: one row naming what enforcement would hide (everything but echo).
      const list = would.find((r) => r.check === "policy-list-filter");
      expect(list?.method).toBe("tools/list");
      expect(list?.hidden).toContain("get-env");
      expect(list?.hidden).not.toContain("echo");
      // The call: check, rule, reason and the JSON-RPC id of the request.
      const call = would.find((r) => r.check === "policy");
      expect(call).toMatchObject({
        method: "tools/call",
        tool: "get-env",
        rule: "defaults.effect",
        reason: expect.stringMatching(/may not call tool "get-env"/),
      });
      expect(would).toHaveLength(2);
      const forwarded = all.filter((r) => r.decision === "allow" && r.check === "pipeline");
      const allowOf = (tool: string) => forwarded.find((r) => r.tool === tool);
      expect(call?.id).toBeDefined();
      expect(allowOf("get-env")?.id).toEqual(call?.id);
      expect(allowOf("get-env")?.rule).toBe("monitor");
      // The rule as `mcp-aegis explain` names it: id and file:line:col.
      expect(allowOf("echo")?.rule).toBe(`principals.tester.tools[0] (${policy}:8:9)`);
      expect(forwarded.find((r) => r.method === "tools/list")?.rule).toBe("ungated");
      for (const r of forwarded) expect(r.rule, JSON.stringify(r)).toBeTruthy();
    });
  },
);
