import type { Analysis, Hit } from "../facts.js";

/**
 * Out-of-band interaction services: they exist to detect blind injection and to collect what
 * it leaks (Burp Collaborator, ProjectDiscovery interactsh, dnslog, ceye, canary and request
 * bins). Reconnaissance chained after a command (`git status; id`) is deliberately not a
 * finding: by what the shell does it is harmless, and the own corpus keeps it legitimate.
 */
const OAST =
  /(?:^|[\s./@'"=])(?:[\w-]+\.)*(?:burpcollaborator\.net|oastify\.com|oast\.(?:pro|live|site|online|fun|me)|interact\.sh|interactsh\.com|dnslog\.cn|ceye\.io|requestbin\.(?:net|com)|requestcatcher\.com|pipedream\.net|webhook\.site|canarytokens\.com|bxss\.me|xss\.ht)\b/i;

/** shell.probe: any command naming an out-of-band interaction service. */
const OAST_HINT =
  /burpcollab|oastify|oast\.|interact|dnslog|ceye\.io|requestbin|requestcatcher|pipedream|webhook\.site|canarytokens|bxss|xss\.ht/i;

export function probe(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds)
    if (OAST_HINT.test(c.sc.raw) && OAST.test(c.sc.raw)) return hit("shell.probe", c.sc.raw);
  return false;
}
