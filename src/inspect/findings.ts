/** What an inspection found in one string. Never carries a secret's value. */
export interface Finding {
  kind: "ansi" | "invisible" | "injection" | "secret";
  /** Rule id (injection), credential type (secret), or the kind again. */
  rule: string;
  /** JSON path inside the inspected value, e.g. `content[0].text`. */
  path: string;
  /** What was done: stripped/redacted, blocked, or only logged. */
  action: "strip" | "redact" | "block" | "log";
  /** Occurrences (ANSI sequences, hidden characters, secrets). */
  count?: number;
}

/** A short, log-safe summary: `injection:ignore-instructions@description (block)`. */
export function summarizeFindings(findings: readonly Finding[], max = 5): string {
  const parts = findings
    .slice(0, max)
    .map((f) => `${f.kind}:${f.rule}${f.path ? `@${f.path}` : ""} (${f.action})`);
  if (findings.length > max) parts.push(`+${findings.length - max} more`);
  return parts.join(", ");
}
