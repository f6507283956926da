import { z } from "zod";

/** Edit distance (insert, delete, substitute, swap of neighbours), as commander's suggestions use. */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      const prev = d[i - 1] as number[];
      row[j] = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/** The candidate closest to `word`, if it is close enough to be a typo (≤ 40 % edits). */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const dist = distance(word.toLowerCase(), c.toLowerCase());
    if (dist < bestDistance) [best, bestDistance] = [c, dist];
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length * 0.4))
    ? best
    : undefined;
}

/** Every object key the schema knows, at any depth: the vocabulary of "did you mean". */
export function schemaKeys(schema: z.ZodType): Set<string> {
  const keys = new Set<string>();
  const seen = new Set<z.ZodType>();
  const walk = (s: unknown): void => {
    if (!(s instanceof z.ZodType) || seen.has(s)) return;
    seen.add(s);
    const def = s.def as unknown as Record<string, unknown>;
    if (s instanceof z.ZodObject) {
      for (const [k, v] of Object.entries(s.shape)) {
        keys.add(k);
        walk(v);
      }
    }
    // Wrappers and containers: optional, default, pipe, array, record, union, lazy…
    for (const field of ["innerType", "in", "out", "element", "valueType", "getter"]) {
      const inner = def[field];
      walk(typeof inner === "function" && field === "getter" ? (inner as () => unknown)() : inner);
    }
    const options = def.options;
    if (Array.isArray(options)) for (const o of options) walk(o);
  };
  walk(schema);
  return keys;
}
