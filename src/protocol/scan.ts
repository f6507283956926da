import { COLON, COMMA, isSpace, QUOTE, skipString } from "./json-bytes.js";

/** What one linear pass over a line's bytes finds, before (or instead of) parsing it. */
export interface ScanResult {
  /** Deepest nesting of arrays and objects. */
  depth: number;
  /** The top-level value is an array (a JSON-RPC batch). */
  isArray: boolean;
  /** The `id` member of the top-level object exactly as written, if it is a string or number. */
  rawId?: string;
  /** The `method` member of the top-level object, if it is a plain string. */
  method?: string;
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

const ID_KEY = Buffer.from('"id"');
const METHOD_KEY = Buffer.from('"method"');

/** Whether buf[start, end) holds exactly the bytes of `key`. */
function isKey(buf: Buffer, start: number, end: number, key: Buffer): boolean {
  if (end - start !== key.length) return false;
  for (let k = 0; k < key.length; k++) if (buf[start + k] !== key[k]) return false;
  return true;
}

function decodeString(token: string): string | undefined {
  try {
    return JSON.parse(token) as string;
  } catch {
    return undefined;
  }
}

/**
 * Measures nesting depth and reads the top-level `id` and `method` without recursion and
 * without parsing: it runs before JSON.parse, works on truncated lines (an oversize line's
 * head) and on ids above 2^53, which it keeps as the exact text the sender wrote.
 */
export function scanMessage(
  buf: Buffer,
  /** Decode `method` (false when the line will be parsed anyway: it costs a JSON.parse). */
  withMethod = true,
): ScanResult {
  let depth = 0;
  let maxDepth = 0;
  let isArray = false;
  let first = true;
  let rawId: string | undefined;
  let method: string | undefined;
  // Key of the top-level member whose value comes next, or undefined.
  let pendingKey: string | undefined;
  let expectKey = false;
  let i = 0;
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
      expectKey = b === 0x7b && depth === 1;
      pendingKey = undefined;
      i++;
    } else if (b === 0x7d || b === 0x5d) {
      depth--;
      i++;
    } else if (b === COMMA) {
      expectKey = depth === 1 && !isArray;
      i++;
    } else if (b === COLON) {
      i++;
    } else if (b === QUOTE) {
      const end = skipString(buf, i);
      if (end === -1) break;
      if (depth === 1 && !isArray && (expectKey || pendingKey !== undefined)) {
        if (expectKey) {
          // Compared as bytes: decoding every top-level key took a tenth of the routing time.
          pendingKey = isKey(buf, i, end, ID_KEY)
            ? "id"
            : isKey(buf, i, end, METHOD_KEY)
              ? "method"
              : undefined;
          expectKey = false;
        } else if (pendingKey === "id") {
          rawId = idToken(buf.toString("utf8", i, end));
          pendingKey = undefined;
        } else if (pendingKey === "method") {
          if (withMethod) method = decodeString(buf.toString("utf8", i, end));
          pendingKey = undefined;
        }
      }
      i = end;
    } else {
      const end = skipScalar(buf, i);
      if (depth === 1 && pendingKey === "id") {
        const token = buf.toString("utf8", i, end);
        rawId = idToken(token);
      }
      pendingKey = undefined;
      i = end === i ? i + 1 : end;
    }
  }
  const out: ScanResult = { depth: maxDepth, isArray };
  if (rawId !== undefined) out.rawId = rawId;
  if (method !== undefined) out.method = method;
  return out;
}

/**
 * Scans each object in a top-level array (a JSON-RPC batch) like scanMessage, so that a
 * refused batch is answered with each request's id exactly as written: the parsed items
 * have already lost the digits of any id above 2^53.
 */
export function scanBatchItems(buf: Buffer): ScanResult[] {
  const out: ScanResult[] = [];
  let depth = 0;
  let start = -1;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    if (b === QUOTE) {
      const end = skipString(buf, i);
      if (end === -1) break;
      i = end;
      continue;
    }
    if (b === 0x7b || b === 0x5b) {
      depth++;
      if (depth === 2 && b === 0x7b) start = i;
    } else if (b === 0x7d || b === 0x5d) {
      if (depth === 2 && b === 0x7d && start !== -1) {
        out.push(scanMessage(buf.subarray(start, i + 1)));
        start = -1;
      }
      depth--;
    }
    i++;
  }
  return out;
}

// `id` as the last member of the object the line's final `}` closes, so a top-level one.
const TAIL_ID = /[{,]\s*"id"\s*:\s*("(?:[^"\\\u0000-\u001f]|\\.)*"|-?(?:0|[1-9]\d*))\s*\}\s*$/;

/**
 * The top-level id of a JSON object line read from its last bytes, when `id` is its last
 * member: the official SDK writes `{method, params, jsonrpc, id}` and `{result, jsonrpc,
 * id}`, so the id of an oversize line from an SDK peer is beyond its head.
 */
export function scanTailId(tail: Buffer): string | undefined {
  return TAIL_ID.exec(tail.toString("utf8"))?.[1];
}
