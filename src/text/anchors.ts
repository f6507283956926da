/**
 * One pass over a text for many short literals at once (Aho–Corasick), telling which
 * groups of literals occur. A rule whose every match contains one of its group's literals
 * cannot match a text where none occurs, so its regular expression is skipped: the rules
 * themselves still decide, on the whole text. Matching folds ASCII case only, which is
 * what `/i` does without the `u` flag (no non-ASCII character equals an ASCII letter
 * there), so a case-insensitive literal is found wherever such a rule could match.
 *
 * Why not a package: the npm Aho–Corasick implementations report every match with its
 * position (objects per hit, a Map per trie node); this needs only "which groups", at a
 * few ns per character, with ASCII folding built into the character classes.
 */

/** Which groups have a literal in the text: `hits[g] === 1`. */
export type GroupHits = Uint8Array;

export interface AnchorScanner {
  readonly groups: number;
  /** Where this scanner's flags start in what `scan` returns (0 unless shared). */
  readonly offset: number;
  /** The flags; for a short text they are valid until the next scan (one array is reused). */
  scan(text: string): GroupHits;
}

/**
 * Texts shorter than this reuse one flags array (an allocation per string cost more than
 * its scan); longer ones get their own, which the shared scan may keep (see scanShared):
 * a second scan of 256 characters costs more than the microtask that forgets the first.
 */
const SHORT_TEXT = 256;

/**
 * A literal that stands for any one character outside tab, LF, CR and printable ASCII
 * (an escape, an invisible or non-ASCII character): the group holding it tells whether
 * the text is plain, in the same pass.
 */
export const NOT_PLAIN = "\u0000";

const isPlain = (c: number): boolean => (c >= 0x20 && c <= 0x7e) || c === 9 || c === 10 || c === 13;

// Every UTF-16 code unit maps to a class: each character some literal uses (letters
// folded to lower case) has its own, NOT_PLAIN one for all the others outside plain text,
// and the rest class 0, which no literal holds.
function classesOf(groups: readonly (readonly string[])[]): { fold: Uint8Array; count: number } {
  const fold = new Uint8Array(65536);
  let count = 1;
  let notPlain = false;
  for (const group of groups)
    for (const literal of group) {
      if (literal === NOT_PLAIN) {
        notPlain = true;
        continue;
      }
      for (let i = 0; i < literal.length; i++) {
        const c = literal.charCodeAt(i);
        if (!isPlain(c) || (c >= 0x41 && c <= 0x5a))
          throw new TypeError(
            `Expected anchor literals of lower-case printable ASCII, got ${JSON.stringify(literal)}`,
          );
        if (fold[c] !== 0) continue;
        if (count > 254) throw new TypeError("Expected at most 254 distinct anchor characters");
        fold[c] = count;
        if (c >= 0x61 && c <= 0x7a) fold[c - 0x20] = count;
        count++;
      }
    }
  if (notPlain) {
    for (let c = 0; c < 65536; c++) if (!isPlain(c)) fold[c] = count;
    count++;
  }
  return { fold, count };
}

/**
 * Compiles groups of literals (lower-case printable ASCII, matched case-insensitively)
 * into a scanner. `scan` returns one flag per group.
 * @example compileAnchors([["ignore", "forget"], ["user"]]).scan("Forget it") // [1, 0]
 */
export function compileAnchors(groups: readonly (readonly string[])[]): AnchorScanner {
  const { fold, count: width } = classesOf(groups);
  let most = 1;
  for (const group of groups) for (const literal of group) most += literal.length;
  // The trie in typed arrays sized for the worst case (one state per literal character):
  // growing JS arrays state by state cost 45 ms and several MB of heap at start-up.
  const edges = new Int32Array(most * width).fill(-1);
  const outputs: Array<number[] | undefined> = [];
  let states = 1;
  for (const [g, group] of groups.entries()) {
    for (const literal of group) {
      if (literal === "") throw new TypeError("Expected non-empty anchor literals");
      let s = 0;
      for (let i = 0; i < literal.length; i++) {
        const k = s * width + (fold[literal.charCodeAt(i)] as number);
        if (edges[k] === -1) edges[k] = states++;
        s = edges[k] as number;
      }
      outputs[s] = [...(outputs[s] ?? []), g];
    }
  }
  // Breadth-first: failure links, the outputs of suffixes, and the full transition table.
  const fail = new Int32Array(states);
  const queue = new Int32Array(states);
  let tail = 0;
  for (let c = 0; c < width; c++) {
    const t = edges[c] as number;
    if (t === -1) edges[c] = 0;
    else queue[tail++] = t;
  }
  for (let q = 0; q < tail; q++) {
    const s = queue[q] as number;
    const inherited = outputs[fail[s] as number];
    if (inherited) outputs[s] = [...(outputs[s] ?? []), ...inherited];
    for (let c = 0; c < width; c++) {
      const k = s * width + c;
      const t = edges[k] as number;
      const viaFail = edges[(fail[s] as number) * width + c] as number;
      if (t === -1) edges[k] = viaFail;
      else {
        fail[t] = viaFail;
        queue[tail++] = t;
      }
    }
  }
  // Premultiplied targets; a state with outputs is stored negated (one load and a sign test per character).
  const table = new Int32Array(states * width);
  for (let k = 0; k < table.length; k++) {
    const t = edges[k] as number;
    table[k] = outputs[t] ? -(t * width) - 1 : t * width;
  }
  // The groups each state completes, flat: groupsOf[from[t], from[t + 1]).
  const from = new Int32Array(states + 1);
  const flat: number[] = [];
  for (let t = 0; t < states; t++) {
    from[t] = flat.length;
    flat.push(...new Set(outputs[t] ?? []));
  }
  from[states] = flat.length;
  const groupsOf = Int32Array.from(flat);
  const count = groups.length;
  const scratch = new Uint8Array(count);
  return {
    groups: count,
    offset: 0,
    scan(text: string): GroupHits {
      const n = text.length;
      const hits = n < SHORT_TEXT ? scratch.fill(0) : new Uint8Array(count);
      let s = 0;
      for (let i = 0; i < n; i++) {
        const x = table[s + (fold[text.charCodeAt(i)] as number)] as number;
        if (x >= 0) {
          s = x;
          continue;
        }
        s = -x - 1;
        const t = s / width;
        for (let k = from[t] as number; k < (from[t + 1] as number); k++)
          hits[groupsOf[k] as number] = 1;
      }
      return hits;
    },
  };
}

/**
 * Groups from every module that registers them (injection rules, the sanitizer's argument
 * rules, the secret detectors), scanned in one pass: the sanitizer and the secrets check
 * read the same argument strings, and the inspector's injection and secret scans the same
 * result strings, so the second asks for flags the first pass already has.
 */
const registry: string[][] = [];
let shared: AnchorScanner | undefined;
/** The last text scanned, who scanned it and its flags (a long text only until the current job ends). */
let lastText: string | undefined;
let lastBy = -1;
let lastHits: GroupHits = new Uint8Array(0);
let forgetting = false;
const forget = () => {
  lastText = undefined;
  forgetting = false;
};
let registrants = 0;

function scanShared(text: string, by: number): GroupHits {
  shared ??= compileAnchors(registry);
  // Same characters, same flags (`===` is one pointer compare for the same string). Only
  // another scanner takes them: the same one asking twice is a benchmark loop, not a
  // second defence, and would measure nothing.
  if (by !== lastBy && text === lastText) return lastHits;
  const hits = shared.scan(text);
  // A short text's flags sit in the reused array, kept there until the next scan: no copy,
  // and a short text is no burden to hold.
  lastText = text;
  lastBy = by;
  lastHits = hits;
  // A long one is not held past this job: a large argument must not stay in memory after its message.
  if (text.length >= SHORT_TEXT && !forgetting) {
    forgetting = true;
    queueMicrotask(forget);
  }
  return hits;
}

/**
 * A scanner for `groups` that shares its pass with every other shared scanner (see
 * registry). Its flags start at `offset` in what `scan` returns.
 */
export function sharedAnchors(groups: readonly (readonly string[])[]): AnchorScanner {
  const offset = registry.length;
  for (const g of groups) registry.push([...g]);
  shared = undefined;
  lastText = undefined;
  const by = registrants++;
  return { groups: groups.length, offset, scan: (text) => scanShared(text, by) };
}
