/** Visits a string at a JSON path; returns the (possibly changed) string. */
export type StringVisitor = (text: string, path: string) => string;

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
  if (typeof value === "string") return visit(value, path);
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v = mapStrings(value[i], visit, `${path}[${i}]`);
      if (v !== value[i]) {
        out ??= value.slice();
        out[i] = v;
      }
    }
    return out ?? value;
  }
  if (typeof value === "object" && value !== null) {
    const obj = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const [k, v] of Object.entries(obj)) {
      if (isBinaryKey(k, obj)) continue;
      const next = mapStrings(v, visit, path === "" ? k : `${path}.${k}`);
      if (next !== v) {
        out ??= { ...obj };
        out[k] = next;
      }
    }
    return out ?? value;
  }
  return value;
}
