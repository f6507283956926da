import { describe, expect, it } from "vitest";
import { NULL_AUDIT } from "../../src/audit/audit.js";
import { createLogger } from "../../src/audit/logger.js";
import { DEFAULT_LIMITS } from "../../src/config/limits.js";
import { rateLimitCheck } from "../../src/pipeline/checks/rate-limit.js";
import { compose } from "../../src/pipeline/compose.js";
import { clientChecks, serverChecks } from "../../src/pipeline/default-checks.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { LineDecoder } from "../../src/protocol/framing.js";
import { MemoryRateLimiter } from "../../src/ratelimit/memory.js";
import { Session } from "../../src/session/session.js";

const policy = YamlPolicyEngine.fromString(`version: "1"
principals:
  dev:
    tools:
      - { pattern: "*", actions: [execute] }
rate_limits:
  default: { per_minute: 1, burst: 2 }
`);

/** A session whose only principal has 2 tool calls, then one per minute; the clock stands still. */
function setup() {
  const toServer: string[] = [];
  const toClient: string[] = [];
  const check = rateLimitCheck({
    limiter: new MemoryRateLimiter(),
    config: () => policy.document.rate_limits,
  });
  const session = new Session({
    clientPipeline: compose(
      clientChecks({ limits: DEFAULT_LIMITS, policyEngine: policy, extra: [check] }),
    ),
    serverPipeline: compose(serverChecks({ limits: DEFAULT_LIMITS })),
    context: {
      principal: { id: "dev", roles: new Set() },
      limits: DEFAULT_LIMITS,
      now: () => 0,
      tools: new Map(),
    },
    output: {
      toServer: (x) => toServer.push(x.toString()),
      toClient: (x) => toClient.push(x.toString()),
    },
    logger: createLogger("silent"),
    audit: NULL_AUDIT,
  });
  const decoder = new LineDecoder(DEFAULT_LIMITS.maxLineBytes);
  const client = (s: string) => {
    for (const line of decoder.push(Buffer.from(`${s}\n`))) session.fromClient(line);
  };
  return { toServer, toClient, client };
}

const call = (id: string, name = "echo") =>
  `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"${name}","arguments":{}}}`;
const callWithoutId = (name = "echo") =>
  `{"jsonrpc":"2.0","method":"tools/call","params":{"name":"${name}","arguments":{}}}`;

describe("rate-limit bypass attempts (the server never sees the call over budget)", () => {
  it("a tools/call sent as a notification (no id) costs a token and is dropped when none is left", () => {
    const s = setup();
    s.client(callWithoutId());
    s.client(call("1"));
    s.client(callWithoutId()); // over budget: no id to answer, so dropped
    s.client(call("2")); // over budget: answered
    expect(s.toServer).toEqual([callWithoutId(), call("1")]);
    expect(s.toClient).toHaveLength(1);
    expect(JSON.parse(s.toClient[0] as string).result.content[0].text).toMatch(
      /retry in 60 seconds/,
    );
  });

  it("ids of every type and other tool names share the principal's one budget", () => {
    const s = setup();
    s.client(call('"a"'));
    s.client(call("0", "other"));
    s.client(call('"b"', "third"));
    s.client(call("9007199254740993"));
    expect(s.toServer).toEqual([call('"a"'), call("0", "other")]);
    expect(s.toClient.map((l) => JSON.parse(l).result?.isError)).toEqual([true, true]);
  });

  it("a batch cannot carry calls past the limiter", () => {
    const s = setup();
    s.client(call("1"));
    s.client(call("2"));
    s.client(`[${call("3")},${call("4")}]`);
    expect(s.toServer).toEqual([call("1"), call("2")]);
  });

  it("requests that cost nothing pass after the budget is spent", () => {
    const s = setup();
    s.client(call("1"));
    s.client(call("2"));
    s.client('{"jsonrpc":"2.0","id":3,"method":"tools/list"}');
    s.client('{"jsonrpc":"2.0","id":4,"method":"ping"}');
    expect(s.toServer).toHaveLength(4);
  });
});
