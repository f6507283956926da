// The scanner as it was before its hot spots were rewritten (byte-compared keys by length,
// a plain-integer id read without a regular expression, one reused depth stack): the
// reference the differential test holds scanMessage to, on any bytes.
import { COLON, COMMA, isSpace, QUOTE } from "../../src/protocol/json-bytes.js";
import type { ScanResult } from "../../src/protocol/scan.js";

/** skipString as first written: quote to quote with indexOf, counting backslashes. */
function skipString(buf: Buffer, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, j);
    if (q === -1) return -1;
    let slashes = 0;
    for (let k = q - 1; k > i && buf[k] === 0x5c; k--) slashes++;
    if (slashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** Index of the end of a scalar token (number, literal) starting at `i`. */
function skipScalar(buf: Buffer, i: number): number {
  let j = i;
  while (j < buf.length) {
    const b = buf[j] as number;
    if (b === COMMA || b === 0x7d || b === 0x5d || isSpace(b)) break;
    j++;
  }
  return j;
}

const ID_TOKEN = /^(?:"(?:[^"\\\u0000-\u001f]|\\.)*"|-?(?:0|[1-9]\d*))$/s;
const NUMBER_TOKEN = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * The id token if it is a valid id: a string, or a number whose value is an integer kept
 * exactly as written. `1e+21` and `1.0` are integers once parsed, so classify() accepts
 * them as ids and they must be answered (fuzzing found `1e+21` going unanswered).
 */
function idToken(token: string): string | undefined {
  if (ID_TOKEN.test(token)) return token;
  return NUMBER_TOKEN.test(token) && Number.isInteger(Number(token)) ? token : undefined;
}

/** The envelope members, by their bit in the seen-mask. */
const ENVELOPE: Readonly<Record<string, number>> = {
  id: 1,
  method: 2,
  params: 4,
  jsonrpc: 8,
  result: 16,
  error: 32,
};
const PLAIN_KEYS = Object.keys(ENVELOPE).map((k) => [k, Buffer.from(`"${k}"`)] as const);

/**
 * The name of the top-level key at buf[start, end) if it is an envelope member. Plain keys
 * are compared as bytes (decoding every key took a tenth of the routing time); a key with
 * an escape is decoded, since `"\u0069d"` is `id` to every JSON parser.
 */
function envelopeKey(buf: Buffer, start: number, end: number): string | undefined {
  let escaped = false;
  for (let k = start + 1; k < end - 1; k++) if (buf[k] === 0x5c) escaped = true;
  if (escaped) {
    const name = decodeString(buf.toString("utf8", start, end));
    return name !== undefined && name in ENVELOPE ? name : undefined;
  }
  const len = end - start;
  for (const [name, bytes] of PLAIN_KEYS) {
    if (bytes.length !== len) continue;
    let k = 0;
    while (k < len && buf[start + k] === bytes[k]) k++;
    if (k === len) return name;
  }
  return undefined;
}

function decodeString(token: string): string | undefined {
  try {
    return JSON.parse(token) as string;
  } catch {
    return undefined;
  }
}

/**
 * Measures nesting depth, counts object members and reads the top-level `id` and
 * `method` without recursion and without parsing: it runs before JSON.parse, works on
 * truncated lines (an oversize line's head) and on ids above 2^53, which it keeps as the
 * exact text the sender wrote. Keys are read as a parser reads them (escapes decoded).
 */
export function referenceScan(
  buf: Buffer,
  /** Decode `method` (false when the line will be parsed anyway: it costs a JSON.parse). */
  withMethod = true,
): ScanResult {
  let depth = 0;
  let maxDepth = 0;
  let isArray = false;
  let first = true;
  let rawId: string | undefined;
  let firstRawId: string | undefined;
  let method: string | undefined;
  let duplicate: string | undefined;
  let seen = 0;
  let keys = 0;
  // Whether each open container is an object (1) or an array (0), by depth. Bytes, not a
  // JS array: a 10 MB depth bomb is scanned (to refuse it) without 40 MB of stack.
  let objects = new Uint8Array(64);
  // Key of the top-level member whose value comes next, or undefined.
  let pendingKey: string | undefined;
  let expectKey = false;
  let i = 0;
  const setId = (token: string | undefined) => {
    if (rawId !== undefined && firstRawId === undefined) firstRawId = rawId;
    rawId = token;
  };
  while (i < buf.length) {
    const b = buf[i] as number;
    if (isSpace(b)) {
      i++;
      continue;
    }
    if (first) {
      first = false;
      isArray = b === 0x5b;
    }
    if (b === 0x7b || b === 0x5b) {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      if (depth >= objects.length) {
        const grown = new Uint8Array(objects.length * 2);
        grown.set(objects);
        objects = grown;
      }
      objects[depth] = b === 0x7b ? 1 : 0;
      expectKey = b === 0x7b;
      pendingKey = undefined;
      i++;
    } else if (b === 0x7d || b === 0x5d) {
      depth--;
      expectKey = false;
      i++;
    } else if (b === COMMA) {
      expectKey = depth > 0 && objects[depth] === 1;
      i++;
    } else if (b === COLON) {
      expectKey = false;
      i++;
    } else if (b === QUOTE) {
      const end = skipString(buf, i);
      if (end === -1) break;
      if (expectKey) {
        keys++;
        expectKey = false;
        if (depth === 1 && !isArray) {
          pendingKey = envelopeKey(buf, i, end);
          if (pendingKey !== undefined) {
            const bit = ENVELOPE[pendingKey] as number;
            if (seen & bit) duplicate ??= pendingKey;
            seen |= bit;
          }
        }
      } else if (depth === 1 && pendingKey !== undefined) {
        if (pendingKey === "id") setId(idToken(buf.toString("utf8", i, end)));
        else if (pendingKey === "method" && withMethod) {
          method = decodeString(buf.toString("utf8", i, end));
        }
        pendingKey = undefined;
      }
      i = end;
    } else {
      const end = skipScalar(buf, i);
      if (depth === 1 && pendingKey === "id") setId(idToken(buf.toString("utf8", i, end)));
      pendingKey = undefined;
      i = end === i ? i + 1 : end;
    }
  }
  const out: ScanResult = { depth: maxDepth, isArray, keys };
  if (rawId !== undefined) out.rawId = rawId;
  if (firstRawId !== undefined && firstRawId !== rawId) out.firstRawId = firstRawId;
  if (method !== undefined) out.method = method;
  if (duplicate !== undefined) out.duplicate = duplicate;
  return out;
}
