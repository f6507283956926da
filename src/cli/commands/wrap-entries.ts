import {
  applyEdits,
  type FormattingOptions,
  findNodeAtLocation,
  getNodeValue,
  type JSONPath,
  modify,
  type Node,
  type ParseError,
  parseTree,
  printParseErrorCode,
} from "jsonc-parser";

/** How the shim is started: this installation by absolute path, or through npx. */
export interface Launcher {
  command: string;
  args: string[];
}

export interface WrapOptions {
  launcher: Launcher;
  /** Absolute path of the policy file. */
  policy: string;
  principal?: string;
  roles?: string[];
  /** Absolute path of the audit log the shim appends to. */
  auditLog?: string;
  /** Entry names to wrap; undefined: every stdio entry. */
  servers?: readonly string[];
}

/** What wrap did to one entry: its text before and after, to undo it byte for byte. */
export interface WrapRecord {
  path: (string | number)[];
  original: string;
  wrapped: string;
}

export interface EditResult {
  text: string;
  records: WrapRecord[];
  /** One line per entry left alone, and why. */
  notes: string[];
  /** Names of the entries changed. */
  changed: string[];
}

/** The config is not JSON (with comments) that we can edit safely. */
export class ConfigParseError extends Error {
  override readonly name = "ConfigParseError";
}

/** Where clients keep their server maps: Claude Desktop, Cursor, Windsurf, Claude Code, VS Code. */
const MAP_PATHS: JSONPath[] = [["mcpServers"], ["servers"], ["mcp", "servers"], ["mcp.servers"]];

interface Entry {
  name: string;
  path: (string | number)[];
  node: Node;
  value: Record<string, unknown>;
}

function parse(text: string, file: string): Node | undefined {
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (errors.length > 0) {
    const e = errors[0] as ParseError;
    const line = text.slice(0, e.offset).split("\n").length;
    throw new ConfigParseError(
      `${file}:${line}: ${printParseErrorCode(e.error)}; the file is left unchanged`,
    );
  }
  return root;
}

/** Every server entry of every known map, Claude Code's per-project maps included. */
function entries(root: Node | undefined): Entry[] {
  if (root === undefined || root.type !== "object") return [];
  const maps: JSONPath[] = [...MAP_PATHS];
  const projects = findNodeAtLocation(root, ["projects"]);
  for (const p of projects?.type === "object" ? (projects.children ?? []) : []) {
    const key = p.children?.[0]?.value;
    if (typeof key === "string") maps.push(["projects", key, "mcpServers"]);
  }
  const out: Entry[] = [];
  for (const mapPath of maps) {
    const map = findNodeAtLocation(root, mapPath);
    if (map?.type !== "object") continue;
    for (const prop of map.children ?? []) {
      const [k, v] = prop.children ?? [];
      if (typeof k?.value !== "string" || v?.type !== "object") continue;
      out.push({
        name: k.value,
        path: [...(mapPath as (string | number)[]), k.value],
        node: v,
        value: getNodeValue(v) as Record<string, unknown>,
      });
    }
  }
  return out;
}

const SHIM_SCRIPT = /(^|[/\\])mcp-aegis(\.js|\.cmd)?$/;

/** An entry already running through the shim (either launcher form). */
export function isWrapped(value: Record<string, unknown>): boolean {
  const args = Array.isArray(value.args) ? value.args.map(String) : [];
  if (!args.includes("--policy") || !args.includes("--")) return false;
  const head = args.slice(0, args.indexOf("--policy"));
  return (
    SHIM_SCRIPT.test(String(value.command)) ||
    head.some((a) => SHIM_SCRIPT.test(a) || a === "--package=mcp-aegis-shim")
  );
}

/** Indentation and line ends as the file already has them. */
function formatting(text: string): FormattingOptions {
  const indent = text.match(/\n([ \t]+)"/)?.[1] ?? "  ";
  return {
    insertSpaces: !indent.startsWith("\t"),
    tabSize: indent.startsWith("\t") ? 1 : indent.length,
    eol: text.includes("\r\n") ? "\r\n" : "\n",
  };
}

/**
 * Sets an entry's command and args with jsonc-parser's modify: only those two values are
 * rewritten; every other field, comment and byte of the file stays as it was.
 */
function setCommand(text: string, path: JSONPath, command: string, args: string[]): string {
  const formattingOptions = formatting(text);
  const edits = [...modify(text, [...path, "command"], command, { formattingOptions })];
  const next = applyEdits(text, edits);
  return applyEdits(next, modify(next, [...path, "args"], args, { formattingOptions }));
}

function entryText(text: string, e: Entry): string {
  return text.slice(e.node.offset, e.node.offset + e.node.length);
}

function reFind(text: string, file: string, path: (string | number)[]): Entry | undefined {
  return entries(parse(text, file)).find((x) => JSON.stringify(x.path) === JSON.stringify(path));
}

/** The shim's arguments in front of the entry's own command and args. */
function shimArgs(v: Record<string, unknown>, o: WrapOptions): string[] {
  return [
    ...o.launcher.args,
    "--policy",
    o.policy,
    ...(o.principal !== undefined ? ["--principal", o.principal] : []),
    ...(o.roles !== undefined && o.roles.length > 0 ? ["--roles", o.roles.join(",")] : []),
    ...(o.auditLog !== undefined ? ["--audit-log", o.auditLog] : []),
    "--",
    String(v.command),
    ...(Array.isArray(v.args) ? v.args.map(String) : []),
  ];
}

/** Rewrites the chosen stdio entries of a client config to run through the shim. */
export function wrapConfigText(text: string, file: string, o: WrapOptions): EditResult {
  const result: EditResult = { text, records: [], notes: [], changed: [] };
  const all = entries(parse(text, file));
  for (const wanted of o.servers ?? [])
    if (!all.some((e) => e.name === wanted))
      result.notes.push(`${wanted}: no such server in ${file}`);
  for (const first of all) {
    if (o.servers !== undefined && !o.servers.includes(first.name)) continue;
    const e = reFind(result.text, file, first.path) as Entry;
    if (typeof e.value.command !== "string") {
      const remote = "url" in e.value || "serverUrl" in e.value;
      result.notes.push(
        `${e.name}: skipped (${remote ? "an HTTP/SSE server (url): the shim wraps stdio servers" : "no command"})`,
      );
      continue;
    }
    if (isWrapped(e.value)) {
      result.notes.push(`${e.name}: already runs through mcp-aegis; left as it is`);
      continue;
    }
    const original = entryText(result.text, e);
    result.text = setCommand(result.text, e.path, o.launcher.command, shimArgs(e.value, o));
    const after = reFind(result.text, file, e.path) as Entry;
    result.records.push({ path: e.path, original, wrapped: entryText(result.text, after) });
    result.changed.push(e.name);
  }
  return result;
}

/**
 * Undoes wrap. An entry whose text is still what wrap wrote gets its original bytes back;
 * one edited since (or without a record) gets the command after the shim's `--` back,
 * its other fields as they are now.
 */
export function unwrapConfigText(
  text: string,
  file: string,
  records: readonly WrapRecord[],
  servers?: readonly string[],
): EditResult {
  const result: EditResult = { text, records: [], notes: [], changed: [] };
  for (const first of entries(parse(text, file))) {
    if (servers !== undefined && !servers.includes(first.name)) continue;
    const e = reFind(result.text, file, first.path) as Entry;
    if (!isWrapped(e.value)) continue;
    const rec = records.find((r) => JSON.stringify(r.path) === JSON.stringify(e.path));
    if (rec !== undefined && rec.wrapped === entryText(result.text, e)) {
      result.text = applyEdits(result.text, [
        { offset: e.node.offset, length: e.node.length, content: rec.original },
      ]);
    } else {
      const args = (e.value.args as unknown[]).map(String);
      const rest = args.slice(args.indexOf("--") + 1);
      result.text = setCommand(result.text, e.path, String(rest[0]), rest.slice(1));
      result.notes.push(
        `${e.name}: edited since it was wrapped; restored its command and args (other fields as they are now)`,
      );
    }
    if (rec !== undefined) result.records.push(rec);
    result.changed.push(e.name);
  }
  return result;
}
