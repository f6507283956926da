import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  answerTo,
  connectShim,
  expectOnlyJsonRpc,
  expectShimStdoutClean,
  FIXTURE_POLICIES,
  fixtureServer,
  killLeftovers,
  SERVERS,
  shimArgs,
  spawnShim,
  tempDir,
} from "./harness.js";

const POLICY = join(FIXTURE_POLICIES, "audit-dev.yaml");

interface AuditLine {
  time: string;
  event: "decision" | "response";
  id?: string | number;
  method?: string;
  tool?: string;
  principal: string;
  roles?: string[];
  decision?: "allow" | "deny";
  check?: string;
  reason?: string;
  code?: number;
  durationMs?: number;
  outcome?: string;
  rttMs?: number;
}

function readAudit(file: string): AuditLine[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AuditLine);
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  killLeftovers();
  expectShimStdoutClean();
  for (const c of cleanups.splice(0)) c();
});

function auditFile(): string {
  const dir = tempDir("aegis-audit-");
  cleanups.push(dir.cleanup);
  // A directory that does not exist yet: the shim creates it.
  return join(dir.path, "logs", "audit.jsonl");
}

describe("stdio shim: the audit log", () => {
  it("writes one decision line per request and a response line with the same id and its round-trip time", async () => {
    const file = auditFile();
    const session = await connectShim(
      shimArgs(
        ["--policy", POLICY, "--principal", "alice", "--roles", "dev,ops", "--audit-log", file],
        [process.execPath, SERVERS.everything],
      ),
    );
    await session.client.listTools();
    await session.client.callTool({ name: "echo", arguments: { message: "audited" } });
    const denied = await session.client.callTool({ name: "get-env", arguments: {} });
    expect(denied.isError).toBe(true);
    await session.client.close();
    expect((await session.shim.exited).code).toBe(0);

    const lines = readAudit(file);
    const decisions = lines.filter((l) => l.event === "decision");
    const responses = lines.filter((l) => l.event === "response");
    // The SDK client numbers its requests from 0: initialize, tools/list, echo, get-env.
    expect(decisions.map((d) => [d.id, d.method, d.tool, d.decision, d.check])).toEqual([
      [0, "initialize", undefined, "allow", "pipeline"],
      [1, "tools/list", undefined, "allow", "pipeline"],
      [2, "tools/call", "echo", "allow", "pipeline"],
      [3, "tools/call", "get-env", "deny", "policy"],
    ]);
    for (const d of decisions) {
      expect(d.principal).toBe("alice");
      expect(d.roles).toEqual(["dev", "ops"]);
      expect(typeof d.durationMs).toBe("number");
      expect(d.durationMs).toBeGreaterThanOrEqual(0);
      expect(Number.isNaN(Date.parse(d.time))).toBe(false);
    }
    const deny = decisions[3];
    expect(deny?.reason).toBe(
      '"alice" (roles: dev, ops) may not call tool "get-env": no rule allows it (default: deny)',
    );
    expect(deny?.code).toBe(-32010);

    // Forwarded requests are answered by the server and timed; the denied one is not forwarded.
    expect(responses.map((r) => [r.id, r.method, r.tool, r.outcome])).toEqual([
      [0, "initialize", undefined, "result"],
      [1, "tools/list", undefined, "result"],
      [2, "tools/call", "echo", "result"],
    ]);
    for (const r of responses) {
      expect(r.principal).toBe("alice");
      expect(r.rttMs).toBeGreaterThanOrEqual(0);
      // Each response line comes after the decision on its request.
      expect(lines.indexOf(r)).toBeGreaterThan(
        lines.findIndex((d) => d.event === "decision" && d.id === r.id),
      );
    }
    // Nothing audit-like leaks into the protocol stream.
    expect(session.shim.lines.join("\n")).not.toContain('"event":"decision"');
    expectOnlyJsonRpc(session.shim.lines);
  });

  it("records ids above 2^53 exactly (as text), refusals of malformed lines, and answers lost with the server", async () => {
    const file = auditFile();
    const shim = spawnShim(
      shimArgs(
        ["--policy", POLICY, "--roles", "dev", "--audit-log", file],
        fixtureServer("dies-mid-request", "--code", "7"),
      ),
    );
    shim.send(
      '{"jsonrpc":"2.0","id":9007199254740993,"method":"tools/call","params":{"name":"argv"}}',
    );
    shim.send(
      '{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"tools/call","params":{"name":"echo","arguments":{"message":"x"}}}',
    );
    await shim.waitForLine(answerTo("123456789012345678901234567890"));
    shim.send("not json");
    shim.send(
      '{"jsonrpc":"2.0","id":"h","method":"tools/call","params":{"name":"echo","arguments":{"message":"h"}}}',
    );
    await shim.waitForLine(answerTo('"h"'));
    // The server dies with two requests open: both are answered and audited as errors.
    shim.send('{"jsonrpc":"2.0","id":"open","method":"tools/call","params":{"name":"hang"}}');
    shim.send('{"jsonrpc":"2.0","id":"boom","method":"tools/call","params":{"name":"crash"}}');
    expect((await shim.exited).code).toBe(7);
    expectOnlyJsonRpc(shim.lines);

    const lines = readAudit(file);
    const byId = (id: string | number) => lines.filter((l) => l.id === id);
    expect(byId("9007199254740993").map((l) => [l.event, l.decision, l.check])).toEqual([
      ["decision", "deny", "policy"],
    ]);
    expect(
      byId("123456789012345678901234567890").map((l) => [l.event, l.outcome ?? l.decision]),
    ).toEqual([
      ["decision", "allow"],
      ["response", "result"],
    ]);
    const garbage = lines.filter((l) => l.check === "protocol");
    expect(garbage).toHaveLength(1);
    expect(garbage[0]).toMatchObject({ decision: "deny", code: -32700, principal: "local-user" });
    for (const id of ["open", "boom"]) {
      expect(byId(id).map((l) => [l.event, l.outcome ?? l.decision])).toEqual([
        ["decision", "allow"],
        ["response", "error"],
      ]);
    }
  });
});
