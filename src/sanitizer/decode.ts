/**
 * Bounded, lenient percent-decoding. Lenient on purpose: a server's decoder may accept
 * overlong UTF-8 (`%c0%ae` is `.`) or IIS-style `%u002e`, so the sanitizer must see what
 * the most forgiving decoder would see. Each round is one linear pass.
 */

export const MAX_DECODE_ROUNDS = 6;

const hexVal = (c: number): number =>
  c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;

/** `.`, `/`, `\\`: the characters a traversal is spelled with. */
const PATH_CHARS = new Set([46, 47, 92]);

function hexByte(s: string, i: number): number {
  if (i + 1 >= s.length) return -1;
  const a = hexVal(s.charCodeAt(i));
  const b = hexVal(s.charCodeAt(i + 1));
  return a < 0 || b < 0 ? -1 : a * 16 + b;
}

/**
 * Decodes UTF-8 bytes read from `%XX` escapes starting at `i`, overlong forms accepted;
 * pushes UTF-16 code units to `out`. Returns the index after what it consumed.
 */
function decodeEscapes(s: string, start: number, out: number[]): number {
  let i = start;
  const first = hexByte(s, i + 1);
  let need = 0;
  let cp = 0;
  if (first < 0x80) {
    out.push(first);
    return i + 3;
  }
  if (first >= 0xc0 && first <= 0xdf) {
    need = 1;
    cp = first & 0x1f;
  } else if (first >= 0xe0 && first <= 0xef) {
    need = 2;
    cp = first & 0x0f;
  } else if (first >= 0xf0 && first <= 0xf7) {
    need = 3;
    cp = first & 0x07;
  }
  let ok = need > 0;
  for (let k = 1; ok && k <= need; k++) {
    const at = i + 3 * k;
    const c = s.charCodeAt(at) === 37 ? hexByte(s, at + 1) : -1;
    if (c < 0 || (c & 0xc0) !== 0x80) ok = false;
    else cp = (cp << 6) | (c & 0x3f);
  }
  if (!ok || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
    // `%c0%2e`, `%c0%5c`: an overlong lead byte before an ASCII escape. Decoders that mask
    // the lead's bits away (the "%c0%af" family of IIS and old Java bugs) read the ASCII
    // character, so the lead byte is dropped; other undecodable escapes stay as written.
    const next = s.charCodeAt(i + 3) === 37 ? hexByte(s, i + 4) : -1;
    if ((first === 0xc0 || first === 0xc1) && next >= 0 && next < 0x80) return i + 3;
    out.push(37, s.charCodeAt(i + 1), s.charCodeAt(i + 2));
    return i + 3;
  }
  // `%c1%af`: some decoders keep only the low seven bits of the last byte (`/`); where that
  // reading gives a path character and the strict one does not, the path reading wins.
  const lax = (hexByte(s, i + 4) & 0x7f) as number;
  if (
    need === 1 &&
    (first === 0xc0 || first === 0xc1) &&
    PATH_CHARS.has(lax) &&
    !PATH_CHARS.has(cp)
  )
    cp = lax;
  if (cp > 0xffff) {
    const v = cp - 0x10000;
    out.push(0xd800 + (v >> 10), 0xdc00 + (v & 0x3ff));
  } else {
    out.push(cp);
  }
  i += 3 * (need + 1);
  return i;
}

function fromCodes(codes: number[]): string {
  let text = "";
  for (let k = 0; k < codes.length; k += 8192)
    text += String.fromCharCode(...codes.slice(k, k + 8192));
  return text;
}

/** One round of percent-decoding (`%XX` sequences and `%uXXXX`), in one linear pass. */
export function percentDecodeOnce(s: string): string {
  if (s.indexOf("%") < 0) return s;
  const out: number[] = [];
  let i = 0;
  while (i < s.length) {
    const ch = s.charCodeAt(i);
    if (ch !== 37 /* % */) {
      out.push(ch);
      i++;
      continue;
    }
    if (hexByte(s, i + 1) >= 0) {
      i = decodeEscapes(s, i, out);
      continue;
    }
    if ((s.charCodeAt(i + 1) | 0x20) === 117 /* u */) {
      const hi = hexByte(s, i + 2);
      const lo = hexByte(s, i + 4);
      if (hi >= 0 && lo >= 0) {
        const unit = hi * 256 + lo;
        // IIS best-fit mapping reads these private-use units as `/` and `\` (the
        // `%uEFC8` / `%uF025` traversal spellings); nothing legitimate encodes them.
        out.push(unit === 0xefc8 ? 47 : unit === 0xf025 ? 92 : unit);
        i += 6;
        continue;
      }
    }
    out.push(ch);
    i++;
  }
  return fromCodes(out);
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
