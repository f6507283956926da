// Server → client inspection cost: messages per second through the inspect check
// (ANSI, invisible Unicode, injection rules, secret redaction) against a baseline
// measured in the same run: JSON.parse of the same bytes (what any relay that looks at
// messages pays). Run: npm run build && node bench/inspect.bench.js
import { readFileSync } from "node:fs";
import {
  createLogger,
  InspectionConfigSchema,
  inspectContentCheck,
  NULL_AUDIT,
  Quarantine,
} from "../dist/index.js";

const DURATION_MS = Number(process.env.BENCH_MS ?? 1000);

const check = inspectContentCheck({
  inspection: InspectionConfigSchema.parse({}),
  redact: true,
  quarantine: new Quarantine(),
  reporter: { audit: NULL_AUDIT, logger: createLogger("silent") },
});
const ctx = {
  principal: { id: "b", roles: new Set() },
  limits: {},
  now: () => 0,
  tools: new Map(),
};

function frameOf(message, inReplyTo) {
  const raw = Buffer.from(JSON.stringify(message));
  return {
    raw,
    direction: "server-to-client",
    parsed: { kind: "response", message },
    rawId: "1",
    depth: 6,
    inReplyTo,
  };
}

const prose = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const cases = [
  [
    "small tools/call result",
    frameOf(
      { jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: "Echo: hello world" }] } },
      { method: "tools/call", tool: "echo" },
    ),
  ],
  [
    `README as a result (${Math.round(prose.length / 1024)} KiB)`,
    frameOf(
      { jsonrpc: "2.0", id: 1, result: { content: [{ type: "text", text: prose }] } },
      { method: "tools/call", tool: "read" },
    ),
  ],
  [
    "tools/list of 40 tools",
    frameOf(
      {
        jsonrpc: "2.0",
        id: 1,
        result: {
          tools: Array.from({ length: 40 }, (_, i) => ({
            name: `tool_${i}`,
            description:
              "Read the complete contents of a file from the file system. Handles various text encodings.",
            inputSchema: {
              type: "object",
              properties: { path: { type: "string", description: "Path of the file" } },
            },
          })),
        },
      },
      { method: "tools/list" },
    ),
  ],
];

async function measure(fn) {
  let ops = 0;
  const end = performance.now() + DURATION_MS;
  while (performance.now() < end) {
    for (let k = 0; k < 20; k++) await fn();
    ops += 20;
  }
  return (ops * 1000) / DURATION_MS;
}

for (const [label, frame] of cases) {
  const base = await measure(() => JSON.parse(frame.raw.toString("utf8")));
  const inspected = await measure(() => check.inspect(frame, ctx));
  console.log(
    `${label.padEnd(34)} parse ${Math.round(base).toLocaleString().padStart(9)}/s  inspect ${Math.round(inspected).toLocaleString().padStart(9)}/s  ratio ${(base / inspected).toFixed(1)}x`,
  );
}
