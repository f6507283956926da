import { foldSchemeAndAuthority } from "../uri/resource-uri.js";
import { re2 } from "./re2.js";

/** A compiled name or URI pattern. */
export interface CompiledPattern {
  readonly source: string;
  /** The pattern names `<server>:<tool>` rather than a bare tool name. */
  readonly namespaced: boolean;
  /** Exact names need no matching: they are looked up. */
  readonly exact: boolean;
  /** The literal text before the first wildcard: the index key. */
  readonly prefix: string;
  matches(name: string): boolean;
}

/**
 * Compiles a glob with `*` as the only wildcard (tool and prompt names). Matching walks
 * the literal pieces with indexOf (greedy left to right, which is exact for `*`-only
 * globs), so it is linear-time and cannot backtrack; `.`, `-`, `_`, `:` and every other
 * character are literal, and matching is case-sensitive.
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
  return { source, namespaced, exact, prefix: first, matches };
}

/**
 * Compiles a resource URI glob: `*` matches within one path segment (no `/`), `**`
 * across segments, and a trailing `/**` also matches the directory itself. The scheme
 * and authority compare case-insensitively (they are lower-cased on both sides); the
 * rest is case-sensitive. Matching runs on RE2 (linear time). The pattern is matched
 * against the normalised URI (see normalizeUri).
 *
 * @example compileUriPattern("file:///workspace/**").matches("file:///workspace/a/b") // true
 */
export function compileUriPattern(raw: string): CompiledPattern {
  const source = foldSchemeAndAuthority(raw);
  const star = source.indexOf("*");
  if (star === -1) {
    return {
      source,
      namespaced: false,
      exact: true,
      prefix: source,
      matches: (uri) => uri === source,
    };
  }
  let body = source;
  let tail = "";
  if (body.endsWith("/**")) {
    body = body.slice(0, -3);
    tail = "(?:/.*)?";
  }
  const RE2 = re2();
  const regex = body
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]*" : part && RE2.quote(part)))
    .join("");
  const re = RE2.compile(`${regex}${tail}`, RE2.DOTALL);
  return {
    source,
    namespaced: false,
    exact: false,
    // A trailing `/**` also matches the directory itself, so the key stops before it.
    prefix: source.slice(0, Math.min(star, body.length)),
    matches: (uri) => re.testExact(uri),
  };
}
