/** A compiled tool-name pattern: `*` matches any run of characters, all else is literal. */
export interface CompiledPattern {
  readonly source: string;
  /** The pattern names `<server>:<tool>` rather than a bare tool name. */
  readonly namespaced: boolean;
  /** Exact names need no matching: they are looked up. */
  readonly exact: boolean;
  matches(name: string): boolean;
}

/**
 * Compiles a glob with `*` as the only wildcard. Matching walks the literal pieces with
 * indexOf (greedy left to right, which is exact for `*`-only globs), so it is linear-time
 * and cannot backtrack; `.`, `-`, `_` and every other character are literal.
 */
export function compilePattern(source: string): CompiledPattern {
  const pieces = source.split("*");
  const exact = pieces.length === 1;
  const namespaced = source.includes(":");
  const first = pieces[0] as string;
  const last = pieces[pieces.length - 1] as string;
  const middle = pieces.slice(1, -1).filter((p) => p !== "");
  const matches = exact
    ? (name: string) => name === source
    : (name: string) => {
        if (name.length < first.length + last.length) return false;
        if (!name.startsWith(first) || !name.endsWith(last)) return false;
        let pos = first.length;
        const end = name.length - last.length;
        for (const piece of middle) {
          const at = name.indexOf(piece, pos);
          if (at === -1 || at + piece.length > end) return false;
          pos = at + piece.length;
        }
        return true;
      };
  return { source, namespaced, exact, matches };
}
