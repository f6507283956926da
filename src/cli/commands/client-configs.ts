import { posix, win32 } from "node:path";

/** The MCP clients whose configuration `wrap` knows (sources in docs/clients.md). */
export const CLIENTS = ["claude-desktop", "cursor", "claude-code", "vscode", "windsurf"] as const;
export type ClientName = (typeof CLIENTS)[number];

export interface ConfigLocation {
  client: ClientName;
  /** user: one per user; project: inside the current directory. */
  scope: "user" | "project";
  file: string;
}

export interface Where {
  platform: NodeJS.Platform;
  home: string;
  /** %APPDATA% on Windows. */
  appData?: string;
  cwd: string;
}

/**
 * Where each client keeps its MCP servers, per OS, as documented by each vendor
 * (docs/clients.md lists the sources). Linux has no official Claude Desktop; the
 * community builds use the XDG path given here.
 */
export function configLocations(w: Where): ConfigLocation[] {
  const p = w.platform === "win32" ? win32 : posix;
  const appData = w.appData ?? p.join(w.home, "AppData", "Roaming");
  // The per-user application data directory: Claude Desktop and VS Code keep theirs there.
  const appDir =
    w.platform === "darwin"
      ? p.join(w.home, "Library", "Application Support")
      : w.platform === "win32"
        ? appData
        : p.join(w.home, ".config");
  const user = (client: ClientName, ...parts: string[]): ConfigLocation => ({
    client,
    scope: "user",
    file: p.join(...parts),
  });
  const project = (client: ClientName, ...parts: string[]): ConfigLocation => ({
    client,
    scope: "project",
    file: p.join(w.cwd, ...parts),
  });
  return [
    user("claude-desktop", appDir, "Claude", "claude_desktop_config.json"),
    user("cursor", w.home, ".cursor", "mcp.json"),
    project("cursor", ".cursor", "mcp.json"),
    // ~/.claude.json holds the user scope (mcpServers) and the local scope
    // (projects["<dir>"].mcpServers); .mcp.json in a project is the project scope.
    user("claude-code", w.home, ".claude.json"),
    project("claude-code", ".mcp.json"),
    user("vscode", appDir, "Code", "User", "mcp.json"),
    user("vscode", appDir, "Code", "User", "settings.json"),
    project("vscode", ".vscode", "mcp.json"),
    user("windsurf", w.home, ".codeium", "windsurf", "mcp_config.json"),
  ];
}
