/**
 * Zero-width, bidi-control and tag characters: invisible, so they hide a payload from a
 * human and from naive filters (`.\u200B./` is `../` to anyone who strips them). They are
 * removed before any rule runs, and flagged where they cannot be legitimate.
 */

// Combining marks (U+034F, variation selectors) sit outside the class so none pairs with a neighbour.
const ANY_INVISIBLE =
  /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\u034F|\uFE00|\uFE01|\uFE02|\uFE03|\uFE04|\uFE05|\uFE06|\uFE07|\uFE08|\uFE09|\uFE0A|\uFE0B|\uFE0C|\uFE0D|\uFE0E|\uFE0F|\uDB40[\uDC00-\uDC7F]/;

/** Always suspicious: bidi overrides and isolates (Trojan Source), zero-width space, BOM, word joiners. */
function isAlwaysSuspicious(cp: number): boolean {
  return (
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2066 && cp <= 0x2069) ||
    cp === 0x200b ||
    cp === 0xfeff ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0x180e
  );
}

/**
 * Legitimate in some scripts: ZWNJ/ZWJ join Persian and Indic letters and emoji, LRM/RLM
 * mark mixed-direction text, variation selectors style emoji. Suspicious only between
 * ASCII characters, where no script needs them.
 */
function isContextual(cp: number): boolean {
  return (
    cp === 0x200c ||
    cp === 0x200d ||
    cp === 0x200e ||
    cp === 0x200f ||
    cp === 0x061c ||
    cp === 0x00ad ||
    cp === 0x034f ||
    (cp >= 0xfe00 && cp <= 0xfe0f)
  );
}

const isTag = (cp: number) => cp >= 0xe0000 && cp <= 0xe007f;
const isInvisible = (cp: number) => isAlwaysSuspicious(cp) || isContextual(cp) || isTag(cp);
const BLACK_FLAG = 0x1f3f4; // emoji subdivision flags (🏴 + tags) are the one legitimate use of tags
const isAsciiOrNone = (cp: number | undefined) => cp === undefined || cp < 0x80;

export interface Stripped {
  text: string;
  /** True when an invisible character sat where no legitimate text puts one. */
  suspicious: boolean;
}

/** Removes invisible characters; says whether any of them looked like an evasion. */
export function stripInvisible(s: string): Stripped {
  if (!ANY_INVISIBLE.test(s)) return { text: s, suspicious: false };
  const parts: string[] = [];
  let suspicious = false;
  let lastVisible: number | undefined;
  let inFlagTags = false;
  let keepFrom = 0;
  let runEnd = 0;
  let runNext: number | undefined;
  let i = 0;
  while (i < s.length) {
    const cp = s.codePointAt(i) as number;
    const width = cp > 0xffff ? 2 : 1;
    if (!isInvisible(cp)) {
      lastVisible = cp;
      inFlagTags = false;
      i += width;
      continue;
    }
    if (i > keepFrom) parts.push(s.slice(keepFrom, i));
    if (!suspicious) {
      if (isTag(cp)) {
        if (lastVisible === BLACK_FLAG || inFlagTags) inFlagTags = true;
        else suspicious = true;
      } else if (isAlwaysSuspicious(cp)) {
        suspicious = true;
      } else {
        // Contextual: look at the next visible character, once per run of invisibles
        // (looking again for each one would be quadratic on a long run).
        if (i >= runEnd) {
          let j = i + width;
          runNext = undefined;
          while (j < s.length) {
            const n = s.codePointAt(j) as number;
            if (!isInvisible(n)) {
              runNext = n;
              break;
            }
            j += n > 0xffff ? 2 : 1;
          }
          runEnd = j;
        }
        if (isAsciiOrNone(lastVisible) && isAsciiOrNone(runNext)) suspicious = true;
      }
    }
    i += width;
    keepFrom = i;
  }
  if (keepFrom < s.length) parts.push(s.slice(keepFrom));
  return { text: parts.join(""), suspicious };
}

/**
 * Text spelt in Unicode tag characters (U+E0020–E007E map to ASCII): no renderer shows it,
 * a model reads it ("ASCII smuggling"). True for a run of four or more outside an emoji
 * subdivision flag (🏴 + tag letters + U+E007F), the one legitimate use.
 */
export function hasTagText(s: string): boolean {
  if (!s.includes("\uDB40")) return false;
  let run = 0;
  let inFlag = false;
  for (let i = 0; i < s.length; i++) {
    const cp = s.codePointAt(i) as number;
    if (cp > 0xffff) i++;
    if (cp === BLACK_FLAG) inFlag = true;
    else if (cp >= 0xe0020 && cp <= 0xe007e) {
      if (!inFlag && ++run >= 4) return true;
    } else {
      if (cp !== 0xe007f) inFlag = false;
      run = 0;
    }
  }
  return false;
}
