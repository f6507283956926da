/** Characters JSON.stringify writes as more than their UTF-8 bytes (or as escapes). */
const SPECIAL = /["\\\u0000-\u001f\ud800-\udfff]/;

function stringSize(s: string): number {
  // The common case, measured without building the serialized copy: for a 64 MB argument
  // that copy was a quarter of the shim's peak memory.
  if (!SPECIAL.test(s)) return Buffer.byteLength(s, "utf8") + 2;
  return Buffer.byteLength(JSON.stringify(s), "utf8");
}

/**
 * The byte length of `JSON.stringify(value)` for a parsed JSON value, without building the
 * string. Walks with its own stack, so depth cannot overflow the call stack.
 */
export function jsonByteSize(value: unknown): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null) total += 4;
    else if (typeof v === "string") total += stringSize(v);
    else if (typeof v === "number") total += Number.isFinite(v) ? String(v).length : 4;
    else if (typeof v === "boolean") total += v ? 4 : 5;
    else if (Array.isArray(v)) {
      total += 2 + Math.max(0, v.length - 1);
      for (const item of v) stack.push(item === undefined ? null : item);
    } else if (typeof v === "object") {
      const keys = Object.keys(v as object);
      total += 2 + Math.max(0, keys.length - 1);
      for (const k of keys) {
        total += stringSize(k) + 1;
        stack.push((v as Record<string, unknown>)[k]);
      }
    }
  }
  return total;
}
