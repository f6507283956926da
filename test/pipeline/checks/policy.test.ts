import { describe, expect, it } from "vitest";
import { policyCheck } from "../../../src/pipeline/checks/policy.js";
import { serverRequestCheck } from "../../../src/pipeline/checks/server-requests.js";
import type { Verdict } from "../../../src/pipeline/types.js";
import { YamlPolicyEngine } from "../../../src/policy/engine.js";
import { engineOf, who } from "../../policy/helpers.js";
import { ctxOf, frameOf, recordingAudit, recordingLogger } from "./frames.js";

const engine = engineOf({
  version: "1",
  principals: {
    u: {
      tools: [{ pattern: "write_file", actions: ["execute"], when: { path: { under: "/w" } } }],
      resources: [{ pattern: "file:///w/**" }],
      prompts: [{ pattern: "greet" }],
      server_requests: { "sampling/createMessage": "deny" },
    },
  },
});
const ctx = ctxOf(who("u"));
const check = policyCheck({ engine });
const inspect = (line: string) => check.inspect(frameOf(line, "client-to-server"), ctx) as Verdict;
const req = (method: string, params: unknown) =>
  JSON.stringify({ jsonrpc: "2.0", id: 1, method, params });

describe("policyCheck on client requests", () => {
  it("tools/call: argument conditions decide", () => {
    expect(inspect(req("tools/call", { name: "write_file", arguments: { path: "/w/a" } })).ok).toBe(
      true,
    );
    const v = inspect(
      req("tools/call", { name: "write_file", arguments: { path: "/w/../etc/x" } }),
    );
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.error.message).toMatch(/may not call tool "write_file".*path\.under/);
  });

  it("bypass: tools/call without arguments does not skip the conditions", () => {
    expect(inspect(req("tools/call", { name: "write_file" })).ok).toBe(false);
    expect(inspect(req("tools/call", { name: "write_file", arguments: ["/w/a"] })).ok).toBe(false);
  });

  it("bypass: arguments that are no object are refused, whatever the rules (a lenient server acts on them)", () => {
    for (const args of ["rm -rf /", ["/w/a"], 7, true]) {
      const v = inspect(req("tools/call", { name: "write_file", arguments: args }));
      expect(v.ok, JSON.stringify(args)).toBe(false);
      if (!v.ok) expect(v.error.message).toMatch(/arguments must be an object/);
    }
    expect(inspect(req("prompts/get", { name: "greet", arguments: "x" })).ok).toBe(false);
    expect(inspect(req("prompts/get", { name: "greet", arguments: null })).ok).toBe(true);
    expect(inspect(req("prompts/get", { name: "greet", arguments: { who: "Ana" } })).ok).toBe(true);
  });

  it("bypass: a method spelled like a gated one but not it is refused (a lenient server would run it unchecked)", () => {
    for (const method of [
      "Tools/Call",
      "tools/call ",
      "tools/call\u0000",
      "tools.call",
      "ＴＯＯＬＳ/call",
      "tools/\u200bcall",
    ]) {
      const v = inspect(req(method, { name: "write_file", arguments: { path: "/etc/x" } }));
      expect(v.ok, JSON.stringify(method)).toBe(false);
      if (!v.ok) expect(v.error.message).toMatch(/spelled like "tools\/call"/);
    }
    expect(inspect(req("Tools/List", {})).ok).toBe(false);
    expect(inspect(req("resources/READ", { uri: "file:///w/a" })).ok).toBe(false);
    // Methods of their own, and the exact ungated ones, pass as before.
    for (const method of [
      "ping",
      "my-server/Custom.Op",
      "notifications/initialized",
      "logging/setLevel",
    ])
      expect(inspect(req(method, {})).ok, method).toBe(true);
  });

  it("resources/read and resources/subscribe need read on the URI", () => {
    expect(inspect(req("resources/read", { uri: "file:///w/a" })).ok).toBe(true);
    expect(inspect(req("resources/read", { uri: "file:///w/../etc/passwd" })).ok).toBe(false);
    expect(inspect(req("resources/subscribe", { uri: "file:///etc/passwd" })).ok).toBe(false);
    expect(inspect(req("resources/read", {})).ok).toBe(false);
  });

  it("prompts/get and completion/complete need read on the prompt or resource", () => {
    expect(inspect(req("prompts/get", { name: "greet" })).ok).toBe(true);
    expect(inspect(req("prompts/get", { name: "leak" })).ok).toBe(false);
    const complete = (ref: unknown) =>
      inspect(req("completion/complete", { ref, argument: { name: "a", value: "" } })).ok;
    expect(complete({ type: "ref/prompt", name: "greet" })).toBe(true);
    expect(complete({ type: "ref/prompt", name: "leak" })).toBe(false);
    expect(complete({ type: "ref/resource", uri: "file:///w/{x}" })).toBe(true);
    expect(complete({ type: "ref/resource", uri: "db://{x}" })).toBe(false);
    expect(complete({ type: "ref/other" })).toBe(false);
  });

  it("leaves ungated methods, notifications and responses alone", () => {
    // A request's pass says no policy rule was asked (its audit row names it so).
    expect(inspect(req("tools/list", {}))).toEqual({ ok: true, rule: "ungated" });
    expect(inspect(req("ping", {}))).toEqual({ ok: true, rule: "ungated" });
    expect(inspect('{"jsonrpc":"2.0","method":"notifications/initialized"}')).toEqual({ ok: true });
  });

  it("monitor mode logs the would-be refusal, writes its would-block row and passes", () => {
    const { records, logger } = recordingLogger();
    const audit = recordingAudit();
    const monitored = policyCheck({ engine, monitor: true, logger, audit });
    const v = monitored.inspect(
      frameOf(
        '{"jsonrpc":"2.0","id":9007199254740993,"method":"resources/read","params":{"uri":"file:///etc/passwd"}}',
        "client-to-server",
      ),
      ctx,
    );
    expect(v).toEqual({ ok: true, rule: "monitor" });
    expect(records).toHaveLength(1);
    expect(records[0]?.obj).toMatchObject({
      monitor: true,
      wouldBlock: true,
      method: "resources/read",
    });
    expect(audit.decisions).toEqual([
      expect.objectContaining({
        decision: "would-block",
        check: "policy",
        rule: "defaults.effect",
        // Above 2^53: the id exactly as written, not its double.
        id: "9007199254740993",
        method: "resources/read",
        reason: expect.stringMatching(/may not read resource "file:\/\/\/etc\/passwd"/),
      }),
    ]);
  });

  it("an allowed request names its rule with file:line:col, as explain does", () => {
    const fromFile = YamlPolicyEngine.fromString(
      `version: "1"\nprincipals:\n  u:\n    tools:\n      - pattern: "echo"\n        actions: [execute]\n`,
      "p.yaml",
    );
    const v = policyCheck({ engine: fromFile }).inspect(
      frameOf(req("tools/call", { name: "echo", arguments: {} }), "client-to-server"),
      ctx,
    );
    expect(v).toEqual({ ok: true, rule: "principals.u.tools[0] (p.yaml:5:9)" });
  });
});

describe("serverRequestCheck", () => {
  const s = serverRequestCheck({ engine });
  const fromServer = (method: string, principal = who("u")) =>
    s.inspect(
      frameOf(JSON.stringify({ jsonrpc: "2.0", id: 5, method, params: {} }), "server-to-client"),
      ctxOf(principal),
    ) as Verdict;

  it("denies what the principal's entry denies, and by default sampling; passes the rest", () => {
    expect(fromServer("sampling/createMessage").ok).toBe(false);
    expect(fromServer("roots/list").ok).toBe(true);
    // No entry names it for "other": deny by default (roots/list stays allowed).
    expect(fromServer("sampling/createMessage", who("other")).ok).toBe(false);
    expect(fromServer("roots/list", who("other")).ok).toBe(true);
    expect(fromServer("ping").ok).toBe(true);
  });
});
