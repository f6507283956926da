import { type Analysis, argTexts, type Cmd, type Hit } from "../facts.js";

/**
 * Out-of-band interaction services: they exist to detect blind injection and to collect what
 * it leaks (Burp Collaborator, ProjectDiscovery interactsh, dnslog, ceye, canary and request
 * bins); and the delays that time blind injection. Reconnaissance chained after a command
 * (`git status; id`) is deliberately not a finding: by what the shell does it is harmless,
 * and the own corpus keeps it legitimate.
 */
const OAST =
  /(?:^|[\s./@'"=])(?:[\w-]+\.)*(?:burpcollaborator\.net|oastify\.com|oast\.(?:pro|live|site|online|fun|me)|interact\.sh|interactsh\.com|dnslog\.cn|ceye\.io|requestbin\.(?:net|com)|requestcatcher\.com|pipedream\.net|webhook\.site|canarytokens\.com|bxss\.me|xss\.ht)\b/i;

/** shell.probe: any command naming an out-of-band interaction service. */
const OAST_HINT =
  /burpcollab|oastify|oast\.|interact|dnslog|ceye\.io|requestbin|requestcatcher|pipedream|webhook\.site|canarytokens|bxss|xss\.ht/i;

/** Loopback, the target of a ping that only waits. */
const LOOPBACK = /^(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1|0\.0\.0\.0)$/i;

/**
 * A ping of this machine that only measures time, chained to other commands (`npm test &
 * ping -i 30 127.0.0.1 &`, `make | ping -n 21 127.0.0.1`): the delay that times blind
 * injection. Ten echoes or more, or five seconds apart; a lone `ping -c 3 localhost` passes.
 */
function isDelayPing(c: Cmd): boolean {
  if (c.r.name !== "ping") return false;
  const t = argTexts(c.r);
  let loopback = false;
  let long = false;
  for (let i = 0; i < t.length; i++) {
    const arg = t[i] as string;
    if (LOOPBACK.test(arg)) loopback = true;
    const m = /^-([cni])(\d*)$/.exec(arg);
    if (m) {
      const v = Number(m[2] || t[i + 1]);
      if (m[1] === "i" ? v >= 5 : v >= 10) long = true;
    }
  }
  return loopback && long;
}

export function probe(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    if (OAST_HINT.test(c.sc.raw) && OAST.test(c.sc.raw)) return hit("shell.probe", c.sc.raw);
    if (a.cmds.length > 1 && isDelayPing(c)) return hit("shell.probe", c.sc.raw);
  }
  return false;
}
