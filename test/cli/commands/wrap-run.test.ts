import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configLocations } from "../../../src/cli/commands/client-configs.js";
import {
  type Host,
  launcherFor,
  runUnwrap,
  runWrap,
  sidecarOf,
} from "../../../src/cli/commands/wrap-run.js";
import { UsageError } from "../../../src/cli/run.js";
import { tempDir } from "../../e2e/harness.js";

const POLICY = 'version: "1"\nprincipals:\n  local-user:\n    tools: []\n';
const CONFIG = `{
  "mcpServers": {
    "mem": { "command": "npx", "args": ["-y", "@modelcontextprotocol/server-memory"], "env": { "MEMORY_FILE_PATH": "/tmp/m.json" } }
  }
}
`;

describe("wrap and unwrap on disk", () => {
  let dir: ReturnType<typeof tempDir>;
  let host: Host;
  let out: string[];
  const print = (s: string) => out.push(s);
  beforeEach(() => {
    dir = tempDir("aegis-wrap-");
    out = [];
    host = {
      platform: "linux",
      home: join(dir.path, "home"),
      cwd: dir.path,
      execPath: "/usr/bin/node",
      script: "/opt/aegis/bin/mcp-aegis.js",
      now: new Date("2026-12-04T10:00:00Z"),
    };
    mkdirSync(join(host.home, ".cursor"), { recursive: true });
    writeFileSync(join(dir.path, "p.yaml"), POLICY);
  });
  afterEach(() => dir.cleanup());

  it("finds the client's config, backs it up, wraps, and unwrap restores every byte", () => {
    const file = join(host.home, ".cursor", "mcp.json");
    writeFileSync(file, CONFIG, { mode: 0o600 });
    expect(runWrap({ policy: "p.yaml", principal: "developer" }, host, print)).toBe(0);
    const wrapped = readFileSync(file, "utf8");
    expect(wrapped).toContain(`"${join(dir.path, "p.yaml")}"`);
    expect(wrapped).toContain('"MEMORY_FILE_PATH": "/tmp/m.json"');
    const backups = readdirSync(join(host.home, ".cursor")).filter((f) => f.includes("backup"));
    expect(backups).toEqual(["mcp.json.aegis-backup-2026-12-04T10-00-00-000Z"]);
    expect(readFileSync(join(host.home, ".cursor", backups[0] as string), "utf8")).toBe(CONFIG);
    expect(readFileSync(sidecarOf(file), "utf8")).toContain('"original"');

    runUnwrap({}, { ...host, now: new Date("2026-12-04T10:00:01Z") }, print);
    expect(readFileSync(file, "utf8")).toBe(CONFIG);
    expect(() => readFileSync(sidecarOf(file))).toThrow();
  });

  it("--dry-run prints a unified diff and writes nothing", () => {
    const file = join(dir.path, "claude_desktop_config.json");
    writeFileSync(file, CONFIG);
    runWrap({ policy: "p.yaml", config: file, dryRun: true }, host, print);
    expect(out.join("\n")).toMatch(/^-\s+"mem": \{ "command": "npx"/m);
    expect(out.join("\n")).toMatch(/^\+.*"command": "\/usr\/bin\/node"/m);
    expect(readFileSync(file, "utf8")).toBe(CONFIG);
    expect(readdirSync(dir.path).sort()).toEqual(["claude_desktop_config.json", "home", "p.yaml"]);
  });

  it("asks which config when several clients have one, and refuses a bad policy first", () => {
    writeFileSync(join(host.home, ".cursor", "mcp.json"), CONFIG);
    mkdirSync(join(host.home, ".codeium", "windsurf"), { recursive: true });
    writeFileSync(join(host.home, ".codeium", "windsurf", "mcp_config.json"), CONFIG);
    expect(() => runWrap({ policy: "p.yaml" }, host, print)).toThrow(/several client configs/);
    expect(() => runWrap({ policy: "p.yaml", client: "nope" }, host, print)).toThrow(UsageError);
    runWrap({ policy: "p.yaml", client: "windsurf" }, host, print);
    expect(readFileSync(join(host.home, ".cursor", "mcp.json"), "utf8")).toBe(CONFIG);
    writeFileSync(join(dir.path, "bad.yaml"), "version: 2\n");
    expect(() => runWrap({ policy: "bad.yaml", client: "cursor" }, host, print)).toThrow(
      /bad\.yaml/,
    );
    expect(readFileSync(join(host.home, ".cursor", "mcp.json"), "utf8")).toBe(CONFIG);
  });

  it("says where it looked when no config exists", () => {
    expect(() => runWrap({ policy: "p.yaml", client: "vscode" }, host, print)).toThrow(
      /looked in:\n.*Code\/User\/mcp\.json/,
    );
  });
});

describe("per-OS locations and launchers", () => {
  it("Windows: Claude Desktop and VS Code under %APPDATA%, npx.cmd", () => {
    const w = {
      platform: "win32" as const,
      home: "C:\\Users\\me",
      appData: "C:\\Users\\me\\AppData\\Roaming",
      cwd: "C:\\work",
    };
    const files = configLocations(w).map((l) => `${l.client} ${l.file}`);
    expect(files).toContain(
      "claude-desktop C:\\Users\\me\\AppData\\Roaming\\Claude\\claude_desktop_config.json",
    );
    expect(files).toContain("vscode C:\\Users\\me\\AppData\\Roaming\\Code\\User\\mcp.json");
    expect(files).toContain("windsurf C:\\Users\\me\\.codeium\\windsurf\\mcp_config.json");
    expect(files).toContain("vscode C:\\work\\.vscode\\mcp.json");
    const host = {
      ...w,
      execPath: "C:\\node\\node.exe",
      script: "C:\\a\\mcp-aegis.js",
      now: new Date(),
    };
    expect(launcherFor({ npx: true }, host).command).toBe("npx.cmd");
    expect(launcherFor({}, host)).toEqual({
      command: "C:\\node\\node.exe",
      args: ["C:\\a\\mcp-aegis.js"],
    });
  });

  it("macOS: Application Support; Claude Code in ~/.claude.json and .mcp.json", () => {
    const files = configLocations({ platform: "darwin", home: "/Users/me", cwd: "/p" }).map(
      (l) => l.file,
    );
    expect(files).toContain(
      "/Users/me/Library/Application Support/Claude/claude_desktop_config.json",
    );
    expect(files).toContain("/Users/me/.claude.json");
    expect(files).toContain("/p/.mcp.json");
    expect(files).toContain("/Users/me/Library/Application Support/Code/User/settings.json");
  });
});
