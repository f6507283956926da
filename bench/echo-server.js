#!/usr/bin/env node
// A minimal MCP server speaking raw NDJSON over stdio: the same far end for every row of
// the benchmark, so that differences come from what sits in between. It answers
// initialize, ping, tools/list and tools/call (tool "echo"); replies are written once per
// input chunk (one syscall for a whole batch), so the server itself is never the slowest part.
import process from "node:process";

const LF = 0x0a;
/** Messages longer than this are answered with their size, not echoed back. */
const ECHO_MAX = 1024;
const TOOLS = [
  {
    name: "echo",
    description: "Echoes its message",
    inputSchema: {
      type: "object",
      properties: { message: { type: "string" } },
      required: ["message"],
    },
  },
];

function answer(msg) {
  if (msg.id === undefined || typeof msg.method !== "string") return undefined;
  const id = msg.id;
  switch (msg.method) {
    case "initialize":
      return {
        jsonrpc: "2.0",
        id,
        result: {
          protocolVersion: msg.params?.protocolVersion ?? "2025-11-25",
          capabilities: { tools: {} },
          serverInfo: { name: "bench-echo", version: "1.0.0" },
        },
      };
    case "ping":
      return { jsonrpc: "2.0", id, result: {} };
    case "tools/list":
      return { jsonrpc: "2.0", id, result: { tools: TOOLS } };
    case "tools/call": {
      const message = String(msg.params?.arguments?.message ?? "");
      const text = message.length <= ECHO_MAX ? message : `received ${message.length} characters`;
      return { jsonrpc: "2.0", id, result: { content: [{ type: "text", text }] } };
    }
    default:
      return { jsonrpc: "2.0", id, error: { code: -32601, message: "Method not found" } };
  }
}

let parts = [];
process.stdin.on("data", (chunk) => {
  let out = "";
  let start = 0;
  for (;;) {
    const nl = chunk.indexOf(LF, start);
    if (nl === -1) break;
    parts.push(chunk.subarray(start, nl));
    const line = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    parts = [];
    start = nl + 1;
    if (line.length === 0) continue;
    let msg;
    try {
      msg = JSON.parse(line.toString("utf8"));
    } catch {
      continue;
    }
    const reply = answer(msg);
    if (reply) out += `${JSON.stringify(reply)}\n`;
  }
  if (start < chunk.length) parts.push(chunk.subarray(start));
  if (out) process.stdout.write(out);
});
// Like the SDK's servers, stay up after stdin EOF would be unkind to benchmarks: leave.
process.stdin.on("end", () => process.exit(0));
