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
 * The byte each one-character escape stands for (`\n` → 0x0a), by the byte after the
 * backslash; 0 for none. A table, not an object: it is read once per escape of a long string.
 */
const SIMPLE_ESCAPES = new Uint8Array(256);
for (const [after, stands] of [
  [0x22, 0x22],
  [0x5c, 0x5c],
  [0x2f, 0x2f],
  [0x62, 0x08],
  [0x66, 0x0c],
  [0x6e, 0x0a],
  [0x72, 0x0d],
  [0x74, 0x09],
] as const)
  SIMPLE_ESCAPES[after] = stands;

/** The value of 4 hex digits at buf[i, i + 4) if they lie before `limit`, or -1. */
function hex4(buf: Buffer, i: number, limit: number): number {
  if (i + 4 > limit) return -1;
  let v = 0;
  for (let k = i; k < i + 4; k++) {
    const b = buf[k] as number;
    const d =
      b >= 0x30 && b <= 0x39
        ? b - 0x30
        : b >= 0x61 && b <= 0x66
          ? b - 0x57
          : b >= 0x41 && b <= 0x46
            ? b - 0x37
            : -1;
    if (d === -1) return -1;
    v = v * 16 + d;
  }
  return v;
}

/**
 * The value of an ASCII string literal with escapes, decoded from the bytes into one buffer
 * of its exact UTF-8 length: JSON.parse of a slice first made a string of the whole literal
 * (64 MB for a 64 MB argument of `\n`, next to the line and the result). Undefined when the
 * literal holds anything better left to JSON.parse: a byte outside ASCII, a control
 * character, a malformed escape, a surrogate (its pair or its lone half).
 */
function decodeEscapes(buf: Buffer, start: number, end: number): string | undefined {
  const limit = end - 1;
  let length = 0;
  for (let i = start + 1; i < limit; i++) {
    const b = buf[i] as number;
    if (b < 0x20 || b >= 0x80) return undefined;
    if (b !== BACKSLASH) {
      length++;
      continue;
    }
    const e = buf[++i] as number;
    if (e === 0x75) {
      const unit = hex4(buf, i + 1, limit);
      if (unit === -1 || (unit >= 0xd800 && unit <= 0xdfff)) return undefined;
      length += unit < 0x80 ? 1 : unit < 0x800 ? 2 : 3;
      i += 4;
    } else if (SIMPLE_ESCAPES[e] !== 0 && i < limit) {
      length++;
    } else {
      return undefined;
    }
  }
  const out = Buffer.allocUnsafe(length);
  let o = 0;
  for (let i = start + 1; i < limit; i++) {
    const b = buf[i] as number;
    if (b !== BACKSLASH) {
      out[o++] = b;
      continue;
    }
    const e = buf[++i] as number;
    if (e !== 0x75) {
      out[o++] = SIMPLE_ESCAPES[e] as number;
      continue;
    }
    const unit = hex4(buf, i + 1, limit);
    i += 4;
    if (unit < 0x80) {
      out[o++] = unit;
    } else if (unit < 0x800) {
      out[o++] = 0xc0 | (unit >> 6);
      out[o++] = 0x80 | (unit & 0x3f);
    } else {
      out[o++] = 0xe0 | (unit >> 12);
      out[o++] = 0x80 | ((unit >> 6) & 0x3f);
      out[o++] = 0x80 | (unit & 0x3f);
    }
  }
  return out.toString("utf8");
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
  const decoded = decodeEscapes(buf, start, end);
  if (decoded !== undefined) return decoded;
  // Anything else (or a control character, which throws here as it would for the whole line).
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
