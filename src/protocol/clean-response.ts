/**
 * A server response read from its bytes alone, when the bytes are simple enough that
 * reading them is provably the same as JSON.parse: printable ASCII only (no control
 * character, no ESC, no byte of a multi-byte character), no backslash (so no escape can
 * spell an invisible character or disguise a key), plain spaces as whitespace, and an
 * envelope of exactly `jsonrpc: "2.0"`, an `id` and an object `result`, each once, and no
 * key twice in any object.
 * Anything else is `undefined`, and the caller takes the full path (parse and classify).
 */
export interface CleanResponse {
  /** The id token as written: a string, or an integer of at most 15 digits in canonical form. */
  rawId: string;
  /** Deepest nesting of arrays and objects, as scanMessage counts it. */
  depth: number;
  /** `result.isError` is the literal `true`. */
  isError: boolean;
  /** Every string value inside `result`, keys excepted: a superset of what a check reads. */
  strings: string[];
}

const SPACE = 0x20;
const QUOTE = 0x22;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MINUS = 0x2d;
const ZERO = 0x30;

/** Containers deeper than this are left to the full path (and its depth limit). */
const MAX_DEPTH = 30;

/**
 * Objects with more keys than this are left to the full path: the repeated-key test below
 * compares each key with those before it, which must stay cheap.
 */
const MAX_KEYS = 32;

/**
 * The keys of the open object at each depth, as [start, end) offsets of their tokens in the
 * line (flat pairs, no strings made); reused, as reading is synchronous.
 */
const openKeys: number[][] = [];

/** Whether the key token s[i, end) equals one already in `keys` (same length, same characters). */
function repeats(s: string, keys: readonly number[], i: number, end: number): boolean {
  const n = end - i;
  for (let k = 0; k < keys.length; k += 2) {
    const a = keys[k] as number;
    if ((keys[k + 1] as number) - a !== n) continue;
    let j = 1; // both start with a quote
    while (j < n && s.charCodeAt(a + j) === s.charCodeAt(i + j)) j++;
    if (j === n) return true;
  }
  return false;
}

/** Any byte but printable ASCII, or a backslash. */
const NOT_CLEAN = /[^\x20-\x5b\x5d-\x7e]/;

// The line is read as a latin1 string (one copy, then charCodeAt and slices, which cost
// less than a Buffer.toString per value); for printable ASCII it equals the UTF-8 text.
// charCodeAt past the end is NaN, which no comparison below accepts.

const isDigit = (c: number): boolean => c >= ZERO && c <= 0x39;

/** End of the string token starting at the quote `i`, or -1 (the line is clean already). */
function endOfString(s: string, i: number): number {
  const j = s.indexOf('"', i + 1);
  return j === -1 ? -1 : j + 1;
}

/** End of a JSON number starting at `i` (grammar of RFC 8259), or -1. */
function endOfNumber(s: string, i: number): number {
  let j = i;
  if (s.charCodeAt(j) === MINUS) j++;
  if (s.charCodeAt(j) === ZERO) j++;
  else if (isDigit(s.charCodeAt(j))) while (isDigit(s.charCodeAt(j))) j++;
  else return -1;
  if (s.charCodeAt(j) === 0x2e) {
    j++;
    if (!isDigit(s.charCodeAt(j))) return -1;
    while (isDigit(s.charCodeAt(j))) j++;
  }
  const e = s.charCodeAt(j);
  if (e === 0x65 || e === 0x45) {
    j++;
    const sign = s.charCodeAt(j);
    if (sign === 0x2b || sign === MINUS) j++;
    if (!isDigit(s.charCodeAt(j))) return -1;
    while (isDigit(s.charCodeAt(j))) j++;
  }
  return j;
}

/** End of the literal true/false/null at `i`, or -1. */
function endOfLiteral(s: string, i: number): number {
  if (s.startsWith("true", i) || s.startsWith("null", i)) return i + 4;
  if (s.startsWith("false", i)) return i + 5;
  return -1;
}

/** An id number the session keys as written: canonical, and exact as a double. */
function isPlainId(s: string, start: number, end: number): boolean {
  const digits = s.charCodeAt(start) === MINUS ? start + 1 : start;
  const n = end - digits;
  if (n < 1 || n > 15) return false;
  if (s.charCodeAt(digits) === ZERO) return n === 1 && digits === start;
  for (let k = digits; k < end; k++) if (!isDigit(s.charCodeAt(k))) return false;
  return true;
}

function skipSpaces(s: string, i: number): number {
  let j = i;
  while (s.charCodeAt(j) === SPACE) j++;
  return j;
}

const ENVELOPE_JSONRPC = 1;
const ENVELOPE_ID = 2;
const ENVELOPE_RESULT = 4;

/** Which envelope member the key token s[start, end) names (quotes included), or 0. */
function envelopeBit(s: string, start: number, end: number): number {
  switch (end - start) {
    case 4:
      return s.startsWith('"id"', start) ? ENVELOPE_ID : 0;
    case 8:
      return s.startsWith('"result"', start) ? ENVELOPE_RESULT : 0;
    case 9:
      return s.startsWith('"jsonrpc"', start) ? ENVELOPE_JSONRPC : 0;
    default:
      return 0;
  }
}

/**
 * Reads a clean response (see CleanResponse) or returns undefined. One pass, no
 * recursion; every character is checked, so a line it accepts is a line JSON.parse
 * accepts and reads as the same value.
 */
export function readCleanResponse(buf: Buffer): CleanResponse | undefined {
  const s = buf.toString("latin1");
  if (NOT_CLEAN.test(s)) return undefined;
  const strings: string[] = [];
  // Bit d: the open container at depth d is an object (1 = the envelope). A number, not a
  // typed array: allocating one per line cost more than the rest of the reading.
  let objects = 0b10;
  let i = skipSpaces(s, 0);
  if (s.charCodeAt(i) !== OPEN_OBJECT) return undefined;
  let depth = 1;
  let maxDepth = 1;
  i++;
  let seen = 0;
  let rawId: string | undefined;
  let isError = false;
  // The envelope member (bit) or result member (isError) whose value comes next.
  let member = 0;
  let isErrorNext = false;
  // After `{` a key or `}`; after `,` in an object a key; after `[` a value or `]`.
  let expectKey = true;
  let mayClose = true;
  for (;;) {
    i = skipSpaces(s, i);
    const b = s.charCodeAt(i);
    if (Number.isNaN(b)) return undefined;
    if (mayClose && (b === CLOSE_OBJECT || b === CLOSE_ARRAY)) {
      if ((b === CLOSE_OBJECT) !== ((objects & (1 << depth)) !== 0)) return undefined;
      i++;
      depth--;
      if (depth === 0) break;
    } else if (expectKey) {
      if (b !== QUOTE) return undefined;
      const end = endOfString(s, i);
      if (end === -1) return undefined;
      if (depth === 1) {
        member = envelopeBit(s, i, end);
        if (member === 0 || seen & member) return undefined;
        seen |= member;
      } else {
        // A repeated key is read two ways by peers: the full path refuses it.
        const keys = openKeys[depth] as number[];
        if (keys.length >= 2 * MAX_KEYS || repeats(s, keys, i, end)) return undefined;
        keys.push(i, end);
        if (depth === 2) isErrorNext = end - i === 9 && s.startsWith('"isError"', i);
      }
      i = skipSpaces(s, end);
      if (s.charCodeAt(i) !== COLON) return undefined;
      i++;
      expectKey = false;
      mayClose = false;
      continue;
    } else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      // Only `result` may be a container in the envelope, and it must be an object.
      if (depth === 1 && (member !== ENVELOPE_RESULT || b !== OPEN_OBJECT)) return undefined;
      if (depth === 2 && isErrorNext) isError = false;
      if (depth >= MAX_DEPTH) return undefined;
      depth++;
      if (depth > maxDepth) maxDepth = depth;
      if (b === OPEN_OBJECT) {
        objects |= 1 << depth;
        const keys = openKeys[depth];
        if (keys === undefined) openKeys[depth] = [];
        else keys.length = 0;
      } else objects &= ~(1 << depth);
      i++;
      expectKey = b === OPEN_OBJECT;
      mayClose = true;
      continue;
    } else {
      // A scalar value.
      let end: number;
      if (b === QUOTE) end = endOfString(s, i);
      else if (b === MINUS || isDigit(b)) end = endOfNumber(s, i);
      else end = endOfLiteral(s, i);
      if (end === -1) return undefined;
      if (depth === 1) {
        if (member === ENVELOPE_JSONRPC) {
          if (end - i !== 5 || !s.startsWith('"2.0"', i)) return undefined;
        } else if (member === ENVELOPE_ID) {
          if (b !== QUOTE && !isPlainId(s, i, end)) return undefined;
          rawId = s.slice(i, end);
        } else {
          return undefined;
        }
      } else {
        if (b === QUOTE) strings.push(s.slice(i + 1, end - 1));
        if (depth === 2 && isErrorNext) isError = b === 0x74;
      }
      i = end;
    }
    // After a value (or a closed container): `,` or the end of the container.
    i = skipSpaces(s, i);
    const next = s.charCodeAt(i);
    if (next === COMMA) {
      i++;
      expectKey = (objects & (1 << depth)) !== 0;
      mayClose = false;
    } else if (next === CLOSE_OBJECT || next === CLOSE_ARRAY) {
      mayClose = true;
      expectKey = false;
    } else {
      return undefined;
    }
  }
  if (skipSpaces(s, i) !== s.length) return undefined;
  if (seen !== (ENVELOPE_JSONRPC | ENVELOPE_ID | ENVELOPE_RESULT) || rawId === undefined)
    return undefined;
  return { rawId, depth: maxDepth, isError, strings };
}
