import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/audit/logger.js";
import { sanitizerFor } from "../../src/gateway/policy-setup.js";
import type { Check, Verdict } from "../../src/pipeline/types.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { PolicyStore } from "../../src/policy/store.js";
import { ctxOf, frameOf, recordingAudit } from "../pipeline/checks/frames.js";

const store = (monitor: boolean) =>
  new PolicyStore(YamlPolicyEngine.fromString('version: "1"\nprincipals: {}\n'), { monitor });

// Written by hand: above 2^53 the id must come back as written, not as its double.
const call = (command: string) =>
  frameOf(
    `{"jsonrpc":"2.0","id":9007199254740993,"method":"tools/call","params":{"name":"run_command","arguments":{"command":${JSON.stringify(command)}}}}`,
    "client-to-server",
  );

describe("sanitizerFor: monitor mode writes the sanitizer's would-block rows", () => {
  it("forwards a call the sanitizer would block and records check, rule, reason and exact id", async () => {
    const audit = recordingAudit();
    const check = sanitizerFor(store(true), {}, createLogger("silent"), audit)?.check as Check;
    const v = (await check.inspect(
      call("ls; rm -rf /"),
      ctxOf({ id: "u", roles: new Set() }),
    )) as Verdict;
    expect(v.ok).toBe(true);
    expect(audit.decisions).toEqual([
      expect.objectContaining({
        decision: "would-block",
        check: "sanitizer",
        rule: "shell.destructive",
        id: "9007199254740993",
        tool: "run_command",
        reason: expect.stringMatching(/shell\.destructive/),
      }),
    ]);
  });

  it("enforcing, refuses and writes nothing itself (the session writes the deny row)", async () => {
    const audit = recordingAudit();
    const check = sanitizerFor(store(false), {}, createLogger("silent"), audit)?.check as Check;
    const v = (await check.inspect(
      call("ls; rm -rf /"),
      ctxOf({ id: "u", roles: new Set() }),
    )) as Verdict;
    expect(v.ok).toBe(false);
    expect(audit.decisions).toEqual([]);
  });
});
