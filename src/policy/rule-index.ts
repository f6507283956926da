import type { CompiledPattern } from "./pattern.js";

interface Node<T> {
  readonly next: Map<string, Node<T>>;
  readonly items: Array<{ pattern: CompiledPattern; item: T }>;
}

function node<T>(): Node<T> {
  return { next: new Map(), items: [] };
}

/**
 * Finds the rules whose pattern matches a name without testing every rule: exact
 * patterns sit in a Map, wildcard patterns in a trie keyed by their literal prefix, so
 * a lookup costs one Map get plus a walk down the name and only the wildcard patterns
 * whose prefix the name starts with are tested. A policy of 1,000 rules costs the same
 * per call as one of 10 unless its patterns share prefixes with the name.
 */
export class RuleIndex<T> {
  readonly #exact = new Map<string, T[]>();
  readonly #root: Node<T> = node();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  add(pattern: CompiledPattern, item: T): void {
    this.#size += 1;
    if (pattern.exact) {
      const list = this.#exact.get(pattern.source);
      if (list) list.push(item);
      else this.#exact.set(pattern.source, [item]);
      return;
    }
    let n = this.#root;
    // Code units, not code points: lookup walks the name the same way.
    for (let i = 0; i < pattern.prefix.length; i++) {
      const ch = pattern.prefix[i] as string;
      let child = n.next.get(ch);
      if (!child) {
        child = node();
        n.next.set(ch, child);
      }
      n = child;
    }
    n.items.push({ pattern, item });
  }

  /** Every item whose pattern matches `name`, in the order they were added per bucket. */
  lookup(name: string): T[] {
    const out: T[] = [];
    const exact = this.#exact.get(name);
    if (exact) out.push(...exact);
    let n: Node<T> | undefined = this.#root;
    let i = 0;
    while (n) {
      for (const { pattern, item } of n.items) if (pattern.matches(name)) out.push(item);
      if (i >= name.length) break;
      n = n.next.get(name[i] as string);
      i += 1;
    }
    return out;
  }
}
