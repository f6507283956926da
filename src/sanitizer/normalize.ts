import { decodeLayers } from "./decode.js";
import { stripInvisible } from "./invisible.js";

/** The spellings of one value every rule looks at. */
export interface Normalized {
  /** Invisible characters removed, NFKC applied (fullwidth `．．／` is `../`). */
  readonly plain: string;
  /** `plain` after bounded repeated percent-decoding (and NFKC again), when it differs. */
  readonly decoded?: string;
  /** An invisible character sat where no legitimate text puts one. */
  readonly hiddenChars: boolean;
}

const PLAIN_ASCII = /^[\x20-\x24\x26-\x7e]*$/; // printable ASCII without `%`: nothing to normalise

/**
 * NFKC, skipped for ASCII text (which it never changes): V8 normalises through a UTF-16
 * copy, so a 32M-character argument of newlines cost about 160 MB of peak memory.
 */
const NOT_ASCII = /[^\x00-\x7f]/;
const nfkc = (s: string): string => (NOT_ASCII.test(s) ? s.normalize("NFKC") : s);

/** Normalises a value once; `decode` adds the percent-decoded spelling. */
export function normalizeValue(value: string, decode: boolean): Normalized {
  if (PLAIN_ASCII.test(value)) return { plain: value, hiddenChars: false };
  const first = stripInvisible(value);
  const plain = nfkc(first.text);
  if (!decode) return { plain, hiddenChars: first.suspicious };
  const layered = decodeLayers(plain);
  if (layered === plain) return { plain, hiddenChars: first.suspicious };
  const second = stripInvisible(layered);
  const decoded = nfkc(second.text);
  return { plain, decoded, hiddenChars: first.suspicious || second.suspicious };
}

/** Both spellings, plain first. */
export function formsOf(n: Normalized): string[] {
  return n.decoded === undefined ? [n.plain] : [n.plain, n.decoded];
}
