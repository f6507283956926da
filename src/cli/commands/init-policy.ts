import type { ServerSurface } from "../../pinning/collect.js";

export interface StarterOptions {
  /** The principal id the entry is keyed by (the shim's `--principal`). */
  principal: string;
  /** Roles the entry also covers (the shim's `--roles`). */
  roles: readonly string[];
  /** What a tool annotated `destructiveHint: true` gets: refused, or a human asked. */
  destructive: "deny" | "ask";
  /** The server command, for the header comment. */
  server: readonly string[];
}

/** How one tool was classified, and the comment that says why. */
export interface ToolChoice {
  name: string;
  kind: "callable" | "visible" | "refused" | "ask";
  why: string;
}

/** Longest text of a description kept in a comment. */
const MAX_COMMENT_CHARS = 72;

/**
 * Server text made safe for a one-line YAML comment: control characters and every
 * Unicode line or paragraph separator become spaces (YAML 1.1 readers break lines at
 * U+0085, U+2028 and U+2029; a server's description must never add a YAML line).
 */
export function commentText(text: string, max = MAX_COMMENT_CHARS): string {
  const flat = text
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function hints(tool: Record<string, unknown>): Record<string, unknown> {
  const a = tool.annotations;
  return a !== null && typeof a === "object" ? (a as Record<string, unknown>) : {};
}

/**
 * The starter choice for one tool, from its annotations. The spec's defaults
 * (readOnlyHint false, destructiveHint true) would refuse every unannotated tool; a tool
 * that declares nothing is shown but not callable instead, so the user sees what exists.
 */
export function classifyTool(
  tool: Record<string, unknown>,
  destructive: "deny" | "ask",
): ToolChoice {
  const name = String(tool.name);
  const h = hints(tool);
  if (h.readOnlyHint === true)
    return { name, kind: "callable", why: "readOnlyHint: true → callable" };
  if (h.destructiveHint === true)
    return destructive === "ask"
      ? { name, kind: "ask", why: "destructiveHint: true → each call asks a human (elicitation)" }
      : {
          name,
          kind: "refused",
          why: "destructiveHint: true → hidden and refused (effect: ask would ask a human instead)",
        };
  const declared =
    h.destructiveHint === false ? "destructiveHint: false, no readOnlyHint" : "no readOnlyHint";
  return {
    name,
    kind: "visible",
    why: `${declared} → visible, not callable (add execute to allow calls)`,
  };
}

/** A template's URI as a resource glob: `{x}` → `*`; `{+x}`, `{#x}`, `{/x}` may hold `/` → `**`. */
export function templateGlob(uriTemplate: string): string {
  return uriTemplate.replace(/\{([+#/]?)[^}]*\}/g, (_, op: string) => (op ? "**" : "*"));
}

const q = (s: string) => JSON.stringify(s);

/** A YAML list under `key`; `[]` when every item was left out (an empty key reads as null). */
function list(key: string, lines: string[]): string[] {
  const empty = !lines.some((l) => l.trimStart().startsWith("- "));
  return [`    ${key}:${empty ? " []" : ""}`, ...lines];
}

function describe(item: Record<string, unknown>): string {
  const d = typeof item.description === "string" ? commentText(item.description) : "";
  return d ? ` — ${d}` : "";
}

function toolRules(tools: readonly Record<string, unknown>[], o: StarterOptions): string[] {
  if (tools.length === 0) return ["    tools: [] # the server listed no tools"];
  const out: string[] = [];
  for (const tool of tools) {
    const c = classifyTool(tool, o.destructive);
    // `*` is the only wildcard in a tool pattern: a name holding one cannot be named exactly.
    if (c.name.includes("*")) {
      out.push(`      # ${commentText(c.name)}: left out (its name holds "*", a wildcard here)`);
      continue;
    }
    out.push(`      # ${commentText(c.name)}${describe(tool)}`);
    out.push(`      # ${c.why}`);
    out.push(`      - pattern: ${q(c.name)}`);
    if (c.kind === "callable") out.push("        actions: [read, execute]");
    else if (c.kind === "visible") out.push("        actions: [read]");
    else if (c.kind === "ask") out.push("        actions: [read, execute]", "        effect: ask");
    else out.push("        actions: [read, execute]", "        effect: deny");
  }
  return list("tools", out);
}

function resourceRules(s: ServerSurface): string[] {
  const resources = s.resources ?? [];
  const templates = s.resourceTemplates ?? [];
  if (resources.length + templates.length === 0)
    return [
      `    resources: [] # the server ${s.resources ? "listed none" : "offers no resources"}`,
    ];
  const out: string[] = [];
  for (const r of resources) {
    const uri = String(r.uri);
    if (uri.includes("*")) {
      out.push(`      # ${commentText(uri)}: left out (its URI holds "*", a wildcard here)`);
      continue;
    }
    out.push(`      - pattern: ${q(uri)} #${describe(r).slice(2) || " listed resource"}`);
    out.push("        actions: [read]");
  }
  for (const t of templates) {
    const uri = String(t.uriTemplate);
    out.push(`      # template ${commentText(uri)}${describe(t)}`);
    out.push(`      - pattern: ${q(templateGlob(uri))}`);
    out.push("        actions: [read]");
  }
  return [
    "    # Reading a resource changes nothing on the server: every listed one is readable.",
    ...list("resources", out),
  ];
}

function promptRules(s: ServerSurface): string[] {
  const prompts = s.prompts ?? [];
  if (prompts.length === 0)
    return [`    prompts: [] # the server ${s.prompts ? "listed none" : "offers no prompts"}`];
  const out: string[] = [];
  for (const p of prompts) {
    const name = String(p.name);
    if (name.includes("*")) {
      out.push(`      # ${commentText(name)}: left out (its name holds "*", a wildcard here)`);
      continue;
    }
    out.push(`      - pattern: ${q(name)} #${describe(p).slice(2) || " listed prompt"}`);
    out.push("        actions: [read]");
  }
  return [
    "    # Getting a prompt renders text and runs nothing: every listed one is readable.",
    ...list("prompts", out),
  ];
}

/** How many tools got each choice. */
export function tallyTools(
  tools: readonly Record<string, unknown>[],
  destructive: "deny" | "ask",
): Record<ToolChoice["kind"], number> {
  const counts = { callable: 0, visible: 0, refused: 0, ask: 0 };
  for (const t of tools) counts[classifyTool(t, destructive).kind] += 1;
  return counts;
}

/** The commented starter policy for what the server listed. */
export function renderStarterPolicy(s: ServerSurface, o: StarterOptions): string {
  const counts = tallyTools(s.tools, o.destructive);
  const roles = o.roles.length > 0 ? `[${o.roles.map(q).join(", ")}]` : "[]";
  return [
    "# Starter policy written by `mcp-aegis init` for the server:",
    `#   ${commentText(o.server.join(" "), 200)}`,
    `# Tools: ${counts.callable} callable, ${counts.visible} visible only, ${counts.refused} refused, ${counts.ask} ask.`,
    "#",
    "# Each choice below comes from the annotations the server declared for its tools",
    "# (readOnlyHint, destructiveHint). Annotations are UNTRUSTED HINTS from the server,",
    "# not guarantees: a tool that says it is read-only may still change things. Review",
    "# every rule, then: mcp-aegis check <this file>; mcp-aegis explain --policy <this file>",
    `#   --principal ${o.principal} --tool <name> says which rule decides a call.`,
    'version: "1"',
    "defaults:",
    "  effect: deny # what no rule below names is hidden and refused",
    "  # server_requests unset: sampling and elicitation are refused, roots/list is allowed",
    "",
    "principals:",
    `  # Covers the shim's --principal ${commentText(o.principal)}${o.roles.length ? " and anyone holding one of these roles" : ""}.`,
    `  ${q(o.principal)}:`,
    `    roles: ${roles}`,
    ...toolRules(s.tools, o),
    ...resourceRules(s),
    ...promptRules(s),
    "",
  ].join("\n");
}
