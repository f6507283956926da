/**
 * The literals an anchor expression spells, lower-cased: `/gh[pousr]_|github_pat_/` gives
 * ghp_, gho_, ghu_, ghs_, ghr_ and github_pat_. Where the expression stops being literal
 * (a range, a quantifier) the literal is cut there: a prefix is in every text the whole
 * is in, so the set stays a necessary condition. Anything it cannot read throws, when the
 * module loads, rather than yield a set that could miss.
 */

interface Expansion {
  /** Every spelling of the part read so far. */
  strings: string[];
  /** False when a spelling was cut: nothing after it may be appended. */
  complete: boolean;
}

const MAX_SPELLINGS = 256;
const ESCAPABLE = /^[-.\\/_~^$|?*+()[\]{}=:!<>#&%@,'" ]$/;

function fail(source: string, at: number): never {
  throw new TypeError(
    `Cannot read anchor /${source}/ at ${at}: expected literals, [...], (?:...), |`,
  );
}

/** Lower-cased literals of an anchor pattern (see the module comment). */
export function literalsOf(re: RegExp): string[] {
  const spellings = spellingsOf(re);
  // The automaton folds ASCII case only, while a rule's /i folds every letter (/и/i matches
  // "И"): a non-ASCII literal could be missed where its rule matches, so none is allowed.
  if (spellings.some((s) => /[^\x00-\x7f]/.test(s)))
    throw new TypeError(`Anchor /${re.source}/ has a non-ASCII literal: leave the rule unanchored`);
  return [...new Set(spellings.map((s) => s.toLowerCase()))];
}

/** The literals of an anchor pattern as written (cut where it stops being literal). */
export function spellingsOf(re: RegExp): string[] {
  const src = re.source;
  let i = 0;

  // A class of listed characters, or undefined for one with a range (not expanded).
  const readClass = (): string[] | undefined => {
    i++; // [
    if (src[i] === "^") fail(src, i);
    const chars: string[] = [];
    let ranged = false;
    while (i < src.length && src[i] !== "]") {
      let c = src[i] as string;
      if (c === "\\") {
        c = src[++i] ?? "";
        if (!ESCAPABLE.test(c)) fail(src, i);
      } else if (c === "-" && chars.length > 0 && src[i + 1] !== "]") ranged = true;
      chars.push(c);
      i++;
    }
    if (src[i] !== "]") fail(src, i);
    i++;
    return ranged ? undefined : chars;
  };

  const isQuantifier = (c: string | undefined) => c === "?" || c === "*" || c === "+" || c === "{";

  const readAlternatives = (): Expansion => {
    const all: string[] = [];
    let complete = true;
    for (;;) {
      const seq = readSequence();
      all.push(...seq.strings);
      complete &&= seq.complete;
      if (src[i] !== "|") return { strings: all, complete };
      i++;
    }
  };

  const readSequence = (): Expansion => {
    let strings = [""];
    let complete = true;
    while (i < src.length && src[i] !== "|" && src[i] !== ")") {
      const c = src[i] as string;
      let atom: string[] | undefined;
      let atomComplete = true;
      if (c === "(") {
        if (src.startsWith("(?:", i)) i += 3;
        else if (src[i + 1] === "?") fail(src, i);
        else i++;
        const inner = readAlternatives();
        if (src[i] !== ")") fail(src, i);
        i++;
        atom = inner.strings;
        atomComplete = inner.complete;
      } else if (c === "[") {
        atom = readClass();
      } else if (c === "\\") {
        const e = src[i + 1] ?? "";
        if (!ESCAPABLE.test(e)) fail(src, i);
        atom = [e];
        i += 2;
      } else if (c === "." || c === "^" || c === "$" || isQuantifier(c)) {
        fail(src, i);
      } else {
        atom = [c];
        i++;
      }
      // An optional or repeated atom, or one not spelled out: the literal ends before it.
      if (atom === undefined || isQuantifier(src[i])) {
        complete = false;
        break;
      }
      const next: string[] = [];
      for (const s of strings) for (const a of atom) next.push(s + a);
      if (next.length > MAX_SPELLINGS) fail(src, i);
      strings = next;
      if (!atomComplete) {
        complete = false;
        break;
      }
    }
    // Skip what follows a cut, up to the end of this alternative.
    if (!complete) skipToAlternativeEnd();
    return { strings, complete };
  };

  const skipToAlternativeEnd = (): void => {
    let depth = 0;
    while (i < src.length) {
      const c = src[i];
      if (c === "\\") i++;
      else if (c === "[") {
        while (i < src.length && src[i] !== "]") i += src[i] === "\\" ? 2 : 1;
      } else if (c === "(") depth++;
      else if (c === ")") {
        if (depth === 0) return;
        depth--;
      } else if (c === "|" && depth === 0) return;
      i++;
    }
  };

  const { strings } = readAlternatives();
  if (i !== src.length) fail(src, i);
  if (strings.includes("")) fail(src, 0);
  return strings;
}
