#!/usr/bin/env node
// `npm run demo`: a real MCP session through the shim. The official SDK client talks to
// @modelcontextprotocol/server-everything through bin/mcp-aegis.js with the bundled demo
// policy; the script prints what was allowed, what was blocked and the audit lines.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const server = join(root, "node_modules/@modelcontextprotocol/server-everything/dist/index.js");
const policy = join(root, "policies/everything-demo.yaml");
const work = mkdtempSync(join(tmpdir(), "aegis-demo-"));
const auditLog = join(work, "audit.jsonl");

const shimArgs = [
  join(root, "bin/mcp-aegis.js"),
  "--policy",
  policy,
  "--principal",
  "developer",
  "--roles",
  "dev",
  "--audit-log",
  auditLog,
  "--log-level",
  "error",
  "--",
  process.execPath,
  server,
];

const line = (s = "") => process.stdout.write(`${s}\n`);
const text = (result) =>
  (result.content ?? [])
    .map((c) => c.text ?? `[${c.type}]`)
    .join(" ")
    .replace(/\s+/g, " ")
    .slice(0, 160);

line("mcp-aegis demo: SDK client → mcp-aegis → @modelcontextprotocol/server-everything");
line(`policy: ${policy} (principal "developer", role "dev")`);
line();

const transport = new StdioClientTransport({
  command: process.execPath,
  args: shimArgs,
  stderr: "inherit",
});
const client = new Client({ name: "aegis-demo", version: "1.0.0" }, { capabilities: {} });
let failed = false;
try {
  await client.connect(transport);
  const { tools } = await client.listTools();
  // The policy filters tools/list: the client sees only what it may call.
  line(`tools the policy lets "developer" see: ${tools.map((t) => t.name).join(", ")}`);
  line();
  const calls = [
    ["echo", { message: "hello through the shim" }],
    ["get-sum", { a: 2, b: 40 }],
    ["get-env", {}],
    ["toggle-simulated-logging", {}],
  ];
  for (const [name, args] of calls) {
    const result = await client.callTool({ name, arguments: args });
    const verdict = result.isError ? "BLOCKED" : "ALLOWED";
    line(`${verdict.padEnd(8)} ${name}(${JSON.stringify(args)})`);
    line(`         → ${text(result)}`);
  }
} catch (err) {
  failed = true;
  line(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
} finally {
  await client.close();
}

line();
line(`audit log (${auditLog}):`);
try {
  for (const entry of readFileSync(auditLog, "utf8").trim().split("\n")) {
    const r = JSON.parse(entry);
    const what = r.tool ? `${r.method} ${r.tool}` : r.method;
    if (r.event === "decision") {
      line(
        `  decision id=${r.id} ${what}: ${r.decision} (${r.reason ? `${r.check}: ${r.reason}` : r.rule === "ungated" ? "no rule needed for this method" : `rule ${r.rule ?? r.check}`})`,
      );
    } else {
      line(`  response id=${r.id} ${what}: ${r.outcome} in ${r.rttMs} ms`);
    }
  }
} catch (err) {
  failed = true;
  line(`  cannot read the audit log: ${err instanceof Error ? err.message : String(err)}`);
}
rmSync(work, { recursive: true, force: true });
process.exitCode = failed ? 1 : 0;
