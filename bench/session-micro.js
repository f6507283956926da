#!/usr/bin/env node
// The shim's own processing cost, without any I/O: requests and their answers through
// Session with the checks the CLI runs (the benchmark's 20-rule policy, sanitizer,
// credential and content inspection, in-memory rate limit), 64 at a time, N in all.
// Usage: node bench/session-micro.js [N=200000] [--no-sanitizer] [--full-path]
// (--full-path: every response parsed and run through the checks, no byte fast path.)
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildDefences,
  clientChecks,
  compose,
  createLogger,
  DEFAULT_SANITIZER_CONFIG,
  getLimits,
  listFilterCheck,
  MemoryRateLimiter,
  NULL_AUDIT,
  PolicyStore,
  rateLimitCheck,
  Session,
  sanitizeCheck,
  serverChecks,
  serverRequestCheck,
} from "../dist/index.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const N = Number(process.argv[2] ?? 200_000);
const IN_FLIGHT = 64;
const limits = getLimits();
const logger = createLogger("warn");
const policy = PolicyStore.fromFile(join(HERE, "policy.yaml"), {});
const defences = buildDefences({
  sections: policy.document,
  argv: ["echo-server"],
  audit: NULL_AUDIT,
  logger,
});
const rates = { default: { per_minute: 1_000_000, burst: 1_000_000 } };
const clientExtra = [
  ...(process.argv.includes("--no-sanitizer")
    ? []
    : [sanitizeCheck({ getConfig: () => DEFAULT_SANITIZER_CONFIG })]),
  ...defences.clientChecks,
  rateLimitCheck({ limiter: new MemoryRateLimiter(), config: () => rates }),
];
const monitor = () => false;
const serverExtra = [
  listFilterCheck({ engine: policy, monitor, logger }),
  serverRequestCheck({ engine: policy, monitor, logger }),
  ...defences.serverChecks,
];
let out = 0;
const session = new Session({
  clientPipeline: compose(clientChecks({ limits, policyEngine: policy, extra: clientExtra })),
  serverPipeline: compose(serverChecks({ limits, extra: serverExtra })),
  context: {
    principal: { id: "bench", roles: new Set(["agent"]) },
    limits,
    now: Date.now,
    tools: new Map(),
  },
  logger,
  audit: NULL_AUDIT,
  output: { toClient: () => out++, toServer: () => out++ },
  fastPath: !process.argv.includes("--full-path"),
});
// The caller reaches "get-sum" through the policy's last rule, so every rule is tried.
const request = (i) =>
  Buffer.from(
    `{"jsonrpc":"2.0","id":${i},"method":"tools/call","params":{"name":"get-sum","arguments":{"message":"hello, world ${i}"}}}`,
  );
const answer = (i) =>
  Buffer.from(
    `{"jsonrpc":"2.0","id":${i},"result":{"content":[{"type":"text","text":"hello, world ${i}"}]}}`,
  );
const run = async (n) => {
  for (let i = 0; i < n; i += IN_FLIGHT) {
    for (let j = i; j < i + IN_FLIGHT; j++) session.fromClient({ kind: "line", bytes: request(j) });
    await session.idle();
    for (let j = i; j < i + IN_FLIGHT; j++) session.fromServer({ kind: "line", bytes: answer(j) });
    await session.idle();
  }
};
await run(20_000);
// CPU time, not wall time: the figure should not depend on what else the machine runs.
const c0 = process.cpuUsage();
await run(N);
const c = process.cpuUsage(c0);
const us = (c.user + c.system) / N;
process.stdout.write(`session: ${us.toFixed(2)} µs CPU per request + answer (${out} lines out)\n`);
