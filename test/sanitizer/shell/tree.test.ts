import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  loadShellParser,
  parseShell,
  type SyntaxNode,
  type SyntaxTree,
} from "../../../src/sanitizer/shell/parser.js";
import { copyTree, type ShellNode, TYPES_WITH_FIELDS } from "../../../src/sanitizer/shell/tree.js";

/**
 * The copied tree must answer exactly as web-tree-sitter's own nodes do: the readers in
 * ast.ts and words.ts moved from one to the other, and every verdict rests on them.
 */
function compare(w: SyntaxNode, c: ShellNode, path: string): string | undefined {
  const at = `${path}/${w.type}`;
  if (c.type !== w.type) return `${at}: type ${c.type}`;
  if (c.isNamed !== w.isNamed) return `${at}: isNamed`;
  if (c.text !== w.text) return `${at}: text ${JSON.stringify(c.text)}`;
  if (c.childCount !== w.childCount) return `${at}: childCount ${c.childCount}`;
  if (c.namedChildCount !== w.namedChildCount) return `${at}: namedChildCount`;
  for (let i = 0; i < w.childCount; i++) {
    if (c.fieldNameForChild(i) !== w.fieldNameForChild(i)) return `${at}[${i}]: field`;
    const bad = compare(w.child(i) as SyntaxNode, c.child(i) as ShellNode, `${at}[${i}]`);
    if (bad) return bad;
  }
  for (const field of ["name", "value", "body", "redirect", "argument", "descriptor"]) {
    const wf = w.childrenForFieldName(field).map((n) => n?.startIndex);
    const cf = c.childrenForFieldName(field).map((n) => n.startIndex);
    if (JSON.stringify(wf) !== JSON.stringify(cf)) return `${at}: field ${field}`;
    if ((w.childForFieldName(field)?.text ?? null) !== (c.childForFieldName(field)?.text ?? null))
      return `${at}: first ${field}`;
  }
  const types = ["variable_name", "special_variable_name", "command_substitution", "word"];
  const wd = w.descendantsOfType(types).map((n) => `${n?.type}@${n?.startIndex}`);
  const cd = c.descendantsOfType(types).map((n) => `${n.type}@${n.startIndex}`);
  if (JSON.stringify(wd) !== JSON.stringify(cd)) return `${at}: descendantsOfType`;
  return undefined;
}

function check(source: string): string | undefined {
  const parsed = parseShell(source);
  if (!parsed.ok) return undefined;
  const tree: SyntaxTree = parsed.tree;
  try {
    if (tree.rootNode.hasError) return undefined; // copied only when the line is readable
    return compare(tree.rootNode, copyTree(tree.rootNode, source), "");
  } finally {
    tree.delete();
  }
}

/** Every command value of the tuning corpus (attacks and everyday commands alike). */
function corpusCommands(): string[] {
  const file = new URL("../../fixtures/sanitizer-external/tuning.json", import.meta.url);
  const corpus = JSON.parse(readFileSync(file, "utf8")) as {
    cases: Array<{ arguments: Record<string, unknown> }>;
  };
  const out: string[] = [];
  for (const c of corpus.cases)
    for (const [k, v] of Object.entries(c.arguments))
      if (typeof v === "string" && /^(command|cmd|script|shell)$/i.test(k)) out.push(v);
  return out;
}

describe("copyTree: the bash tree copied out of WASM", () => {
  beforeAll(() => loadShellParser());

  it("matches web-tree-sitter node for node on every command of the tuning corpus", () => {
    const commands = corpusCommands();
    expect(commands.length).toBeGreaterThan(300);
    const bad = commands.map((s) => [s, check(s)]).filter(([, b]) => b !== undefined);
    expect(bad).toEqual([]);
  });

  it("matches on constructs with fields, here-docs, non-ASCII text and deep nesting", () => {
    const lines = [
      "cat > f <<EOF\nhello $USER\nEOF\necho done",
      "FOO=1 BAR=$(id) env | grep -E 'é|ü' >> out.txt 2>&1",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell expansion, not a template
      "for f in *.ts; do echo \"$f\" ${f%.ts}; done && export A=$'\\x41' || true",
      "f() { (cd /tmp && ls) | wc -l; }; f <(echo 日本) $((1+2)) `date`",
      `${"$(".repeat(40)}x${")".repeat(40)}`,
      "case $x in a) echo 🚀;; *) :;; esac; [[ -n $x ]] && echo ok",
    ];
    for (const line of lines) expect(check(line), line).toBeUndefined();
  });

  it("matches on random command lines built from shell tokens", () => {
    const token = fc.constantFrom(
      "ls",
      "-la",
      "|",
      "&&",
      ";",
      "$(",
      ")",
      "'a b'",
      '"x $y"',
      "> f",
      "<<<w",
      "ä",
      "`id`",
      "{a,b}",
      "X=1",
      "\n",
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 14 }), (parts) => {
        expect(check(parts.join(" "))).toBeUndefined();
      }),
      { seed: 4242, numRuns: 400 },
    );
  });
});

describe("TYPES_WITH_FIELDS", () => {
  it("is the installed grammar's list of node types that have fields", () => {
    const require = createRequire(import.meta.url);
    const types = require("tree-sitter-bash/src/node-types.json") as Array<{
      type: string;
      fields?: Record<string, unknown>;
    }>;
    const withFields = types.filter((t) => t.fields && Object.keys(t.fields).length > 0);
    expect([...TYPES_WITH_FIELDS].sort()).toEqual(withFields.map((t) => t.type).sort());
  });
});
