#!/usr/bin/env node
// The shim's own processing cost, without any I/O: a request and its answer through
// Session and the default pipelines (with the benchmark's 20-rule policy), N times.
// Usage: node bench/session-micro.js [N=200000]
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  clientChecks,
  compose,
  createLogger,
  getLimits,
  NULL_AUDIT,
  Session,
  serverChecks,
  YamlPolicyEngine,
} from "../dist/index.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const N = Number(process.argv[2] ?? 200_000);
const limits = getLimits();
const policyEngine = YamlPolicyEngine.fromString(readFileSync(join(HERE, "policy.yaml"), "utf8"));
let out = 0;
const session = new Session({
  clientPipeline: compose(clientChecks({ limits, policyEngine })),
  serverPipeline: compose(serverChecks({ limits })),
  context: {
    principal: { id: "bench", roles: new Set(["agent"]) },
    limits,
    now: Date.now,
    tools: new Map(),
  },
  logger: createLogger("warn"),
  audit: NULL_AUDIT,
  output: { toClient: () => out++, toServer: () => out++ },
});
const run = (n) => {
  for (let i = 0; i < n; i++) {
    session.fromClient({
      kind: "line",
      bytes: Buffer.from(
        `{"jsonrpc":"2.0","id":${i},"method":"tools/call","params":{"name":"echo","arguments":{"message":"hello, world"}}}`,
      ),
    });
    session.fromServer({
      kind: "line",
      bytes: Buffer.from(
        `{"jsonrpc":"2.0","id":${i},"result":{"content":[{"type":"text","text":"hello, world"}]}}`,
      ),
    });
  }
};
run(20_000);
// CPU time, not wall time: the figure should not depend on what else the machine runs.
const c0 = process.cpuUsage();
run(N);
const c = process.cpuUsage(c0);
const us = (c.user + c.system) / N;
process.stdout.write(`session: ${us.toFixed(2)} µs CPU per request + answer (${out} lines out)\n`);
