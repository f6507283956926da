import type { SyntaxTree, SyntaxNode as WasmNode } from "./parser.js";
import { copyTree, type ShellNode as SyntaxNode } from "./tree.js";
import { literalWord, readWord, type Word } from "./words.js";

/** Deeper syntax trees are refused (`shell.limit`): nesting is how parsers are exhausted. */
export const MAX_AST_DEPTH = 256;

export interface Redirect {
  /** `>`, `>>`, `<`, `<>`, `>&`, `&>`, `&>>`, `>|`, `<&`, `<<`, `<<<`. */
  readonly op: string;
  readonly fd: string | undefined;
  readonly target: Word | undefined;
  /** A here-document's text, as written (`cat > f <<EOF … EOF`). */
  readonly body?: string;
}

/** One simple command as the shell would run it, before wrapper resolution. */
export interface SimpleCommand {
  readonly words: readonly Word[];
  readonly assigns: ReadonlyArray<{ name: string; value: Word | undefined }>;
  /** Redirections of this command and of the statements enclosing it. */
  readonly redirects: readonly Redirect[];
  /** Source text of the command (arguments, substitutions and all). */
  readonly raw: string;
}

/** A pipeline: for each stage, the simple commands run inside it (a stage can be a subshell). */
export interface Pipeline {
  readonly stages: ReadonlyArray<readonly SimpleCommand[]>;
  readonly raw: string;
}

export interface FunctionDef {
  readonly name: string;
  readonly body: Script;
}

/** What one command line contains, flattened from its syntax tree. */
export interface Script {
  readonly commands: readonly SimpleCommand[];
  readonly pipelines: readonly Pipeline[];
  readonly functions: readonly FunctionDef[];
  /** Every redirection anywhere (also those of compound statements). */
  readonly redirects: readonly Redirect[];
  /** Every parameter expanded anywhere (`IFS`, `HOME`). */
  readonly vars: readonly string[];
  /** Every assignment anywhere, also a statement of its own (`x=$'\x72\x6d'; $x`). */
  readonly assigns: ReadonlyArray<{ name: string; value: Word | undefined }>;
}

export type ReadResult =
  | { ok: true; script: Script }
  | { ok: false; problem: "syntax" | "depth"; excerpt: string };

const WORD_TYPES = new Set([
  "word",
  "string",
  "raw_string",
  "ansi_c_string",
  "translated_string",
  "concatenation",
  "simple_expansion",
  "expansion",
  "number",
  "command_substitution",
  "process_substitution",
  "arithmetic_expansion",
  "brace_expression",
]);

function readRedirect(n: SyntaxNode): Redirect {
  let op = "";
  let fd: string | undefined;
  let target: Word | undefined;
  let body: string | undefined;
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i) as SyntaxNode;
    const field = n.fieldNameForChild(i);
    if (field === "descriptor") fd = c.text;
    else if (!c.isNamed && !op) op = c.type;
    else if (field === "destination" && target === undefined) target = readWord(c);
    else if (c.type === "heredoc_start") target = readWord(c);
    else if (c.type === "heredoc_body") body = c.text;
  }
  if (n.type === "herestring_redirect" && !op) op = "<<<";
  // A here-string's word has no field name: it is the last named child.
  if (n.type === "herestring_redirect" && target === undefined && n.namedChildCount > 0)
    target = readWord(n.namedChild(n.namedChildCount - 1) as SyntaxNode);
  return body === undefined ? { op, fd, target } : { op, fd, target, body };
}

function redirectsOf(stmt: SyntaxNode): Redirect[] {
  const out: Redirect[] = [];
  for (const r of stmt.childrenForFieldName("redirect")) {
    if (!r) continue;
    out.push(readRedirect(r));
    // tree-sitter-bash nests `> file` after a here-doc start inside the heredoc_redirect
    for (const inner of r.childrenForFieldName("redirect"))
      if (inner) out.push(readRedirect(inner));
  }
  return out;
}

function readCommand(n: SyntaxNode, inherited: readonly Redirect[]): SimpleCommand {
  const words: Word[] = [];
  const assigns: Array<{ name: string; value: Word | undefined }> = [];
  const redirects = [...inherited];
  for (let i = 0; i < n.namedChildCount; i++) {
    const c = n.namedChild(i) as SyntaxNode;
    if (c.type === "command_name") {
      const w = c.namedChild(0);
      if (w) words.push(readWord(w));
    } else if (c.type === "variable_assignment") {
      const v = c.childForFieldName("value");
      assigns.push({
        name: c.childForFieldName("name")?.text ?? "",
        value: v ? readWord(v) : undefined,
      });
    } else if (c.type.endsWith("_redirect")) redirects.push(readRedirect(c));
    else if (WORD_TYPES.has(c.type)) words.push(readWord(c));
  }
  return { words, assigns, redirects, raw: n.text };
}

/** `export A=$(x)`, `local`, `declare`, `unset`: their assignments and words as a command. */
function readDeclaration(n: SyntaxNode, inherited: readonly Redirect[]): SimpleCommand {
  const first = n.child(0);
  const words: Word[] = [literalWord(first?.text ?? "")];
  const assigns: Array<{ name: string; value: Word | undefined }> = [];
  for (let i = 0; i < n.namedChildCount; i++) {
    const c = n.namedChild(i) as SyntaxNode;
    if (c.type === "variable_assignment") {
      const v = c.childForFieldName("value");
      assigns.push({
        name: c.childForFieldName("name")?.text ?? "",
        value: v ? readWord(v) : undefined,
      });
    } else if (WORD_TYPES.has(c.type)) words.push(readWord(c));
    else if (c.type === "variable_name") words.push(literalWord(c.text)); // `unset NAME`
  }
  return { words, assigns, redirects: [...inherited], raw: n.text };
}

interface Frame {
  node: SyntaxNode;
  depth: number;
  redirects: readonly Redirect[];
  /** Where simple commands found under this node are also collected (pipeline stages). */
  sinks: SimpleCommand[][];
}

/**
 * Flattens a parsed command line: every simple command at any nesting (lists, pipelines,
 * subshells, `$(…)`, `<(…)`, loops, conditionals, function bodies), iteratively and bounded
 * in depth. Any ERROR or MISSING node makes the line unreadable: an error-recovered tree is
 * a guess at what the shell would run, and guessing fails open.
 */
export function readScript(tree: SyntaxTree, source: string): ReadResult {
  const root = tree.rootNode;
  if (root.hasError) {
    const bad = root.descendantsOfType("ERROR")[0] ?? findMissing(root);
    return { ok: false, problem: "syntax", excerpt: (bad ?? root).text.slice(0, 80) };
  }
  return readNode(copyTree(root, source));
}

/** A command whose name is the reserved word `time` (optionally `time -p`). */
function isTimeWord(n: SyntaxNode): boolean {
  return n.childForFieldName("name")?.text === "time";
}

function findMissing(root: WasmNode): WasmNode | undefined {
  const stack = [root];
  while (stack.length) {
    const n = stack.pop() as WasmNode;
    if (n.isMissing) return n.parent ?? n;
    for (let i = 0; i < n.childCount; i++) stack.push(n.child(i) as WasmNode);
  }
  return undefined;
}

function readNode(root: SyntaxNode): ReadResult {
  const commands: SimpleCommand[] = [];
  const pipelines: Pipeline[] = [];
  const functions: FunctionDef[] = [];
  const allRedirects: Redirect[] = [];
  const vars: string[] = [];
  const assigns: Array<{ name: string; value: Word | undefined }> = [];
  const stack: Frame[] = [{ node: root, depth: 0, redirects: [], sinks: [] }];
  while (stack.length) {
    const f = stack.pop() as Frame;
    const n = f.node;
    if (f.depth > MAX_AST_DEPTH)
      return { ok: false, problem: "depth", excerpt: n.text.slice(0, 80) };
    let redirects = f.redirects;
    let sinks = f.sinks;
    switch (n.type) {
      case "redirected_statement": {
        const own = redirectsOf(n);
        allRedirects.push(...own);
        redirects = [...redirects, ...own];
        const body = n.childForFieldName("body");
        if (body) stack.push({ node: body, depth: f.depth + 1, redirects, sinks });
        continue;
      }
      case "command":
      case "declaration_command":
      case "unset_command": {
        // tree-sitter-bash accepts `name (…)` as a command with a subshell argument; bash
        // refuses it ("syntax error near unexpected token"), so the line is no command —
        // except after the reserved word `time` (`time ( npm test )`), which bash accepts.
        const sub =
          n.type === "command" ? n.namedChildren.find((c) => c?.type === "subshell") : null;
        if (sub && !isTimeWord(n))
          return { ok: false, problem: "syntax", excerpt: n.text.slice(0, 80) };
        const cmd =
          n.type === "command" ? readCommand(n, redirects) : readDeclaration(n, redirects);
        for (const r of cmd.redirects) if (!redirects.includes(r)) allRedirects.push(r);
        commands.push(cmd);
        for (const s of sinks) s.push(cmd);
        break; // its substitutions are walked below
      }
      case "function_definition": {
        const body = n.childForFieldName("body");
        const inner = body ? readNode(body) : undefined;
        if (inner && !inner.ok) return inner;
        if (inner?.ok)
          functions.push({ name: n.childForFieldName("name")?.text ?? "", body: inner.script });
        break; // the body is walked below as well, so its commands are judged
      }
      case "pipeline": {
        const stages: SimpleCommand[][] = [];
        for (let i = 0; i < n.namedChildCount; i++) stages.push([]);
        for (let i = n.namedChildCount - 1; i >= 0; i--) {
          const stage = stages[i] as SimpleCommand[];
          stack.push({
            node: n.namedChild(i) as SyntaxNode,
            depth: f.depth + 1,
            redirects,
            sinks: [...sinks, stage],
          });
        }
        pipelines.push({ stages, raw: n.text });
        continue;
      }
      case "simple_expansion":
      case "expansion": {
        const name = n.descendantsOfType(["variable_name", "special_variable_name"])[0];
        vars.push(name ? name.text : n.text);
        break;
      }
      case "variable_assignment": {
        const v = n.childForFieldName("value");
        assigns.push({
          name: n.childForFieldName("name")?.text ?? "",
          value: v ? readWord(v) : undefined,
        });
        break;
      }
      case "command_substitution":
      case "process_substitution":
        // what runs inside is a separate command, not a stage of the enclosing pipeline
        sinks = [];
        redirects = [];
        break;
    }
    for (let i = n.namedChildCount - 1; i >= 0; i--) {
      const c = n.namedChild(i) as SyntaxNode;
      stack.push({ node: c, depth: f.depth + 1, redirects, sinks });
    }
  }
  return {
    ok: true,
    script: { commands, pipelines, functions, redirects: allRedirects, vars, assigns },
  };
}
