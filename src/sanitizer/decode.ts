/**
 * Bounded, lenient percent-decoding. Lenient on purpose: a server's decoder may accept
 * overlong UTF-8 (`%c0%ae` is `.`) or IIS-style `%u002e`, so the sanitizer must see what
 * the most forgiving decoder would see. Each round is one linear pass.
 */

export const MAX_DECODE_ROUNDS = 6;

const hexVal = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;

function hexByte(s: string, i: number): number {
  if (i + 1 >= s.length) return -1;
  const a = hexVal(s.charCodeAt(i));
  const b = hexVal(s.charCodeAt(i + 1));
  return a < 0 || b < 0 ? -1 : a * 16 + b;
}

/** Decodes a run of bytes as UTF-8, accepting overlong forms; undecodable bytes stay as `%XX`. */
function decodeBytes(bytes: number[], out: string[]): void {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need = 0;
    let cp = 0;
    if (b < 0x80) {
      out.push(String.fromCharCode(b));
      i++;
      continue;
    }
    if (b >= 0xc0 && b <= 0xdf) {
      need = 1;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf7) {
      need = 3;
      cp = b & 0x07;
    }
    let ok = need > 0;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (!ok || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
      out.push(`%${b.toString(16).padStart(2, "0").toUpperCase()}`);
      i++;
      continue;
    }
    out.push(String.fromCodePoint(cp));
    i += need + 1;
  }
}

/** One round of percent-decoding (`%XX` runs and `%uXXXX`). */
export function percentDecodeOnce(s: string): string {
  if (s.indexOf("%") < 0) return s;
  const out: string[] = [];
  const bytes: number[] = [];
  let i = 0;
  let plainStart = 0;
  const flushPlain = (end: number) => {
    if (end > plainStart) out.push(s.slice(plainStart, end));
  };
  while (i < s.length) {
    if (s.charCodeAt(i) !== 37 /* % */) {
      i++;
      continue;
    }
    const byte = hexByte(s, i + 1);
    const isU = byte < 0 && (s.charCodeAt(i + 1) | 0x20) === 117; /* u */
    if (byte < 0 && !isU) {
      i++;
      continue;
    }
    flushPlain(i);
    if (isU) {
      const hi = hexByte(s, i + 2);
      const lo = hexByte(s, i + 4);
      if (hi >= 0 && lo >= 0) {
        out.push(String.fromCharCode(hi * 256 + lo));
        i += 6;
      } else {
        out.push("%");
        i++;
      }
      plainStart = i;
      continue;
    }
    bytes.push(byte);
    i += 3;
    // Keep collecting while the next token is another %XX, so multi-byte sequences decode.
    while (i < s.length && s.charCodeAt(i) === 37) {
      const next = hexByte(s, i + 1);
      if (next < 0) break;
      bytes.push(next);
      i += 3;
    }
    decodeBytes(bytes, out);
    bytes.length = 0;
    plainStart = i;
  }
  flushPlain(s.length);
  return out.join("");
}

/** Percent-decodes until nothing changes or MAX_DECODE_ROUNDS is reached. */
export function decodeLayers(s: string, rounds = MAX_DECODE_ROUNDS): string {
  let cur = s;
  for (let r = 0; r < rounds; r++) {
    const next = percentDecodeOnce(cur);
    if (next === cur) break;
    cur = next;
  }
  return cur;
}
