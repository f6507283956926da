/**
 * Invisible Unicode that hides text from a human reviewer but not from the model:
 * tag characters (U+E0000–E007F, "ASCII smuggling"), zero-width characters, bidi
 * overrides and isolates (Trojan Source), variation selectors beyond the emoji one.
 */

/** The invisible characters, by class. */
const TAGS = "\\u{E0000}-\\u{E007F}";
const ZERO_WIDTH = "\\u200B\\u200C\\u2060-\\u2064\\uFEFF\\u180E\\u00AD\\u034F\\u115F\\u1160\\u3164";
const BIDI = "\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C";
const SELECTORS = "\\u{E0100}-\\u{E01EF}";

// Legitimate uses are matched first and kept: a subdivision flag (U+1F3F4 + tag letters +
// cancel tag) and a zero-width joiner inside an emoji sequence (family, profession emoji).
const KEEP_FLAG = "\\u{1F3F4}[\\u{E0061}-\\u{E007A}\\u{E0030}-\\u{E0039}]{2,7}\\u{E007F}";
const KEEP_ZWJ =
  "(?<=\\p{Extended_Pictographic}[\\u{1F3FB}-\\u{1F3FF}]?\\uFE0F?)\\u200D(?=\\p{Extended_Pictographic})";
const INVISIBLE_SOURCE = `${KEEP_FLAG}|${KEEP_ZWJ}|([${TAGS}${ZERO_WIDTH}${BIDI}${SELECTORS}\\u200D])`;

const INVISIBLE_ALL = new RegExp(INVISIBLE_SOURCE, "gu");
const QUICK = new RegExp(`[${TAGS}${ZERO_WIDTH}${BIDI}${SELECTORS}\\u200D]`, "u");

/** Number of hidden characters (legitimate emoji sequences excluded). */
export function countInvisible(text: string): number {
  if (!QUICK.test(text)) return 0;
  let n = 0;
  for (const m of text.matchAll(INVISIBLE_ALL)) if (m[1] !== undefined) n++;
  return n;
}

/** The text without its hidden characters (emoji sequences kept). */
export function stripInvisible(text: string): string {
  if (!QUICK.test(text)) return text;
  return text.replace(INVISIBLE_ALL, (whole, hidden: string | undefined) =>
    hidden === undefined ? whole : "",
  );
}

/**
 * The ASCII a run of tag characters spells (U+E0020–E007E mirror ASCII): what the
 * model may read while the user sees nothing. Empty when there are none.
 */
const HAS_TAGS = /[\u{E0020}-\u{E007E}]/u;

export function decodeTags(text: string): string {
  if (!HAS_TAGS.test(text)) return "";
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0) as number;
    if (cp >= 0xe0020 && cp <= 0xe007e) out += String.fromCharCode(cp - 0xe0000);
  }
  return out;
}
