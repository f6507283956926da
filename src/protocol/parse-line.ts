import { randomBytes } from "node:crypto";
import { BACKSLASH, COLON, isSpace, QUOTE, skipString } from "./json-bytes.js";

/** Lines from this size on are parsed with their long string values taken out (parseLine). */
export const LARGE_LINE_BYTES = 1024 * 1024;

/** String values from this size on are decoded on their own, straight from the line's bytes. */
export const LONG_STRING_BYTES = 64 * 1024;

/** What JSON.parse refuses unescaped inside a string. */
const CONTROL = /[\u0000-\u001f]/;

/** The string that ends at `end` is an object key: the next token after it is `:`. */
function isKey(buf: Buffer, end: number): boolean {
  let i = end;
  while (isSpace(buf[i])) i++;
  return buf[i] === COLON;
}

/** [start, end) of every string value (not key) of at least `min` bytes, quotes included. */
function longStrings(buf: Buffer, min: number): number[] {
  const out: number[] = [];
  let i = buf.indexOf(QUOTE);
  while (i !== -1) {
    const end = skipString(buf, i);
    if (end === -1) break;
    if (end - i >= min && !isKey(buf, end)) out.push(i, end);
    i = buf.indexOf(QUOTE, end);
  }
  return out;
}

/**
 * The value of the string literal buf[start, end), as JSON.parse reads it. Without escapes it
 * is the text between the quotes: decoding a range that starts and ends at a quote gives the
 * same characters as decoding the whole line (a quote is never part of a multi-byte sequence).
 */
function decodeString(buf: Buffer, start: number, end: number): string {
  if (buf.subarray(start + 1, end - 1).indexOf(BACKSLASH) === -1) {
    const text = buf.toString("utf8", start + 1, end - 1);
    if (!CONTROL.test(text)) return text;
  }
  // Escapes (or a control character, which throws here as it would for the whole line).
  return JSON.parse(buf.toString("utf8", start, end)) as string;
}

/** Puts each placeholder's string back in its place in a parsed skeleton. */
function fill(root: unknown, strings: Map<string, string>): unknown {
  if (typeof root === "string") return strings.get(root) ?? root;
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (typeof node !== "object" || node === null) continue;
    const holder = node as Record<string, unknown>;
    // Own keys only (JSON.parse makes `__proto__` an own property; assigning it keeps it one).
    for (const key of Array.isArray(node) ? node.keys() : Object.keys(node)) {
      const v = holder[key];
      if (typeof v === "string") {
        const s = strings.get(v);
        if (s !== undefined) holder[key] = s;
      } else if (typeof v === "object" && v !== null) stack.push(v);
    }
  }
  return root;
}

/**
 * Parses a big line with its long string values cut out: each is decoded straight from the
 * bytes into its final string, and the rest (the skeleton, small) goes to JSON.parse with a
 * random placeholder in each one's place, put back afterwards. The value JSON.parse of the
 * whole text gives, and a throw on the same inputs, without the whole-line string next to
 * the bytes and the parsed strings (a 64 MiB argument was held four times).
 */
export function parseLarge(buf: Buffer, minString = LONG_STRING_BYTES): unknown {
  const cuts = longStrings(buf, minString);
  if (cuts.length === 0) return JSON.parse(buf.toString("utf8"));
  const token = `mcp-aegis-${randomBytes(16).toString("hex")}-`;
  const strings = new Map<string, string>();
  let skeleton = "";
  let at = 0;
  for (let k = 0; k < cuts.length; k += 2) {
    const start = cuts[k] as number;
    const end = cuts[k + 1] as number;
    const placeholder = `${token}${k / 2}`;
    strings.set(placeholder, decodeString(buf, start, end));
    skeleton += `${buf.toString("utf8", at, start)}"${placeholder}"`;
    at = end;
  }
  skeleton += buf.toString("utf8", at);
  return fill(JSON.parse(skeleton), strings);
}

/**
 * `JSON.parse(bytes.toString("utf8"))`, holding a big line fewer times: the same value, and
 * a SyntaxError for the same bad lines.
 */
export function parseLine(bytes: Buffer): unknown {
  if (bytes.length < LARGE_LINE_BYTES) return JSON.parse(bytes.toString("utf8"));
  return parseLarge(bytes);
}
