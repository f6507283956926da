import { sharedAnchors } from "../text/anchors.js";
import { literalsOf } from "../text/literals.js";
import { KEYWORD_DETECTORS } from "./keyword-rules.js";
import { VENDOR_DETECTORS } from "./vendor-rules.js";

/**
 * Credential detectors. Each pattern is anchored on a vendor prefix, a structure (PEM
 * armour, JWT header, URL userinfo) or a key word near an assignment, and most check the
 * value's entropy, so ordinary identifiers and hashes do not trip them. Values are never
 * logged: only `type`. The rule set and why it is ours: docs/secrets.md.
 */
export interface SecretDetector {
  readonly type: string;
  /** Global (`g`) pattern. */
  readonly pattern: RegExp;
  /**
   * A cheap expression every match contains (a vendor prefix, a marker, a key word). Text
   * without any detector's anchor skips all of them in one pass: the detectors scanned
   * every string of every response and request, 18 passes each: 15% of the shim's CPU
   * time per message in the profile.
   */
  readonly anchor: RegExp;
  /**
   * The capture group holding the secret, which must end the match (the rest is the name
   * and operator, kept in redacted text). The whole match when absent.
   */
  readonly group?: number;
  /** Rejects a match that is not a credential (low entropy, a placeholder, a hash). */
  readonly accept?: (secret: string, match: RegExpExecArray) => boolean;
}

/** Specific detectors first: where two match the same characters, the first names it. */
export const SECRET_DETECTORS: readonly SecretDetector[] = [
  ...VENDOR_DETECTORS,
  ...KEYWORD_DETECTORS,
];

/**
 * Every detector's anchor, as literals, in one case-insensitive pass (a superset of the
 * anchors): most text holds none and skips all detectors. The alternation of all anchors
 * as one `/i` regular expression cost 10 ns per character, a quarter of the shim's CPU on
 * a 64 KiB argument; this pass costs about 3.
 */
const SCANNER = sharedAnchors(SECRET_DETECTORS.map((d) => literalsOf(d.anchor)));

/** The detectors whose anchor the text may hold (every detector that can match). */
function candidates(text: string): readonly SecretDetector[] {
  const hits = SCANNER.scan(text);
  const at = SCANNER.offset;
  const out: SecretDetector[] = [];
  for (let i = 0; i < SECRET_DETECTORS.length; i++)
    if (hits[at + i] === 1) out.push(SECRET_DETECTORS[i] as SecretDetector);
  return out;
}

/** One credential in a text: `[start, end)` of the secret itself. */
interface Span {
  start: number;
  end: number;
  type: string;
}

/**
 * Every accepted match of every candidate detector, without overlaps (an earlier
 * detector's span wins), in text order.
 */
function findSpans(text: string, detectors = candidates(text)): Span[] {
  const found: Span[] = [];
  for (const d of detectors) {
    // exec on the shared global pattern: matchAll clones the regex on every call.
    const re = d.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m[0] === "") {
        re.lastIndex++;
        continue;
      }
      const secret = d.group === undefined ? m[0] : m[d.group];
      if (secret === undefined || secret === "") continue;
      if (d.accept && !d.accept(secret, m)) continue;
      const end = m.index + m[0].length;
      const span = { start: end - secret.length, end, type: d.type };
      if (!found.some((f) => f.start < span.end && span.start < f.end)) found.push(span);
    }
    re.lastIndex = 0;
  }
  return found.length > 1 ? found.sort((a, b) => a.start - b.start) : found;
}

/** Marker that replaces a secret in text. */
export function secretMarker(type: string): string {
  return `[REDACTED:${type}]`;
}

/** The types of credentials found in the text (one entry per occurrence). */
export function findSecrets(text: string): string[] {
  return findSpans(text).map((s) => s.type);
}

/** The text with every credential replaced by its marker, and the types replaced. */
export function redactSecrets(
  text: string,
  /** Every detector, without the prefilter: only to prove the prefilter changes nothing. */
  full = false,
): { text: string; types: string[] } {
  const spans = findSpans(text, full ? SECRET_DETECTORS : candidates(text));
  if (spans.length === 0) return { text, types: [] };
  let out = "";
  let at = 0;
  for (const s of spans) {
    out += text.slice(at, s.start) + secretMarker(s.type);
    at = s.end;
  }
  return { text: out + text.slice(at), types: spans.map((s) => s.type) };
}
