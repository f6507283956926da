import type { Finding } from "./findings.js";
import { type ScanOptions, scanText } from "./scan-text.js";
import { mapStrings } from "./walk.js";

export interface ValueScan {
  /** The value to forward: the same reference when nothing was stripped or redacted. */
  value: unknown;
  findings: Finding[];
  /** Some finding's action is `block`. */
  blocked: boolean;
}

/** Scans every string of a JSON value (see scanText). */
export function scanValue(value: unknown, path: string, o: ScanOptions): ValueScan {
  const findings: Finding[] = [];
  const next = mapStrings(
    value,
    (text, p) => {
      const r = scanText(text, p, o);
      if (r.findings.length) findings.push(...r.findings);
      return r.findings.length ? r.text : text;
    },
    path,
  );
  return { value: next, findings, blocked: findings.some((f) => f.action === "block") };
}
