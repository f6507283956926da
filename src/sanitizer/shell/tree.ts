import type { SyntaxNode } from "./parser.js";

/**
 * One node of a bash syntax tree, copied out of WASM memory. web-tree-sitter answers every
 * `node.type`, `node.child(i)` or `node.text` with a call into WASM that marshals the node
 * through a transfer buffer; reading a command line that way cost more than parsing it.
 * One cursor walk copies the tree once (type, field, range), and the readers in ast.ts and
 * words.ts work on this copy with the same names as web-tree-sitter's Node.
 */
export class ShellNode {
  readonly children: ShellNode[] = [];
  parent: ShellNode | null = null;
  #named: ShellNode[] | undefined;

  constructor(
    readonly type: string,
    readonly isNamed: boolean,
    /** The grammar field this node fills in its parent (`name`, `value`, `redirect`). */
    readonly field: string | null,
    /** Offsets in UTF-16 code units, as web-tree-sitter reports them for string input. */
    readonly startIndex: number,
    readonly endIndex: number,
    readonly source: string,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get childCount(): number {
    return this.children.length;
  }

  child(i: number): ShellNode | null {
    return this.children[i] ?? null;
  }

  get namedChildren(): readonly ShellNode[] {
    this.#named ??= this.children.filter((c) => c.isNamed);
    return this.#named;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  namedChild(i: number): ShellNode | null {
    return this.namedChildren[i] ?? null;
  }

  fieldNameForChild(i: number): string | null {
    return this.children[i]?.field ?? null;
  }

  childForFieldName(name: string): ShellNode | null {
    for (const c of this.children) if (c.field === name) return c;
    return null;
  }

  childrenForFieldName(name: string): ShellNode[] {
    return this.children.filter((c) => c.field === name);
  }

  /** This node and its descendants of the given types, in document order (as tree-sitter). */
  descendantsOfType(types: string | readonly string[]): ShellNode[] {
    const want = typeof types === "string" ? [types] : types;
    const out: ShellNode[] = [];
    const stack: ShellNode[] = [this];
    while (stack.length) {
      const n = stack.pop() as ShellNode;
      if (want.includes(n.type)) out.push(n);
      for (let i = n.children.length - 1; i >= 0; i--) stack.push(n.children[i] as ShellNode);
    }
    return out;
  }
}

/**
 * The node types of tree-sitter-bash whose children may fill a field (its node-types.json;
 * test/sanitizer/shell/tree.test.ts holds the list to the installed grammar). Other nodes'
 * children are not asked for a field: each ask is a call into WASM.
 */
export const TYPES_WITH_FIELDS: ReadonlySet<string> = new Set(
  `binary_expression c_style_for_statement case_item case_statement command command_substitution
  expansion file_redirect for_statement function_definition heredoc_redirect herestring_redirect
  if_statement postfix_expression redirected_statement subscript ternary_expression
  unary_expression variable_assignment while_statement`.split(/\s+/),
);

/** Whether a node type is named, per language (a WASM call the first time only). */
const namedCache = new WeakMap<object, Map<number, boolean>>();

/**
 * Copies a parsed tree (from its root node) out of WASM with one TreeCursor walk,
 * iteratively (a deep tree cannot overflow the stack; depth is bounded later by the reader).
 * `source` is the parsed string.
 * Call it only on a tree without errors: ERROR and MISSING nodes are not marked in the copy.
 */
export function copyTree(root: SyntaxNode, source: string): ShellNode {
  const language = root.tree.language;
  let named = namedCache.get(language);
  if (!named) {
    named = new Map();
    namedCache.set(language, named);
  }
  const types = language.types;
  const fields = language.fields;
  // From the root node the caller holds: tree.walk() would fetch it out of WASM again.
  const cursor = root.walk();
  try {
    const make = (parent: ShellNode | null): ShellNode => {
      const typeId = cursor.nodeTypeId;
      let isNamed = (named as Map<number, boolean>).get(typeId);
      if (isNamed === undefined) {
        isNamed = language.nodeTypeIsNamed(typeId);
        (named as Map<number, boolean>).set(typeId, isNamed);
      }
      const node = new ShellNode(
        types[typeId] ?? "ERROR",
        isNamed,
        parent && TYPES_WITH_FIELDS.has(parent.type)
          ? (fields[cursor.currentFieldId] ?? null)
          : null,
        cursor.startIndex,
        cursor.endIndex,
        source,
      );
      if (parent) {
        node.parent = parent;
        parent.children.push(node);
      }
      return node;
    };
    const top = make(null);
    let at = top;
    // Pre-order: down to the first child, else across to the next sibling, else up.
    for (;;) {
      if (cursor.gotoFirstChild()) {
        at = make(at);
        continue;
      }
      for (;;) {
        if (at === top) return top;
        if (cursor.gotoNextSibling()) {
          at = make(at.parent);
          break;
        }
        cursor.gotoParent();
        at = at.parent as ShellNode;
      }
    }
  } finally {
    cursor.delete();
  }
}
