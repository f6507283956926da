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

/** Normalises a value once; `decode` adds the percent-decoded spelling. */
export function normalizeValue(value: string, decode: boolean): Normalized {
  if (PLAIN_ASCII.test(value)) return { plain: value, hiddenChars: false };
  const first = stripInvisible(value);
  const plain = first.text.normalize("NFKC");
  if (!decode) return { plain, hiddenChars: first.suspicious };
  const layered = decodeLayers(plain);
  if (layered === plain) return { plain, hiddenChars: first.suspicious };
  const second = stripInvisible(layered);
  const decoded = second.text.normalize("NFKC");
  return { plain, decoded, hiddenChars: first.suspicious || second.suspicious };
}

/** Both spellings, plain first. */
export function formsOf(n: Normalized): string[] {
  return n.decoded === undefined ? [n.plain] : [n.plain, n.decoded];
}
