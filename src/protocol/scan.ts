import { COLON, COMMA, isSpace, QUOTE, skipString } from "./json-bytes.js";

/** What one linear pass over a line's bytes finds, before (or instead of) parsing it. */
export interface ScanResult {
  /** Deepest nesting of arrays and objects. */
  depth: number;
  /** The top-level value is an array (a JSON-RPC batch). */
  isArray: boolean;
  /**
   * The `id` member of the top-level object exactly as written, if it is a string or number.
   * With two `id` members, the last (the one JSON.parse keeps); see `duplicate`.
   */
  rawId?: string;
  /** The first `id` member's token when the object has more than one. */
  firstRawId?: string;
  /** The `method` member of the top-level object, if it is a plain string. */
  method?: string;
  /** An envelope member (id, method, params, jsonrpc, result, error) written twice. */
  duplicate?: string;
  /** Object members at every depth, as written (JSON.parse keeps fewer when one repeats). */
  keys: number;
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

/** Whether buf[start, start + word.length) spells `word` (ASCII). */
function spells(buf: Buffer, start: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (buf[start + k] !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * The name of the top-level key at buf[start, end) if it is an envelope member. Plain keys
 * are compared as bytes, by length first (decoding every key took a tenth of the routing
 * time); a key with an escape is decoded, since `"\u0069d"` is `id` to every JSON parser.
 */
function envelopeKey(buf: Buffer, start: number, end: number): string | undefined {
  for (let k = start + 1; k < end - 1; k++) {
    if (buf[k] === 0x5c) {
      const name = decodeString(buf.toString("utf8", start, end));
      return name !== undefined && Object.hasOwn(ENVELOPE, name) ? name : undefined;
    }
  }
  // Lengths with the quotes.
  switch (end - start) {
    case 4:
      return spells(buf, start + 1, "id") ? "id" : undefined;
    case 7:
      return spells(buf, start + 1, "error") ? "error" : undefined;
    case 8:
      if (spells(buf, start + 1, "method")) return "method";
      if (spells(buf, start + 1, "params")) return "params";
      return spells(buf, start + 1, "result") ? "result" : undefined;
    case 9:
      return spells(buf, start + 1, "jsonrpc") ? "jsonrpc" : undefined;
    default:
      return undefined;
  }
}

function decodeString(token: string): string | undefined {
  try {
    return JSON.parse(token) as string;
  } catch {
    return undefined;
  }
}

/** The id token at buf[start, end), if it is a valid id (see idToken). */
function idAt(buf: Buffer, start: number, end: number): string | undefined {
  // The common spelling, a plain integer of a few digits, without a regular expression.
  const first = buf[start] as number;
  if (end - start <= 15 && first >= 0x31 && first <= 0x39) {
    let k = start + 1;
    while (k < end && (buf[k] as number) >= 0x30 && (buf[k] as number) <= 0x39) k++;
    if (k === end) return buf.toString("latin1", start, end);
  }
  return idToken(buf.toString("utf8", start, end));
}

/** Whether each open container is an object (1) or an array (0), by depth; reused. */
let OBJECTS = new Uint8Array(64);
/** A stack grown past this is not kept for the next scan (a depth bomb's). */
const KEEP_OBJECTS_BYTES = 4096;

/**
 * Measures nesting depth, counts object members and reads the top-level `id` and
 * `method` without recursion and without parsing: it runs before JSON.parse, works on
 * truncated lines (an oversize line's head) and on ids above 2^53, which it keeps as the
 * exact text the sender wrote. Keys are read as a parser reads them (escapes decoded).
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
  let firstRawId: string | undefined;
  let method: string | undefined;
  let duplicate: string | undefined;
  let seen = 0;
  let keys = 0;
  // Bytes, not a JS array: a 10 MB depth bomb is scanned (to refuse it) without 40 MB of
  // stack. One module-level stack serves every scan (a scan never runs inside another).
  let objects = OBJECTS;
  // Key of the top-level member whose value comes next, or undefined.
  let pendingKey: string | undefined;
  let expectKey = false;
  let i = 0;
  const n = buf.length;
  while (i < n) {
    const b = buf[i] as number;
    if (isSpace(b)) {
      i++;
      continue;
    }
    if (first) {
      first = false;
      isArray = b === 0x5b;
    }
    if (b === QUOTE) {
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
        if (pendingKey === "id") {
          if (rawId !== undefined && firstRawId === undefined) firstRawId = rawId;
          rawId = idAt(buf, i, end);
        } else if (pendingKey === "method" && withMethod) {
          method = decodeString(buf.toString("utf8", i, end));
        }
        pendingKey = undefined;
      }
      i = end;
    } else if (b === COLON) {
      expectKey = false;
      i++;
    } else if (b === COMMA) {
      expectKey = depth > 0 && objects[depth] === 1;
      i++;
    } else if (b === 0x7b || b === 0x5b) {
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      if (depth >= objects.length) {
        const grown = new Uint8Array(objects.length * 2);
        grown.set(objects);
        objects = grown;
        if (grown.length <= KEEP_OBJECTS_BYTES) OBJECTS = grown;
      }
      objects[depth] = b === 0x7b ? 1 : 0;
      expectKey = b === 0x7b;
      pendingKey = undefined;
      i++;
    } else if (b === 0x7d || b === 0x5d) {
      depth--;
      expectKey = false;
      i++;
    } else {
      const end = skipScalar(buf, i);
      if (depth === 1 && pendingKey === "id") {
        if (rawId !== undefined && firstRawId === undefined) firstRawId = rawId;
        rawId = idAt(buf, i, end);
      }
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

/**
 * The raw token of `params.<key>` in a top-level object (e.g. the `requestId` of
 * notifications/cancelled), read from the bytes: parsed, an id above 2^53 loses digits.
 */
export function scanParamToken(buf: Buffer, key: string): string | undefined {
  const start = buf.indexOf('"params"');
  // A cheap find, then a real reading: the object that follows must be params at depth 1.
  if (start === -1) return undefined;
  let depth = 0;
  let inParams = false;
  let expectKey = false;
  let wanted = false;
  let topKey: string | undefined;
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    if (isSpace(b) || b === COLON) {
      i++;
      continue;
    }
    if (b === 0x7b || b === 0x5b) {
      depth++;
      if (depth === 2 && b === 0x7b && topKey === "params") inParams = true;
      expectKey = b === 0x7b;
      i++;
    } else if (b === 0x7d || b === 0x5d) {
      if (depth === 2) inParams = false;
      depth--;
      i++;
    } else if (b === COMMA) {
      expectKey = depth === 1 || (depth === 2 && inParams);
      i++;
    } else if (b === QUOTE) {
      const end = skipString(buf, i);
      if (end === -1) return undefined;
      const token = buf.toString("utf8", i, end);
      if (expectKey) {
        const name = decodeString(token);
        if (depth === 1) topKey = name;
        else if (inParams) wanted = name === key;
        expectKey = false;
      } else if (wanted && inParams && depth === 2) {
        return token;
      }
      i = end;
    } else {
      const end = skipScalar(buf, i);
      if (wanted && inParams && depth === 2) return buf.toString("utf8", i, end);
      i = end === i ? i + 1 : end;
    }
  }
  return undefined;
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
