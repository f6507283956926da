/** Byte-level pieces of JSON shared by the scanner and the large-line parser. */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COLON = 0x3a;
export const COMMA = 0x2c;

/** JSON whitespace (undefined, past the end of a buffer, is none). */
export function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/** Bytes of a string read in JavaScript before handing the rest to the native indexOf. */
const SHORT_STRING_BYTES = 64;

/**
 * Index just past the string starting at `i` (a quote), or -1 when it never closes.
 * A short string is walked byte by byte: most strings of a small message are a few
 * bytes long, and a native indexOf call costs more than walking them (measured: the
 * scan of a 120-byte tools/call fell from 1.2 to 0.4 µs). Past SHORT_STRING_BYTES it
 * jumps from quote to quote with the native indexOf: strings are most of a big message.
 */
export function skipString(buf: Buffer, i: number): number {
  const stop = Math.min(buf.length, i + SHORT_STRING_BYTES);
  let j = i + 1;
  while (j < stop) {
    const b = buf[j] as number;
    if (b === QUOTE) return j + 1;
    // An escape covers the byte after it, whatever it is (a quote included).
    j += b === BACKSLASH ? 2 : 1;
  }
  if (j >= buf.length) return -1;
  for (;;) {
    const q = buf.indexOf(QUOTE, j);
    if (q === -1) return -1;
    let slashes = 0;
    for (let k = q - 1; k >= j && buf[k] === BACKSLASH; k--) slashes++;
    // The backslashes before `j` were all paired up by the walk above (j follows a whole
    // escape or a plain byte), so only those from `j` on can escape this quote.
    if (slashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}
