import { readFileSync, statSync } from "node:fs";
import { type Document, isMap, isNode, isScalar, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { type PolicyDocument, PolicySchema } from "./schema.js";
import { nearest, schemaKeys } from "./suggest.js";

/** One problem in a policy file, with where it is. */
export interface PolicyProblem {
  file: string;
  line: number;
  col: number;
  message: string;
  /** Where in the document (keys and indexes), when the problem is about a value. */
  path?: ReadonlyArray<string | number>;
}

/** A policy that cannot be used; `problems` lists every one found, each with its line. */
export class PolicyLoadError extends Error {
  override readonly name = "PolicyLoadError";
  readonly problems: PolicyProblem[];
  /** What was being read: "policy file", "test-cases file". */
  readonly what: string;
  /** "unreadable": missing, too large or not a file; "invalid": read, but wrong. */
  readonly reason: "unreadable" | "invalid";

  constructor(
    problems: PolicyProblem[],
    what = "policy file",
    reason: "unreadable" | "invalid" = "invalid",
  ) {
    super(problems.map(formatProblem).join("\n"));
    this.problems = problems;
    this.what = what;
    this.reason = reason;
  }
}

/** A headline for the error: "invalid policy file", "cannot read the test-cases file". */
export function describePolicyError(err: PolicyLoadError): string {
  return err.reason === "unreadable" ? `cannot read the ${err.what}` : `invalid ${err.what}`;
}

/** `file:line:col: message`, the form editors and CI annotate. */
export function formatProblem(p: PolicyProblem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

function positionOf(
  doc: Document,
  counter: LineCounter,
  path: readonly PropertyKey[],
): { line: number; col: number } {
  // Walk up the path until a node with a source range is found (a missing key points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      // For a key that is present, point at the key rather than its value when possible.
      const pos = counter.linePos(node.range[0]);
      return { line: pos.line, col: pos.col };
    }
  }
  return { line: 1, col: 1 };
}

function keyPosition(
  doc: Document,
  counter: LineCounter,
  path: readonly PropertyKey[],
  key: string,
): { line: number; col: number } {
  const map = path.length ? doc.getIn(path as unknown[], true) : doc.contents;
  if (isMap(map)) {
    for (const pair of map.items) {
      if (isScalar(pair.key) && pair.key.value === key && pair.key.range) {
        const pos = counter.linePos(pair.key.range[0]);
        return { line: pos.line, col: pos.col };
      }
    }
  }
  return positionOf(doc, counter, path);
}

/** Known keys per schema, computed once. */
const KEYS = new WeakMap<z.ZodType, Set<string>>();

function describeIssue(issue: z.core.$ZodIssue, input: unknown, schema: z.ZodType): string {
  const where = issue.path.length ? `${issue.path.map(String).join(".")}: ` : "";
  if (issue.code === "unrecognized_keys") {
    const keys = KEYS.get(schema) ?? schemaKeys(schema);
    KEYS.set(schema, keys);
    const key = issue.keys[0] ?? "";
    const guess = issue.keys.length === 1 ? nearest(key, keys) : undefined;
    return `${where}unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}${guess ? ` (did you mean "${guess}"?)` : ""}`;
  }
  // zod reports a missing key as "Invalid input": say that it is missing.
  const last = issue.path[issue.path.length - 1];
  if (last !== undefined && valueAt(input, issue.path) === undefined)
    return `missing required key "${String(last)}"${issue.path.length > 1 ? ` in ${issue.path.slice(0, -1).map(String).join(".")}` : ""}`;
  return `${where}${issue.message}`;
}

/** The value at `path` in plain data, undefined where it is absent. */
function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let v = data;
  for (const k of path) {
    if (v === null || typeof v !== "object") return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/** A validated document and a way to point at any part of it in the source. */
export interface PolicySource<T = PolicyDocument> {
  document: T;
  /** `file:line:col` of a path in the document (e.g. a rule), when present. */
  locate(path: ReadonlyArray<string | number>): string | undefined;
}

/** A zod issue path as keys and indexes (zod allows symbols; a policy has none). */
function pathOf(path: readonly PropertyKey[]): Array<string | number> {
  return path.map((k) => (typeof k === "number" ? k : String(k)));
}

/**
 * Parses and validates policy text, keeping the YAML positions so compiled rules can say
 * where they came from. Throws PolicyLoadError listing every YAML and schema problem
 * with its line and column.
 */
export function parsePolicySource<T = PolicyDocument>(
  text: string,
  file = "<policy>",
  schema: z.ZodType<T> = PolicySchema as unknown as z.ZodType<T>,
  what = "policy file",
): PolicySource<T> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  const problems: PolicyProblem[] = [];
  for (const e of [...doc.errors]) {
    const pos = counter.linePos(e.pos[0]);
    problems.push({
      file,
      line: pos.line,
      col: pos.col,
      message:
        e.code === "DUPLICATE_KEY"
          ? `duplicate key "${(text.slice(e.pos[0]).split(/[:\n]/)[0] ?? "").trim()}" (map keys must be unique: a principal, rule field or condition is named twice)`
          : (e.message.split("\n")[0] ?? e.message),
    });
  }
  if (problems.length) throw new PolicyLoadError(problems, what);
  const input: unknown = doc.toJS({ maxAliasCount: 100 });
  const result = schema.safeParse(input);
  if (!result.success) {
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        // One problem per unknown key, each pointing at the key itself.
        for (const key of issue.keys) {
          const pos = keyPosition(doc, counter, issue.path, key);
          const message = describeIssue({ ...issue, keys: [key] }, input, schema);
          problems.push({ file, ...pos, message, path: [...pathOf(issue.path), key] });
        }
        continue;
      }
      const pos = positionOf(doc, counter, issue.path);
      const message = describeIssue(issue, input, schema);
      problems.push({ file, ...pos, message, path: pathOf(issue.path) });
    }
    // In file order, as compilers report them.
    problems.sort((a, b) => a.line - b.line || a.col - b.col);
    throw new PolicyLoadError(problems, what);
  }
  return {
    document: result.data,
    locate(path) {
      const node = doc.getIn(path as unknown[], true);
      if (!isNode(node) || !node.range) return undefined;
      const pos = counter.linePos(node.range[0]);
      return `${file}:${pos.line}:${pos.col}`;
    },
  };
}

/** Parses and validates policy text (see parsePolicySource). */
export function parsePolicy<T = PolicyDocument>(
  text: string,
  file = "<policy>",
  schema: z.ZodType<T> = PolicySchema as unknown as z.ZodType<T>,
): T {
  return parsePolicySource(text, file, schema).document;
}

/** Reads a policy file's text, refusing files over `maxBytes`. */
export function readPolicyText(file: string, maxBytes: number, what = "policy file"): string {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    const missing = (err as NodeJS.ErrnoException).code === "ENOENT";
    const message = missing
      ? `no such file (the ${what} does not exist)`
      : `cannot read the ${what}: ${(err as Error).message}`;
    throw new PolicyLoadError([{ file, line: 1, col: 1, message }], what, "unreadable");
  }
  if (size > maxBytes) {
    const message = `the ${what} is ${size} bytes; the limit is ${maxBytes}`;
    throw new PolicyLoadError([{ file, line: 1, col: 1, message }], what, "unreadable");
  }
  return readFileSync(file, "utf8");
}

/** Reads and validates a policy file, refusing files over `maxBytes`. */
export function loadPolicyFile(file: string, maxBytes: number): PolicyDocument {
  return parsePolicy(readPolicyText(file, maxBytes), file);
}
