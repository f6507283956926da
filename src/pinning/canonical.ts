import { createHash } from "node:crypto";

/** The parts of a tool that change what the model is told or may send. */
export const PINNED_FIELDS = [
  "name",
  "title",
  "description",
  "inputSchema",
  "outputSchema",
  "annotations",
] as const;

/** JSON with object keys sorted at every level, so equal definitions serialise equally. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj)
      .filter((k) => obj[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The pinned view of a tool: only PINNED_FIELDS (unknown fields and `_meta` ignored). */
export function pinnedView(tool: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of PINNED_FIELDS) if (tool[f] !== undefined) out[f] = tool[f];
  return out;
}

/** `sha256:<hex>` of the canonical JSON of a value. */
export function hashOf(value: unknown): string {
  return `sha256:${createHash("sha256").update(canonicalJson(value)).digest("hex")}`;
}
