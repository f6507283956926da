import type { SecretDetector } from "./detectors.js";
import { isPlaceholder, shannonEntropy } from "./entropy.js";

/**
 * Credentials with a structure of their own: a vendor prefix, PEM armour, a JWT header,
 * URL userinfo. Prefixes, lengths and entropy floors follow gitleaks' published rules
 * (config/gitleaks.toml, gitleaks/gitleaks@b58d3f1, 2026-07; see docs/secrets.md), which
 * skip a match whose entropy is at or below the floor. Order is priority: where two
 * detectors match the same characters, the earlier one names the finding.
 */

/** Accepts a secret whose Shannon entropy is above `floor` (gitleaks: `entropy <= floor` is skipped). */
const above =
  (floor: number) =>
  (secret: string): boolean =>
    shannonEntropy(secret) > floor;

/** How much base64 a private-key block must hold: a bare BEGIN line in code or docs is no key. */
const MIN_KEY_BODY = 40;
const BASE64_CHAR = /[A-Za-z0-9+/]/g;

/** The armour's body (between the BEGIN line and END, or the end) holds enough base64. */
function hasKeyBody(block: string): boolean {
  const start = block.indexOf("-----", 11) + 5;
  const end = block.indexOf("-----END", start);
  const body = block.slice(start, end < 0 ? block.length : end).replace(/\\[nr]/g, "");
  return (body.match(BASE64_CHAR)?.length ?? 0) >= MIN_KEY_BODY;
}

/** A URL's password is the second capture; documentation's `user:password@` is no secret. */
const realPassword = (_: string, m: RegExpExecArray): boolean =>
  m[2] !== undefined &&
  !isPlaceholder(m[2]) &&
  !/^(?:pass|pwd|pw|passwd|pass(?:word)?\d?)$/i.test(m[2]);

const DB_SCHEMES =
  "postgres(?:ql)?|mysql|mariadb|mongodb(?:\\+srv)?|rediss?|amqps?|mssql|sqlserver|oracle|cockroachdb|clickhouse|neo4j(?:\\+s)?|couchdb|ldaps?|s?ftps?|smtps?|imaps?";

export const VENDOR_DETECTORS: readonly SecretDetector[] = [
  {
    // PEM (PKCS#1/#8, EC, DSA, ENCRYPTED), OpenSSH and PGP armour; a truncated block to the end.
    type: "private-key",
    pattern:
      /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:[A-Za-z0-9+/=\s:,.@()-]|\\[nr])*?(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    anchor: /PRIVATE KEY/,
    accept: hasKeyBody,
  },
  {
    type: "putty-private-key",
    pattern:
      /PuTTY-User-Key-File-\d: [\s\S]*?Private-Lines: \d+(?:\r?\n|\\n)[A-Za-z0-9+/=\r\n\\n]+/g,
    anchor: /PuTTY-User-Key-File-/,
  },
  {
    type: "aws-access-key-id",
    pattern: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b/g,
    anchor: /A3T|AKIA|ASIA|ABIA|ACCA/,
    accept: above(3),
  },
  {
    type: "google-api-key",
    pattern: /\bAIza[\w-]{35}(?![\w-])/g,
    anchor: /AIza/,
    accept: above(4),
  },
  { type: "gcp-oauth-client-secret", pattern: /\bGOCSPX-[\w-]{28}(?![\w-])/g, anchor: /GOCSPX-/ },
  {
    type: "azure-storage-key",
    pattern: /\bAccountKey=[A-Za-z0-9+/]{86,88}={0,2}/g,
    anchor: /AccountKey=/,
    accept: above(4),
  },
  {
    // Service Bus, Event Hubs, IoT Hub connection strings.
    type: "azure-shared-access-key",
    pattern: /\bSharedAccessKey=[A-Za-z0-9+/]{42,44}={0,2}/g,
    anchor: /SharedAccessKey=/,
    accept: above(4),
  },
  {
    // A SAS token's signature (`sv=…&sig=…`), raw or percent-encoded.
    type: "azure-sas-token",
    pattern: /[?&;]sig=(?:[A-Za-z0-9+/]|%2[BbFf]|%3[Dd]){40,}/g,
    anchor: /sig=/,
    accept: above(3.5),
  },
  {
    type: "azure-ad-client-secret",
    pattern: /(?<![\w~.-])[a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34}(?![\w~.-])/g,
    anchor: /Q~/,
    accept: above(3),
  },
  {
    type: "github-token",
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_\w{82})\b/g,
    anchor: /gh[pousr]_|github_pat_/,
    accept: above(3),
  },
  {
    type: "gitlab-token",
    pattern:
      /\b(?:(?:glpat|glptt|gldt|glrt|gloas|glsoat|glcbt|glft|glimt|glagent)-[\w-]{20,}|GR1348941[\w-]{20})(?![\w-])/g,
    anchor: /(?:glpat|glptt|gldt|glrt|gloas|glsoat|glcbt|glft|glimt|glagent)-|GR1348941/,
    accept: above(3),
  },
  {
    type: "slack-token",
    pattern:
      /\b(?:xox[abposre]-(?:[A-Za-z0-9]+-){1,4}[A-Za-z0-9]{8,}|xapp-\d-[A-Z0-9]+-\d+-[a-z0-9]+)\b/g,
    anchor: /xox[abposre]-|xapp-/,
    accept: above(2),
  },
  {
    type: "slack-webhook",
    pattern:
      /(?:https?:\/\/)?hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9+/]{43,56}/g,
    anchor: /hooks\.slack\.com/,
  },
  {
    type: "stripe-key",
    pattern: /\b(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,99}\b/g,
    anchor: /[sr]k_(?:live|test|prod)_/,
    accept: above(2),
  },
  { type: "stripe-webhook-secret", pattern: /\bwhsec_[A-Za-z0-9]{32,}\b/g, anchor: /whsec_/ },
  {
    type: "anthropic-api-key",
    pattern: /\bsk-ant-(?:api|admin)\d{2}-[\w-]{80,}/g,
    anchor: /sk-ant-/,
  },
  {
    type: "openai-api-key",
    pattern:
      /\bsk-(?:(?:proj|svcacct|admin)-)?[\w-]{20,}T3BlbkFJ[\w-]{20,}|\bsk-(?:proj|svcacct|admin)-[\w-]{40,}/g,
    anchor: /T3BlbkFJ|sk-(?:proj|svcacct|admin)-/,
    accept: above(3),
  },
  { type: "groq-api-key", pattern: /\bgsk_[A-Za-z0-9]{52}\b/g, anchor: /gsk_/, accept: above(3) },
  {
    type: "perplexity-api-key",
    pattern: /\bpplx-[A-Za-z0-9]{48}\b/g,
    anchor: /pplx-/,
    accept: above(4),
  },
  {
    type: "huggingface-token",
    pattern: /\b(?:hf_|api_org_)[A-Za-z]{34}\b/g,
    anchor: /hf_|api_org_/,
    accept: above(2),
  },
  {
    type: "npm-token",
    pattern: /\bnpm_[A-Za-z0-9]{36}\b/g,
    anchor: /npm_/,
    accept: above(2),
  },
  {
    type: "pypi-token",
    pattern: /\bpypi-AgEIcHlwaS5vcmc[\w-]{50,1000}/g,
    anchor: /pypi-AgEIcHlwaS5vcmc/,
    accept: above(3),
  },
  { type: "docker-hub-token", pattern: /\bdckr_pat_[\w-]{27,}/g, anchor: /dckr_pat_/ },
  {
    type: "sendgrid-api-key",
    pattern: /\bSG\.[\w-]{22}\.[\w-]{43}\b/g,
    anchor: /SG\./,
    accept: above(2),
  },
  {
    type: "twilio-api-key",
    pattern: /\bSK[0-9a-fA-F]{32}\b/g,
    anchor: /SK[0-9a-f]{32}/i,
    accept: above(3),
  },
  {
    type: "digitalocean-token",
    pattern: /\bdo[opr]_v1_[a-f0-9]{64}\b/g,
    anchor: /do[opr]_v1_/,
    accept: above(3),
  },
  {
    type: "shopify-token",
    pattern: /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g,
    anchor: /shp(?:at|ca|pa|ss)_/,
    accept: above(2),
  },
  {
    type: "databricks-token",
    pattern: /\bdapi[a-f0-9]{32}(?:-\d)?\b/g,
    anchor: /dapi/,
    accept: above(3),
  },
  {
    type: "vault-token",
    pattern: /\bhv[sb]\.[\w-]{90,300}/g,
    anchor: /hv[sb]\./,
    accept: above(3.5),
  },
  {
    type: "linear-api-key",
    pattern: /\blin_api_[A-Za-z0-9]{40}\b/g,
    anchor: /lin_api_/,
    accept: above(2),
  },
  {
    type: "grafana-token",
    pattern: /\b(?:glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|glc_[A-Za-z0-9+/]{32,400}={0,3})/g,
    anchor: /glsa_|glc_/,
    accept: above(3),
  },
  {
    type: "age-secret-key",
    pattern: /AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}/g,
    anchor: /AGE-SECRET-KEY-1/,
  },
  {
    type: "jwt",
    // Signature optional: an unsigned (alg none) token is still a bearer credential.
    pattern: /\beyJ[\w-]{15,}\.eyJ[\w-]{15,}\.(?:[\w-]{10,})?(?![\w-])/g,
    anchor: /eyJ/,
    accept: above(3),
  },
  {
    type: "connection-string",
    pattern: new RegExp(
      `\\b(?:${DB_SCHEMES}):\\/\\/([^\\s:/@"'\`]*):([^\\s@/"'\`]+)@[^\\s"'\`<>]+`,
      "gi",
    ),
    anchor: /:\/\//,
    accept: realPassword,
  },
  {
    type: "basic-auth-url",
    pattern: /\b(?:https?|wss?):\/\/([^\s:/@"'`]+):([^\s@/"'`]+)@[^\s"'`<>]+/gi,
    anchor: /:\/\//,
    accept: realPassword,
  },
  {
    // ADO.NET / ODBC / JDBC property form.
    type: "connection-string",
    pattern: /\b(?:Password|Pwd)=([^;"'\s]{4,})(?=;|$)/gi,
    anchor: /password=|pwd=/i,
    group: 1,
    accept: (s) => !isPlaceholder(s),
  },
];
