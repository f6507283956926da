import type { Analysis, Cmd, Hit } from "../facts.js";

/**
 * Commands that only tell an attacker who and where they are (MITRE ATT&CK T1033, T1082,
 * T1016, T1049: owner, system, network configuration, connections). Run alone they are an
 * agent looking around; chained after another command they are what a command-injection
 * probe appends to see whether it ran (`npm test; id`, `make && whoami`).
 */
const RECON = new Set(
  "id whoami hostname ifconfig ipconfig netstat systeminfo tasklist ver getuid groups quser nltest sysinfo".split(
    " ",
  ),
);
/** `net view|user|localgroup|…` without changes, `uname -a`, `arp -a`, `route print`. */
function isRecon(c: Cmd): boolean {
  const n = c.r.name.toLowerCase().replace(/\.exe$/, "");
  const t = c.r.args.map((w) => (w.text ?? "").toLowerCase());
  if (RECON.has(n)) return n !== "hostname" || t.length === 0;
  if (n === "uname") return t.some((x) => /^-[a-z]*a/.test(x) || x === "--all");
  if (n === "net")
    return /^(?:view|user|users|localgroup|group|share|config|accounts|session)$/.test(t[0] ?? "");
  if (n === "arp") return t.includes("-a");
  if (n === "route") return t[0] === "print";
  return false;
}

/**
 * Timing probes of blind injection: `sleep N` as a pipeline stage or after `||` (a
 * developer sleeps after starting something, not inside a pipe), `ping -c|-n N` or
 * `ping -i N` of a loopback address (the delay is the point).
 */
function isTimingProbe(c: Cmd, piped: boolean): boolean {
  const n = c.r.name.toLowerCase().replace(/\.exe$/, "");
  const t = c.r.args.map((w) => w.text ?? "");
  if ((n === "sleep" || n === "timeout") && piped) return true;
  if (n !== "ping") return false;
  return (
    t.some((x) => /^(?:127\.\d+\.\d+\.\d+|localhost|::1)$/.test(x)) &&
    t.some((x) => /^-[cni]$/.test(x))
  );
}

/**
 * Out-of-band interaction services: they exist to detect blind injection and collect what
 * it leaks (Burp Collaborator, ProjectDiscovery interactsh, dnslog, canary and request bins).
 */
const OAST =
  /(?:^|[\s./@'"=])(?:[\w-]+\.)*(?:burpcollaborator\.net|oastify\.com|oast\.(?:pro|live|site|online|fun|me)|interact\.sh|interactsh\.com|dnslog\.cn|ceye\.io|requestbin\.(?:net|com)|requestcatcher\.com|pipedream\.net|webhook\.site|canarytokens\.com|bxss\.me|xss\.ht|ngrok-free\.app)\b/i;

/**
 * shell.probe: a command line that carries an injection probe — reconnaissance or a timing
 * probe chained after another command at the top level (inside `$(…)` it is data for the
 * outer command: `chown $(whoami) f`), or any word naming an interaction service.
 */
export function probe(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) if (OAST.test(c.sc.raw)) return hit("shell.probe", c.sc.raw);
  if (a.cmds.length < 2) return false;
  const piped = new Set<Cmd["sc"]>();
  for (const { stages } of a.pipes)
    for (let i = 1; i < stages.length; i++) for (const c of stages[i] ?? []) piped.add(c.sc);
  let before = false;
  for (const c of a.cmds) {
    const candidate = isRecon(c) || isTimingProbe(c, piped.has(c.sc));
    if (candidate && before && !insideSubstitution(c, a)) return hit("shell.probe", c.sc.raw);
    if (!candidate && !insideSubstitution(c, a)) before = true;
  }
  return false;
}

/** The command runs inside another command's `$(…)`, backticks or `<(…)`. */
function insideSubstitution(c: Cmd, a: Analysis): boolean {
  for (const o of a.cmds) {
    if (o === c) continue;
    for (const w of o.sc.words) if (w.subst && w.raw.includes(c.sc.raw)) return true;
    for (const x of o.sc.assigns) if (x.value?.subst && x.value.raw.includes(c.sc.raw)) return true;
  }
  return false;
}
