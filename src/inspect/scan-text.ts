import { redactSecrets } from "../secrets/detectors.js";
import { countAnsi, stripAnsi } from "./ansi.js";
import type { InspectionConfig } from "./config.js";
import type { Finding } from "./findings.js";
import { BLANKS_FLAG, findInjections, NOT_PLAIN_FLAG, scanForInjections } from "./injection.js";
import { countInvisible, decodeTags, stripInvisible } from "./invisible.js";

export interface ScanOptions {
  inspection: InspectionConfig;
  /** Action for injection markers at this place (definitions vs results). */
  injection: "block" | "log";
  /** Replace credentials with markers. */
  redact: boolean;
}

/**
 * Anything but printable ASCII, tab and newlines. Text without it holds no escape,
 * no invisible character and nothing NFKC changes, so most of the scan can be skipped
 * (most tool output is plain ASCII; the full scan cost ~10 µs per string).
 */
const NOT_PLAIN = /[^\t\n\r\x20-\x7e]/;

/**
 * Every run of spaces and tabs as one space. Written so that a lone space is not matched:
 * replacing each one by itself cost 10 µs per KiB of prose, more than most rules.
 */
const BLANKS = /[ \t]{2,}|\t/g;

/** Text the injection rules read: what the model reads, without the disguise. */
export function normalizeForScan(text: string): string {
  if (!NOT_PLAIN.test(text)) return text.replace(BLANKS, " ");
  const hidden = decodeTags(text);
  const visible = stripInvisible(stripAnsi(text)).normalize("NFKC").replace(BLANKS, " ");
  return hidden === "" ? visible : `${visible}\n${hidden}`;
}

// Strings shorter than this cannot hold an injection rule's two signals: skip the regexes.
const MIN_INJECTION_LENGTH = 12;

/**
 * Scans one string: ANSI, invisible characters, injection markers, secrets. Returns the
 * findings and the text to forward (stripped and redacted as the options say).
 */
export function scanText(
  text: string,
  /** The JSON path for findings, or a function that builds it (called only on a finding). */
  at: string | (() => string),
  o: ScanOptions,
): { text: string; findings: Finding[] } {
  const findings: Finding[] = [];
  let out = text;
  if (!o.inspection.enabled) return o.redact ? redactOnly(text, at) : { text, findings };
  // One pass: whether the text is plain, has runs of blanks, and which injection rules it may match.
  const flags = scanForInjections(text);
  const plain = flags[NOT_PLAIN_FLAG] === 0;
  const normal = plain && flags[BLANKS_FLAG] === 0;
  const ansi = plain ? 0 : countAnsi(text);
  if (ansi > 0) {
    findings.push({
      kind: "ansi",
      rule: "ansi-escape",
      path: pathOf(at),
      action: o.inspection.ansi,
      count: ansi,
    });
    if (o.inspection.ansi === "strip") out = stripAnsi(out);
  }
  const invisible = plain ? 0 : countInvisible(text);
  if (invisible > 0) {
    const rule = decodeTags(text) !== "" ? "unicode-tags" : "invisible-unicode";
    findings.push({
      kind: "invisible",
      rule,
      path: pathOf(at),
      action: o.inspection.invisible,
      count: invisible,
    });
    if (o.inspection.invisible === "strip") out = stripInvisible(out);
  }
  if (text.length >= MIN_INJECTION_LENGTH) {
    // Plain text without runs of blanks is its own normal form: the flags above are its own.
    const rules = normal ? findInjections(text, flags) : findInjections(normalizeForScan(text));
    for (const rule of rules) {
      findings.push({ kind: "injection", rule: rule.id, path: pathOf(at), action: o.injection });
    }
  }
  if (o.redact) {
    const r = redactOnly(out, at);
    out = r.text;
    findings.push(...r.findings);
  }
  return { text: out, findings };
}

/** A finding's path: built only now, when there is a finding. */
function pathOf(at: string | (() => string)): string {
  return typeof at === "string" ? at : at();
}

function redactOnly(
  text: string,
  at: string | (() => string),
): { text: string; findings: Finding[] } {
  const r = redactSecrets(text);
  if (r.types.length === 0) return { text, findings: [] };
  const byType = new Map<string, number>();
  for (const t of r.types) byType.set(t, (byType.get(t) ?? 0) + 1);
  const findings: Finding[] = [];
  for (const [type, count] of byType)
    findings.push({ kind: "secret", rule: type, path: pathOf(at), action: "redact", count });
  return { text: r.text, findings };
}
