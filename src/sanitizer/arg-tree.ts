import type { FieldKind } from "./kinds.js";

/*
 * The argument tree as the sanitizer walks it: one node per value, its JSON path (built only
 * when a finding names it) and the schema that describes it.
 */

const EXCERPT_CHARS = 40;

/** A short, escaped excerpt: never the whole value, never raw control characters. */
export function excerptOf(s: string): string {
  const cut = Array.from(s.slice(0, EXCERPT_CHARS * 2))
    .slice(0, EXCERPT_CHARS)
    .join("");
  const json = JSON.stringify(cut).replace(
    /[\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  return cut.length < s.length ? `${json.slice(0, -1)}…"` : json;
}

const PLAIN_KEY = /^[A-Za-z_$][A-Za-z0-9_$]{0,63}$/;

export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  if (PLAIN_KEY.test(key)) return `${parent}.${key}`;
  return `${parent}[${excerptOf(key)}]`;
}

export type Schema = Readonly<Record<string, unknown>> | undefined;

export function asSchema(v: unknown): Schema {
  return typeof v === "object" && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

export function propertySchema(schema: Schema, key: string): Schema {
  const props = asSchema(schema?.properties);
  if (props && Object.hasOwn(props, key)) return asSchema(props[key]);
  return asSchema(schema?.additionalProperties);
}

export interface Node {
  value: unknown;
  parent: Node | undefined;
  key: string | number;
  /** JSON path (`$.files[0].path`), built only when a finding needs it. */
  path?: string;
  /** Dotted path with indices as `*`, for per-tool field settings (`files.*.content`). */
  canon: string;
  kind: FieldKind;
  schema: Schema;
  /** Why `kind` (explain mode only). */
  reason?: string;
}

/** The node's JSON path, iteratively (arguments can be deeper than the stack). */
export function pathOf(n: Node): string {
  const chain: Node[] = [];
  for (let at: Node | undefined = n; at && at.path === undefined; at = at.parent) chain.push(at);
  for (let i = chain.length - 1; i >= 0; i--) {
    const at = chain[i] as Node;
    at.path = at.parent ? childPath(at.parent.path as string, at.key) : "$";
  }
  return n.path as string;
}
