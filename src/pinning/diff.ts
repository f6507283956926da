import { canonicalJson, PINNED_FIELDS } from "./canonical.js";

const CONTEXT = 24;
const MAX_SIDE = 80;

function clip(s: string): string {
  const one = s.replace(/\s+/g, " ");
  return one.length > MAX_SIDE ? `${one.slice(0, MAX_SIDE)}…` : one;
}

/** `"…common old-part…" → "…common new-part…"` around the first difference. */
function stringDiff(a: string, b: string): string {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, start - CONTEXT);
  const pre = from > 0 ? "…" : "";
  const side = (s: string, end: number) =>
    JSON.stringify(
      `${pre}${clip(s.slice(from, Math.min(s.length, end + CONTEXT)))}${end + CONTEXT < s.length ? "…" : ""}`,
    );
  return `${side(a, endA)} → ${side(b, endB)}`;
}

/**
 * A short, one-line-per-field diff of two pinned tool views, for the block message and
 * the log: `description: "…" → "…"`, `inputSchema: changed`, `+outputSchema`.
 */
export function diffTools(before: Record<string, unknown>, after: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const f of PINNED_FIELDS) {
    const a = before[f];
    const b = after[f];
    if (canonicalJson(a) === canonicalJson(b)) continue;
    if (a === undefined) lines.push(`+${f}`);
    else if (b === undefined) lines.push(`-${f}`);
    else if (typeof a === "string" && typeof b === "string")
      lines.push(`${f}: ${stringDiff(a, b)}`);
    else lines.push(`${f}: ${stringDiff(canonicalJson(a), canonicalJson(b))}`);
  }
  return lines.join("; ");
}

/** Same, for instructions text (either side may be missing). */
export function diffText(before: string | undefined, after: string | undefined): string {
  if (before === undefined) return "+instructions";
  if (after === undefined) return "-instructions";
  return `instructions: ${stringDiff(before, after)}`;
}
