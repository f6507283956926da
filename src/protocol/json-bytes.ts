/** Byte-level pieces of JSON shared by the scanner and the large-line parser. */

export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const COLON = 0x3a;
export const COMMA = 0x2c;

/** JSON whitespace (undefined, past the end of a buffer, is none). */
export function isSpace(b: number | undefined): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

/**
 * Index just past the string starting at `i` (a quote), or -1 when it never closes.
 * Jumps from quote to quote with the native indexOf: strings are most of a big message.
 */
export function skipString(buf: Buffer, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = buf.indexOf(QUOTE, j);
    if (q === -1) return -1;
    let slashes = 0;
    for (let k = q - 1; k > i && buf[k] === BACKSLASH; k--) slashes++;
    if (slashes % 2 === 0) return q + 1;
    j = q + 1;
  }
}
