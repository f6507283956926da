/**
 * The demo MCP server bundled with the CLI (dist/demo-server.js): a few lines of NDJSON over
 * stdio, so `mcp-aegis verify` can run a real session end to end with nothing but Node.
 * Tools: echo (harmless), get-env (what a policy should deny), add.
 */
const TOOLS = [
  { name: "echo", inputSchema: { type: "object", properties: { message: { type: "string" } } } },
  { name: "get-env", inputSchema: { type: "object", properties: {} } },
  {
    name: "add",
    inputSchema: { type: "object", properties: { a: { type: "number" }, b: { type: "number" } } },
  },
];

type Message = { id?: unknown; method?: unknown; params?: Record<string, unknown> };

function text(s: string) {
  return { content: [{ type: "text", text: s }] };
}

function answer(msg: Message): unknown {
  const args = (msg.params?.arguments ?? {}) as Record<string, unknown>;
  switch (msg.method) {
    case "initialize":
      return {
        protocolVersion: msg.params?.protocolVersion ?? "2025-11-25",
        capabilities: { tools: {} },
        serverInfo: { name: "mcp-aegis-demo", version: "1.0.0" },
      };
    case "ping":
      return {};
    case "tools/list":
      return { tools: TOOLS };
    case "tools/call":
      if (msg.params?.name === "echo") return text(`Echo: ${String(args.message ?? "")}`);
      if (msg.params?.name === "add") return text(String(Number(args.a) + Number(args.b)));
      if (msg.params?.name === "get-env") return text(JSON.stringify(process.env));
      return undefined;
    default:
      return undefined;
  }
}

let buffered = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk: string) => {
  buffered += chunk;
  const lines = buffered.split("\n");
  buffered = lines.pop() ?? "";
  for (const line of lines) {
    let msg: Message;
    try {
      msg = JSON.parse(line) as Message;
    } catch {
      continue;
    }
    if (msg.id === undefined || typeof msg.method !== "string") continue;
    const result = answer(msg);
    const reply =
      result === undefined
        ? { jsonrpc: "2.0", id: msg.id, error: { code: -32601, message: "Method not found" } }
        : { jsonrpc: "2.0", id: msg.id, result };
    process.stdout.write(`${JSON.stringify(reply)}\n`);
  }
});
process.stdin.on("end", () => process.exit(0));
