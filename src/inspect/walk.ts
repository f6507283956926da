/**
 * Visits a string; `path()` gives its JSON path. The path is built only when asked for:
 * most strings have no finding, and building every path cost a tenth of the inspection.
 */
export type StringVisitor = (text: string, path: () => string) => string;

/** Binary payloads: base64 never carries text meant for the model. */
function isBinaryKey(key: string, parent: Record<string, unknown>): boolean {
  if (key === "blob") return true;
  return (
    key === "data" &&
    typeof parent.mimeType === "string" &&
    (parent.type === "image" || parent.type === "audio")
  );
}

/**
 * Maps every string in a JSON value (keys excepted, binary payloads skipped). Returns
 * the same reference when nothing changed, so callers can tell cheaply whether to
 * re-serialise. Depth is bounded by the depth check that ran before.
 */
export function mapStrings(value: unknown, visit: StringVisitor, path = ""): unknown {
  // The keys from `value` down to the string being visited.
  const keys: Array<string | number> = [];
  const pathOf = (): string => {
    let p = path;
    for (const k of keys) p = typeof k === "number" ? `${p}[${k}]` : p === "" ? k : `${p}.${k}`;
    return p;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return visit(v, pathOf);
    if (Array.isArray(v)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < v.length; i++) {
        keys.push(i);
        const next = walk(v[i]);
        keys.pop();
        if (next !== v[i]) {
          out ??= v.slice();
          out[i] = next;
        }
      }
      return out ?? v;
    }
    if (typeof v === "object" && v !== null) {
      const obj = v as Record<string, unknown>;
      let out: Record<string, unknown> | undefined;
      for (const k of Object.keys(obj)) {
        if (isBinaryKey(k, obj)) continue;
        const child = obj[k];
        keys.push(k);
        const next = walk(child);
        keys.pop();
        if (next !== child) {
          out ??= { ...obj };
          out[k] = next;
        }
      }
      return out ?? v;
    }
    return v;
  };
  return walk(value);
}
