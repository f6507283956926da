/**
 * Credential detectors. Each pattern is anchored on a vendor prefix or a structure
 * (PEM armour, JWT header, URL userinfo) rather than on entropy alone, so ordinary
 * identifiers and hashes do not trip them. Values are never logged: only `type`.
 */
export interface SecretDetector {
  readonly type: string;
  readonly pattern: RegExp;
  /**
   * A cheap expression every match contains (a vendor prefix, a marker). Text without any
   * detector's anchor skips all of them in one pass: the detectors scanned every string
   * of every response and request, 18 passes each: 15% of the shim's CPU time per message in the profile.
   */
  readonly anchor: RegExp;
}

export const SECRET_DETECTORS: readonly SecretDetector[] = [
  {
    type: "private-key",
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    anchor: /PRIVATE KEY/,
  },
  {
    type: "aws-access-key-id",
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA)[0-9A-Z]{16}\b/g,
    anchor: /AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA/,
  },
  {
    type: "aws-secret-access-key",
    pattern: /\baws_?secret_?access_?key\b["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])/gi,
    anchor: /aws_?secret/i,
  },
  { type: "google-api-key", pattern: /\bAIza[0-9A-Za-z_-]{35}(?![0-9A-Za-z_-])/g, anchor: /AIza/ },
  {
    type: "azure-storage-key",
    pattern: /\bAccountKey=[A-Za-z0-9+/]{86,88}={0,2}/g,
    anchor: /AccountKey=/,
  },
  {
    type: "github-token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b/g,
    anchor: /gh[pousr]_|github_pat_/,
  },
  {
    type: "gitlab-token",
    pattern: /\b(?:glpat|glptt|gldt|glrt|gloas|glsoat|glcbt)-[A-Za-z0-9_-]{20,}\b/g,
    anchor: /(?:glpat|glptt|gldt|glrt|gloas|glsoat|glcbt)-/,
  },
  {
    type: "slack-token",
    pattern: /\bxox[abposr]-(?:[A-Za-z0-9]+-){1,4}[A-Za-z0-9]{8,}\b/g,
    anchor: /xox[abposr]-/,
  },
  {
    type: "slack-webhook",
    pattern: /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]+\/B[A-Z0-9]+\/[A-Za-z0-9]{20,}/g,
    anchor: /hooks\.slack\.com/,
  },
  {
    type: "stripe-key",
    pattern: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,}\b/g,
    anchor: /[sr]k_(?:live|test)_/,
  },
  {
    type: "anthropic-api-key",
    pattern: /\bsk-ant-(?:api|admin)\d{2}-[A-Za-z0-9_-]{80,}/g,
    anchor: /sk-ant-/,
  },
  {
    type: "openai-api-key",
    pattern: /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}T3BlbkFJ[A-Za-z0-9_-]{20,}/g,
    anchor: /T3BlbkFJ/,
  },
  { type: "npm-token", pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, anchor: /npm_/ },
  {
    type: "pypi-token",
    pattern: /\bpypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,}/g,
    anchor: /pypi-AgEIcHlwaS5vcmc/,
  },
  {
    type: "jwt",
    pattern: /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}(?![A-Za-z0-9_-])/g,
    anchor: /eyJ/,
  },
  {
    type: "connection-string",
    pattern:
      /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|ldaps?|ftp|smtps?):\/\/[^\s:/@"'`]+:[^\s@/"'`]+@[^\s"'`<>]+/gi,
    anchor: /:\/\//,
  },
  {
    type: "connection-string",
    pattern: /\b(?:Password|Pwd)=[^;"'\s]{4,}(?=;|$)/gi,
    anchor: /password=|pwd=/i,
  },
];

/** Any detector's anchor, case-insensitive (a superset): most text fails it and skips them all. */
const ANY_ANCHOR = new RegExp(SECRET_DETECTORS.map((d) => `(?:${d.anchor.source})`).join("|"), "i");

/** The detectors whose anchor the text holds. */
function candidates(text: string): readonly SecretDetector[] {
  if (!ANY_ANCHOR.test(text)) return [];
  return SECRET_DETECTORS.filter((d) => d.anchor.test(text));
}

/** Marker that replaces a secret in text. */
export function secretMarker(type: string): string {
  return `[REDACTED:${type}]`;
}

/** The types of credentials found in the text (one entry per occurrence). */
export function findSecrets(text: string): string[] {
  const found: string[] = [];
  for (const d of candidates(text)) {
    // exec on the shared global pattern: matchAll clones the regex on every call.
    const re = d.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      found.push(d.type);
      if (m[0] === "") re.lastIndex++;
    }
    re.lastIndex = 0;
  }
  return found;
}

/** The text with every credential replaced by its marker, and the types replaced. */
export function redactSecrets(text: string): { text: string; types: string[] } {
  const types: string[] = [];
  let out = text;
  // Anchors are judged on the input: a marker put in by one detector holds no anchor.
  for (const d of candidates(text)) {
    out = out.replace(d.pattern, () => {
      types.push(d.type);
      return secretMarker(d.type);
    });
  }
  return { text: out, types };
}
