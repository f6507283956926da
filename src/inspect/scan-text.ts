import { redactSecrets } from "../secrets/detectors.js";
import { countAnsi, stripAnsi } from "./ansi.js";
import type { InspectionConfig } from "./config.js";
import type { Finding } from "./findings.js";
import { findInjections } from "./injection.js";
import { countInvisible, decodeTags, stripInvisible } from "./invisible.js";

export interface ScanOptions {
  inspection: InspectionConfig;
  /** Action for injection markers at this place (definitions vs results). */
  injection: "block" | "log";
  /** Replace credentials with markers. */
  redact: boolean;
}

/** Text the injection rules read: what the model reads, without the disguise. */
export function normalizeForScan(text: string): string {
  const hidden = decodeTags(text);
  const visible = stripInvisible(stripAnsi(text))
    .normalize("NFKC")
    .replace(/[ \t]+/g, " ");
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
  path: string,
  o: ScanOptions,
): { text: string; findings: Finding[] } {
  const findings: Finding[] = [];
  let out = text;
  if (!o.inspection.enabled) return o.redact ? redactOnly(text, path) : { text, findings };
  const ansi = countAnsi(text);
  if (ansi > 0) {
    findings.push({
      kind: "ansi",
      rule: "ansi-escape",
      path,
      action: o.inspection.ansi,
      count: ansi,
    });
    if (o.inspection.ansi === "strip") out = stripAnsi(out);
  }
  const invisible = countInvisible(text);
  if (invisible > 0) {
    const rule = decodeTags(text) !== "" ? "unicode-tags" : "invisible-unicode";
    findings.push({
      kind: "invisible",
      rule,
      path,
      action: o.inspection.invisible,
      count: invisible,
    });
    if (o.inspection.invisible === "strip") out = stripInvisible(out);
  }
  if (text.length >= MIN_INJECTION_LENGTH) {
    for (const rule of findInjections(normalizeForScan(text))) {
      findings.push({ kind: "injection", rule: rule.id, path, action: o.injection });
    }
  }
  if (o.redact) {
    const r = redactOnly(out, path);
    out = r.text;
    findings.push(...r.findings);
  }
  return { text: out, findings };
}

function redactOnly(text: string, path: string): { text: string; findings: Finding[] } {
  const r = redactSecrets(text);
  if (r.types.length === 0) return { text, findings: [] };
  const byType = new Map<string, number>();
  for (const t of r.types) byType.set(t, (byType.get(t) ?? 0) + 1);
  const findings: Finding[] = [];
  for (const [type, count] of byType)
    findings.push({ kind: "secret", rule: type, path, action: "redact", count });
  return { text: r.text, findings };
}
