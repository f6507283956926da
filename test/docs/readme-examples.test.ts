import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { parse as parseShell } from "shell-quote";
import { afterAll, describe, expect, it } from "vitest";
import { parse as parseYaml, stringify } from "yaml";
import { BIN, connect, POLICIES, SERVERS, tempDir } from "../e2e/harness.js";

// The README's examples, run: each policy and policy fragment passes `check`, and each
// client entry, launched through the built CLI against the real reference server it
// names, lists at least one tool with the official SDK client. Only placeholders are
// replaced (README paths → a temp dir, `npx <our package>` → the built CLI, `npx <server>`
// → the installed server), each by a rule below; a form no rule knows fails the test.

const README = readFileSync(join(POLICIES, "..", "README.md"), "utf8");
const dir = tempDir("aegis-readme-");
afterAll(dir.cleanup);
const folder = join(dir.path, "projects");
mkdirSync(folder);
writeFileSync(join(folder, "notes.txt"), "hello\n");

/** The fenced code blocks of the README: language and text. */
const blocks = [...README.matchAll(/^```(\w*)\n([\s\S]*?)^```/gm)].map((m) => ({
  lang: m[1] as string,
  text: m[2] as string,
}));

/** Policies named by their first line, `# ~/mcp-aegis/<file>: …`, written to the temp dir. */
const namedPolicies = new Map<string, string>();
for (const b of blocks.filter((b) => b.lang === "yaml")) {
  const name = /^# ~\/mcp-aegis\/([\w.-]+\.yaml)\b/.exec(b.text)?.[1];
  if (name === undefined) continue;
  writeFileSync(join(dir.path, name), b.text);
  namedPolicies.set(name, join(dir.path, name));
}

/** The built CLI for each way the README launches mcp-aegis; undefined for an unknown one. */
function shimCommand(command: string, args: string[]): string[] | undefined {
  const npxOurs = ["-y", "--package=mcp-aegis-shim", "mcp-aegis"];
  if (command === "npx" && npxOurs.every((a, i) => args[i] === a)) return args.slice(3);
  if (command === "mcp-aegis") return args;
  if (command === "node" && args[0]?.endsWith("/bin/mcp-aegis.js")) return args.slice(1);
  return undefined;
}

/** The argv (after the CLI) with the README's placeholders replaced. */
function runnable(command: string, args: string[]): string[] {
  const shimArgs = shimCommand(command, args);
  if (shimArgs === undefined) throw new Error(`no rule runs ${command} ${args.join(" ")}`);
  const dash = shimArgs.indexOf("--");
  const [options, server] = [shimArgs.slice(0, dash), shimArgs.slice(dash + 1)];
  const out = options.map((a, i) => {
    if (options[i - 1] === "--policy") {
      const file = namedPolicies.get(basename(a));
      if (file === undefined) throw new Error(`the README names ${a} but shows no such policy`);
      return file;
    }
    return options[i - 1] === "--audit-log" ? join(dir.path, basename(a)) : a;
  });
  const [npx, yes, pkg, ...rest] = server;
  const name = /^@modelcontextprotocol\/server-(everything|filesystem|memory)$/.exec(pkg ?? "");
  if (npx !== "npx" || yes !== "-y" || !name)
    throw new Error(`no rule runs the server ${server.join(" ")}`);
  const entry = SERVERS[name[1] as keyof typeof SERVERS];
  return [
    BIN,
    ...out,
    "--",
    process.execPath,
    entry,
    ...rest.map((a) => (a.startsWith("/") ? folder : a)),
  ];
}

interface Entry {
  command: string;
  args: string[];
}

/** Every client entry: the JSON configs' mcpServers and the `claude mcp add` lines. */
const entries: Array<{ where: string; entry: Entry }> = [];
for (const b of blocks) {
  if (b.lang === "json" && b.text.includes('"mcpServers"')) {
    const config = JSON.parse(b.text) as { mcpServers: Record<string, Entry> };
    for (const [name, entry] of Object.entries(config.mcpServers))
      entries.push({ where: `JSON config "${name}" (${entry.command})`, entry });
  }
  for (const line of b.lang === "sh" ? b.text.split("\n") : []) {
    if (!line.startsWith("claude mcp add ")) continue;
    const words = parseShell(line).filter((w): w is string => typeof w === "string");
    const [command, ...args] = words.slice(words.indexOf("--") + 1);
    entries.push({ where: "claude mcp add", entry: { command: command as string, args } });
  }
}

/** The built CLI's `check --json` on one file. */
function check(file: string): { status: number | null; result: { ok: boolean } } {
  const r = spawnSync(process.execPath, [BIN, "check", "--json", file], { encoding: "utf8" });
  return { status: r.status, result: JSON.parse(r.stdout) as { ok: boolean } };
}

describe("README", () => {
  it("keeps the two set-up commands", () => {
    expect(README).toContain("npm install && npm run demo");
    expect(README).toContain("npm install && npm test");
  });

  it("runs the demo it promises: allowed and blocked calls, audit rows naming the rule", () => {
    const r = spawnSync(process.execPath, [join(POLICIES, "..", "scripts", "demo.js")], {
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ALLOWED {2}echo\(/m);
    expect(r.stdout).toMatch(/^BLOCKED {2}get-env\(/m);
    expect(r.stdout).toMatch(/tools\/call echo: allow \(rule principals\.developer\.tools\[0\]/);
    expect(r.stdout).toMatch(/tools\/call get-env: deny \(policy: /);
  });

  it("names our package in every npx line that runs mcp-aegis", () => {
    // `npx [flags] mcp-aegis`: without --package=mcp-aegis-shim it runs an unrelated package.
    const runs = [...README.matchAll(/\bnpx((?:\s+-[^\s`]+)*)\s+mcp-aegis(?!-shim)\b.*$/gm)];
    expect(runs.length).toBeGreaterThanOrEqual(4);
    for (const m of runs.filter((m) => !m[0].includes("would fetch the unrelated package")))
      expect(m[1]).toContain("--package=mcp-aegis-shim");
  });

  const yamlBlocks = blocks.filter((b) => b.lang === "yaml");
  it.each(yamlBlocks.map((b, i) => [i, b.text.split("\n")[0], b.text] as const))(
    "YAML example %i (%s) passes check",
    (i, _first, text) => {
      const doc = parseYaml(text) as Record<string, unknown>;
      // A fragment (a sanitizer: or inspection: section) is checked inside a minimal policy.
      const full = "version" in doc ? text : stringify({ version: "1", principals: {}, ...doc });
      const file = join(dir.path, `example-${i}.yaml`);
      writeFileSync(file, full);
      const r = check(file);
      expect(r.result.ok).toBe(true);
      expect(r.status).toBe(0);
    },
  );

  it("shows configs for Claude Desktop, Cursor, Claude Code and a checkout", () => {
    expect(entries.map((e) => e.entry.command).sort()).toEqual(["mcp-aegis", "node", "npx", "npx"]);
  });

  it.each(entries.map((e) => [e.where, e.entry] as const))(
    "%s: through the built CLI, the named principal sees and reads files",
    async (_where, entry) => {
      const c = await connect(runnable(entry.command, entry.args));
      try {
        const { tools } = await c.client.listTools();
        const names = tools.map((t) => t.name);
        expect(names.length).toBeGreaterThanOrEqual(1);
        expect(names).toContain("read_text_file");
        // What the policy's comment promises: no rule names write_file, so it is hidden.
        expect(names).not.toContain("write_file");
        const read = await c.client.callTool({
          name: "read_text_file",
          arguments: { path: join(folder, "notes.txt") },
        });
        expect(read.isError).toBeFalsy();
        expect(JSON.stringify(read.content)).toContain("hello");
      } finally {
        await c.close();
      }
    },
  );
});
