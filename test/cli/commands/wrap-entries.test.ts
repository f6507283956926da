import { parse } from "jsonc-parser";
import { describe, expect, it } from "vitest";
import {
  ConfigParseError,
  isWrapped,
  unwrapConfigText,
  type WrapOptions,
  wrapConfigText,
} from "../../../src/cli/commands/wrap-entries.js";

const OPTS: WrapOptions = {
  launcher: { command: "/usr/bin/node", args: ["/opt/aegis/bin/mcp-aegis.js"] },
  policy: "/home/me/policy.yaml",
  principal: "developer",
  roles: ["dev"],
};

type Servers = Record<string, { command?: string; args?: string[]; env?: unknown; cwd?: string }>;

/** Wraps, checks the wrapped entries, wraps again (no change), unwraps (byte for byte). */
function roundTrip(text: string, servers: (doc: unknown) => Servers, o: WrapOptions = OPTS) {
  const wrapped = wrapConfigText(text, "c.json", o);
  const again = wrapConfigText(wrapped.text, "c.json", o);
  expect(again.text).toBe(wrapped.text);
  expect(again.changed).toEqual([]);
  const back = unwrapConfigText(wrapped.text, "c.json", wrapped.records);
  expect(back.text).toBe(text);
  expect(back.notes).toEqual([]);
  return { wrapped, entries: servers(parse(wrapped.text)) };
}

describe("wrap and unwrap per client config shape", () => {
  it("Claude Desktop (mcpServers): env and cwd kept, a url entry skipped", () => {
    const text = `{
  "mcpServers": {
    "fs": {
      "command": "npx",
      "args": ["-y", "@modelcontextprotocol/server-filesystem", "/Users/me/p"],
      "env": { "TOKEN": "t" },
      "cwd": "/tmp"
    },
    "remote": { "url": "https://example.com/mcp" }
  },
  "globalShortcut": "Ctrl+Space"
}
`;
    const { wrapped, entries } = roundTrip(text, (d) => (d as { mcpServers: Servers }).mcpServers);
    expect(wrapped.changed).toEqual(["fs"]);
    expect(wrapped.notes.join("\n")).toMatch(/remote: skipped \(an HTTP\/SSE server/);
    expect(entries.fs).toEqual({
      command: "/usr/bin/node",
      args: [
        "/opt/aegis/bin/mcp-aegis.js",
        ...["--policy", "/home/me/policy.yaml", "--principal", "developer", "--roles", "dev"],
        ...["--", "npx", "-y", "@modelcontextprotocol/server-filesystem", "/Users/me/p"],
      ],
      env: { TOKEN: "t" },
      cwd: "/tmp",
    });
    expect(entries.remote).toEqual({ url: "https://example.com/mcp" });
    expect(wrapped.text).toContain('"globalShortcut": "Ctrl+Space"');
  });

  it("VS Code mcp.json (servers) keeps its comments and trailing commas", () => {
    const text = `// my servers
{
\t"inputs": [],
\t"servers": {
\t\t// the memory server
\t\t"memory": {
\t\t\t"type": "stdio", // stdio
\t\t\t"command": "npx",
\t\t\t"args": ["-y", "@modelcontextprotocol/server-memory"],
\t\t},
\t},
}
`;
    const { wrapped, entries } = roundTrip(text, (d) => (d as { servers: Servers }).servers);
    expect(wrapped.text).toContain("// the memory server");
    expect(wrapped.text).toContain('"type": "stdio", // stdio');
    expect(entries.memory?.args?.slice(-2)).toEqual(["-y", "@modelcontextprotocol/server-memory"]);
  });

  it("VS Code settings.json (mcp.servers), an entry without args", () => {
    const text = `{
    "editor.fontSize": 14,
    "mcp": {
        "servers": {
            "git": { "command": "uvx-git" }
        }
    }
}`;
    const { entries } = roundTrip(text, (d) => (d as { mcp: { servers: Servers } }).mcp.servers);
    expect(entries.git?.args?.slice(-2)).toEqual(["--", "uvx-git"]);
  });

  it("Cursor (mcpServers), only the server asked for", () => {
    const text = `{"mcpServers":{"a":{"command":"a-server"},"b":{"command":"b-server","args":["x"]}}}`;
    const wrapped = wrapConfigText(text, "c.json", { ...OPTS, servers: ["b", "zzz"] });
    expect(wrapped.changed).toEqual(["b"]);
    expect(wrapped.notes).toEqual(["zzz: no such server in c.json"]);
    const doc = parse(wrapped.text) as { mcpServers: Servers };
    expect(doc.mcpServers.a).toEqual({ command: "a-server" });
    expect(isWrapped(doc.mcpServers.b as Record<string, unknown>)).toBe(true);
    expect(unwrapConfigText(wrapped.text, "c.json", wrapped.records).text).toBe(text);
  });

  it("Claude Code ~/.claude.json: the user map and each project's map", () => {
    const text = JSON.stringify(
      {
        numStartups: 3,
        mcpServers: { u: { type: "stdio", command: "u-srv", args: [], env: {} } },
        projects: {
          "/home/me/p": { allowedTools: [], mcpServers: { l: { command: "l-srv", args: ["1"] } } },
        },
      },
      null,
      2,
    );
    const { wrapped } = roundTrip(text, (d) => (d as { mcpServers: Servers }).mcpServers);
    expect(wrapped.changed.sort()).toEqual(["l", "u"]);
    const doc = parse(wrapped.text) as {
      projects: Record<string, { mcpServers: Servers }>;
      numStartups: number;
    };
    expect(doc.projects["/home/me/p"]?.mcpServers.l?.args?.slice(-2)).toEqual(["l-srv", "1"]);
    expect(doc.numStartups).toBe(3);
  });

  it("the npx launcher, Windows style, is recognised as wrapped", () => {
    const text = `{"mcpServers":{"m":{"command":"npx.cmd","args":["-y","srv"]}}}`;
    const o: WrapOptions = {
      launcher: { command: "npx.cmd", args: ["-y", "--package=mcp-aegis-shim", "mcp-aegis"] },
      policy: "C:\\Users\\me\\policy.yaml",
    };
    const { entries } = roundTrip(text, (d) => (d as { mcpServers: Servers }).mcpServers, o);
    expect(entries.m).toEqual({
      command: "npx.cmd",
      args: [
        ...[
          "-y",
          "--package=mcp-aegis-shim",
          "mcp-aegis",
          "--policy",
          "C:\\Users\\me\\policy.yaml",
        ],
        ...["--", "npx.cmd", "-y", "srv"],
      ],
    });
  });

  it("unwrap of an entry edited since (or without a record) restores command and args", () => {
    const text = `{"mcpServers":{"a":{"command":"srv","args":["1"]}}}`;
    const wrapped = wrapConfigText(text, "c.json", OPTS);
    const edited = wrapped.text.replace('"mcpServers"', '"extra": 1, "mcpServers"');
    const viaRecord = unwrapConfigText(edited, "c.json", wrapped.records);
    // Only bytes outside the entry changed: the record still applies.
    expect(viaRecord.text).toBe(text.replace('"mcpServers"', '"extra": 1, "mcpServers"'));
    const noRecord = unwrapConfigText(wrapped.text, "c.json", []);
    expect((parse(noRecord.text) as { mcpServers: Servers }).mcpServers.a).toEqual({
      command: "srv",
      args: ["1"],
    });
    expect(noRecord.notes[0]).toMatch(/edited since it was wrapped/);
  });

  it("refuses a file it cannot parse, naming the line", () => {
    expect(() => wrapConfigText('{\n "mcpServers": {,\n}', "bad.json", OPTS)).toThrow(
      ConfigParseError,
    );
    expect(() => wrapConfigText('{\n "mcpServers": {,\n}', "bad.json", OPTS)).toThrow(
      /bad\.json:2:/,
    );
  });
});
