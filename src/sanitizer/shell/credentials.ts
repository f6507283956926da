import type { Cmd } from "./facts.js";
import { argTexts } from "./resolve.js";

/**
 * CLIs that print a credential on stdout (their docs): `gh auth token`, `gcloud auth
 * print-access-token`, `az account get-access-token`, `aws configure get …secret…`/`aws
 * sts get-session-token`/`aws ecr get-login-password`, `kubectl config view --raw`,
 * `git credential fill`, `security find-*-password -w`, `pass show`, `op read`, `vault
 * read|kv get`, `docker-credential-* get`, `gpg --export-secret-keys` (private keys).
 */
const CREDENTIAL_CLIS =
  /^(?:gh|gcloud|az|aws|kubectl|git|security|pass|op|vault|gpg2?|docker-credential-.*)$/;

export function printsCredential(c: Cmd): string | undefined {
  const n = c.r.name;
  if (!CREDENTIAL_CLIS.test(n)) return undefined;
  const t = argTexts(c.r).join(" ");
  const hit =
    (n === "gh" && /\bauth token\b/.test(t)) ||
    (n === "gcloud" && /\bprint-(?:access|identity)-token\b/.test(t)) ||
    (n === "az" && /\bget-access-token\b/.test(t)) ||
    (n === "aws" &&
      /\b(?:configure (?:get|export-credentials)|get-session-token|get-login-password|get-secret-value)\b/.test(
        t,
      )) ||
    (n === "kubectl" && /\bconfig view\b/.test(t) && /--raw|--flatten/.test(t)) ||
    (n === "git" && /\bcredential(?:-\w+)? (?:fill|get)\b/.test(t)) ||
    (n === "security" &&
      /find-(?:generic|internet)-password/.test(t) &&
      /(?:^|\s)-[gw]\b/.test(t)) ||
    (n === "pass" && !/^(?:ls|list|find|search|init|git|help)\b/.test(t)) ||
    (n === "op" && /^(?:read|item get|signin)\b/.test(t)) ||
    (n === "vault" && /^(?:read|kv get)\b/.test(t)) ||
    (n.startsWith("gpg") && /--export-secret-(?:sub)?keys\b/.test(t)) ||
    (n.startsWith("docker-credential-") && t === "get");
  return hit ? `${n} ${t}`.trim() : undefined;
}
