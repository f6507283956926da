import type { ShellNode as SyntaxNode } from "./tree.js";

/** One shell word: its literal value when the shell would not expand anything in it. */
export interface Word {
  /** The value after quote removal, or undefined when it depends on an expansion. */
  readonly text: string | undefined;
  /** The source text, quotes and all. */
  readonly raw: string;
  /** Holds `$(…)`, backticks, `<(…)` or `$((…))`. */
  readonly subst: boolean;
  /** Names of the parameters it expands (`IFS`, `HOME`, `1`). */
  readonly vars: readonly string[];
  /** Holds `$'…'` with a hex, octal or Unicode escape. */
  readonly escaped: boolean;
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  n: "\n",
  t: "\t",
  r: "\r",
  a: "\x07",
  b: "\b",
  e: "\x1b",
  E: "\x1b",
  f: "\f",
  v: "\v",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
};

/** Decodes the body of `$'…'` as bash does; `escaped` when a numeric escape occurs. */
function decodeAnsiC(body: string): { text: string; escaped: boolean } {
  let out = "";
  let escaped = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== "\\" || i + 1 >= body.length) {
      out += c;
      continue;
    }
    const n = body[++i] as string;
    const hex = (max: number) => {
      let j = i + 1;
      while (j < body.length && j <= i + max && /[0-9a-f]/i.test(body[j] as string)) j++;
      const digits = body.slice(i + 1, j);
      i = j - 1;
      return digits;
    };
    if (n === "x" || n === "u" || n === "U") {
      const d = hex(n === "x" ? 2 : n === "u" ? 4 : 8);
      if (d) {
        out += String.fromCodePoint(Math.min(Number.parseInt(d, 16), 0x10ffff));
        escaped = true;
      } else out += `\\${n}`;
    } else if (n >= "0" && n <= "7") {
      let j = i;
      while (
        j < body.length &&
        j < i + 3 &&
        (body[j] as string) >= "0" &&
        (body[j] as string) <= "7"
      )
        j++;
      out += String.fromCharCode(Number.parseInt(body.slice(i, j), 8) & 0xff);
      i = j - 1;
      escaped = true;
    } else if (n === "c" && i + 1 < body.length) {
      out += String.fromCharCode((body.charCodeAt(++i) as number) & 0x1f);
    } else out += SIMPLE_ESCAPES[n] ?? `\\${n}`;
  }
  return { text: out, escaped };
}

/** Backslash removal outside quotes: `\r\m` is `rm`, a trailing backslash-newline joins. */
function unescapeBare(s: string): string {
  if (!s.includes("\\")) return s;
  return s.replace(/\\(\n|.)/gs, (_m, c: string) => (c === "\n" ? "" : c));
}

/** Inside double quotes only `\$ \` \" \\` and backslash-newline are escapes. */
function unescapeDouble(s: string): string {
  if (!s.includes("\\")) return s;
  return s.replace(/\\([$`"\\\n])/g, (_m, c: string) => (c === "\n" ? "" : c));
}

const DYNAMIC_TYPES = new Set([
  "command_substitution",
  "process_substitution",
  "arithmetic_expansion",
]);

/**
 * Reads a word node (word, string, raw_string, ansi_c_string, concatenation, expansions)
 * into a Word, iteratively over its parts.
 */
export function readWord(node: SyntaxNode): Word {
  let text: string | undefined = "";
  let subst = false;
  let escaped = false;
  const vars: string[] = [];
  const stack: SyntaxNode[] = [node];
  // Parts in source order: children are pushed in reverse.
  while (stack.length) {
    const n = stack.pop() as SyntaxNode;
    switch (n.type) {
      case "word":
      case "number":
      case "special_variable_name":
        if (text !== undefined) text += unescapeBare(n.text);
        break;
      case "raw_string":
        if (text !== undefined) text += n.text.slice(1, -1);
        break;
      case "string_content":
        if (text !== undefined) text += unescapeDouble(n.text);
        break;
      case "ansi_c_string": {
        const d = decodeAnsiC(n.text.slice(2, -1));
        if (d.escaped) escaped = true;
        if (text !== undefined) text += d.text;
        break;
      }
      case "simple_expansion":
      case "expansion": {
        const name = n.descendantsOfType(["variable_name", "special_variable_name"])[0];
        vars.push(name ? name.text : n.text);
        for (const c of n.descendantsOfType([...DYNAMIC_TYPES])) if (c) subst = true;
        text = undefined;
        break;
      }
      case "string":
      case "translated_string":
      case "concatenation":
        for (let i = n.namedChildCount - 1; i >= 0; i--) {
          const c = n.namedChild(i);
          if (c) stack.push(c);
        }
        break;
      default:
        if (DYNAMIC_TYPES.has(n.type)) subst = true;
        else if (n.type !== "brace_expression" && n.descendantsOfType([...DYNAMIC_TYPES]).length)
          subst = true;
        // brace expressions and globs keep their source spelling
        if (text !== undefined && (n.type === "brace_expression" || n.type === "glob"))
          text += n.text;
        else text = undefined;
    }
  }
  return { text, raw: node.text, subst, vars, escaped };
}

/** A Word for a literal string (argv elements of exec tools, `-c` scripts split by the caller). */
export function literalWord(s: string): Word {
  return { text: s, raw: s, subst: false, vars: [], escaped: false };
}
