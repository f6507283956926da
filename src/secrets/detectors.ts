/**
 * Credential detectors. Each pattern is anchored on a vendor prefix or a structure
 * (PEM armour, JWT header, URL userinfo) rather than on entropy alone, so ordinary
 * identifiers and hashes do not trip them. Values are never logged: only `type`.
 */
export interface SecretDetector {
  readonly type: string;
  readonly pattern: RegExp;
  /** A substring every match contains: texts without it skip the regex (measured: the connection-string scan was ~40% of the cost on 1 MB of prose). */
  readonly hint?: string;
}

export const SECRET_DETECTORS: readonly SecretDetector[] = [
  {
    type: "private-key",
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    hint: "PRIVATE KEY",
  },
  { type: "aws-access-key-id", pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g },
  {
    type: "aws-secret-access-key",
    pattern: /\baws_?secret_?access_?key\b["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi,
  },
  { type: "google-api-key", pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g },
  {
    type: "azure-storage-key",
    pattern: /\bAccountKey=[A-Za-z0-9+/]{86,88}={0,2}/g,
    hint: "AccountKey=",
  },
  {
    type: "github-token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
  },
  {
    type: "gitlab-token",
    pattern: /\b(?:glpat|glptt|gldt|glrt|gloas|glsoat|glcbt)-[A-Za-z0-9_-]{20,}\b/g,
  },
  { type: "slack-token", pattern: /\bxox[abposr]-(?:[A-Za-z0-9]+-){1,4}[A-Za-z0-9]{8,}\b/g },
  {
    type: "slack-webhook",
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,}/g,
  },
  { type: "stripe-key", pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,}\b/g },
  { type: "anthropic-api-key", pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}/g },
  {
    type: "openai-api-key",
    pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g,
  },
  { type: "npm-token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/g },
  { type: "pypi-token", pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g },
  {
    type: "jwt",
    pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}(?![A-Za-z0-9_-])/g,
    hint: "eyJ",
  },
  {
    type: "connection-string",
    pattern:
      /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|ldaps?|ftp|smtps?):\/\/[^\s:/@"'`]+:[^\s@/"'`]+@[^\s"'`<>]+/gi,
    hint: "://",
  },
  {
    type: "connection-string",
    pattern: /\b(?:Password|Pwd)=[^;"'\s]{4,}(?=;|$)/gi,
  },
];

/** Marker that replaces a secret in text. */
export function secretMarker(type: string): string {
  return `[REDACTED:${type}]`;
}

/** The types of credentials found in the text (one entry per occurrence). */
export function findSecrets(text: string): string[] {
  const found: string[] = [];
  for (const d of SECRET_DETECTORS) {
    if (d.hint !== undefined && !text.includes(d.hint)) continue;
    d.pattern.lastIndex = 0;
    for (const _ of text.matchAll(d.pattern)) found.push(d.type);
  }
  return found;
}

/** The text with every credential replaced by its marker, and the types replaced. */
export function redactSecrets(text: string): { text: string; types: string[] } {
  const types: string[] = [];
  let out = text;
  for (const d of SECRET_DETECTORS) {
    if (d.hint !== undefined && !out.includes(d.hint)) continue;
    out = out.replace(d.pattern, () => {
      types.push(d.type);
      return secretMarker(d.type);
    });
  }
  return { text: out, types };
}
