import { INJECTION_RULES, type InjectionRule } from "../../text/injection.js";

/**
 * The response-side rules that speak to the model. Left out: requests for key files and
 * `curl -d $(…)` exfiltration, which in an argument are ordinary script content
 * (`cat ~/.ssh/authorized_keys` in an install script); the shell and path rules judge those.
 */
const ARGUMENT_RULES = INJECTION_RULES.filter(
  (r) => r.id !== "sensitive-file-request" && r.id !== "exfiltrate-to-url",
);

// Shorter strings cannot hold a rule's two signals (the response side skips them too).
const MIN_LENGTH = 12;

/**
 * Prompt injection riding in an argument (a message, an issue body, a file written for the
 * next agent): the response-side rules (src/text/injection.ts), which need two signals each,
 * so prose that only mentions prompts or security passes. The value is already normalised
 * (invisible characters removed, NFKC); runs of blanks are squeezed as on the response side.
 */
export function findArgumentInjection(plain: string): InjectionRule | undefined {
  if (plain.length < MIN_LENGTH) return undefined;
  const text = /[ \t]{2}/.test(plain) ? plain.replace(/[ \t]+/g, " ") : plain;
  for (const r of ARGUMENT_RULES) if (r.pattern.test(text)) return r;
  return undefined;
}
