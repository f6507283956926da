import type { RuleId } from "../rules.js";
import type { Pipeline, Script, SimpleCommand } from "./ast.js";
import { printsCredential } from "./credentials.js";
import { argTexts, type Resolved, resolveCommand } from "./resolve.js";
import type { Word } from "./words.js";

/** A simple command with its resolved program. */
export interface Cmd {
  readonly sc: SimpleCommand;
  readonly r: Resolved;
  /**
   * Facts several families ask of this command, filled on first ask (namesRemoteHost,
   * isSink, readsSecret): slots on the command cost less than a WeakMap per fact (3 % of a
   * command). The analysis may hold two Cmd objects for one command; each works it out.
   */
  readonly memo: CmdMemo;
}

interface CmdMemo {
  remote: boolean | undefined;
  sink: boolean | undefined;
  secret: string | null | undefined;
  writes: readonly string[] | undefined;
}

/** A command resolved, with its memo slots present from the start (one object shape). */
export const cmdOf = (sc: SimpleCommand): Cmd => ({
  sc,
  r: resolveCommand(sc.words),
  memo: { remote: undefined, sink: undefined, secret: undefined, writes: undefined },
});

/** One script, analysed once for all rule families. */
export interface Analysis {
  readonly script: Script;
  readonly cmds: readonly Cmd[];
  /** Pipelines with each stage's commands resolved. */
  readonly pipes: ReadonlyArray<{ p: Pipeline; stages: ReadonlyArray<readonly Cmd[]> }>;
}

/** Receives a rule that matched and the offending part; returns true to stop. */
export type Hit = (rule: RuleId, part: string) => boolean;

/** One rule family. */
export type RuleFamily = (a: Analysis, hit: Hit) => boolean;

export function analyse(script: Script): Analysis {
  const by = new Map<SimpleCommand, Cmd>();
  const cmds = script.commands.map((sc) => {
    const c = cmdOf(sc);
    by.set(sc, c);
    return c;
  });
  const pipes = script.pipelines.map((p) => ({
    p,
    stages: p.stages.map((s) => s.map((sc) => by.get(sc) ?? cmdOf(sc))),
  }));
  return { script, cmds, pipes };
}

export { argTexts } from "./resolve.js";

/** Short flags of a cluster and long flags: `-rf` → r,f; `--recursive` → recursive. */
export function hasFlag(r: Resolved, short: string, long?: string): boolean {
  for (const w of r.args) {
    const t = w.text;
    if (t === undefined) continue;
    if (t === "--") return false;
    if (long && (t === `--${long}` || t.startsWith(`--${long}=`))) return true;
    if (/^-[A-Za-z0-9]+$/.test(t) && [...short].some((c) => t.slice(1).includes(c))) return true;
  }
  return false;
}

/** Arguments that are not options (after `--` everything is an operand). */
export function operands(r: Resolved): Word[] {
  const out: Word[] = [];
  let ended = false;
  for (const w of r.args) {
    const t = w.text;
    if (!ended && t === "--") {
      ended = true;
      continue;
    }
    if (!ended && t !== undefined && t.startsWith("-") && t.length > 1) continue;
    out.push(w);
  }
  return out;
}

export const FETCHERS = new Set([
  "curl",
  "wget",
  "fetch",
  "aria2c",
  "http",
  "https",
  "xh",
  "lwp-download",
  "lwp-request",
  "GET".toLowerCase(),
  "ftp",
  "tftp",
]);
export const NET_TOOLS = new Set([
  "nc",
  "ncat",
  "netcat",
  "socat",
  "telnet",
  "openssl",
  "cryptcat",
  "pwncat",
  "ztcp", // zsh/net/tcp's client: `ztcp host port` opens a socket in the shell itself
]);
const MAILERS = new Set(["mail", "mailx", "sendmail", "mutt", "s-nail", "swaks", "msmtp"]);
const COPIERS = new Set(["scp", "rsync", "sftp", "ftp", "rclone"]);

/** Is a fetcher (curl/wget …) writing the body to stdout (no `-o`/`-O file`)? */
export function fetchesToStdout(c: Cmd): boolean {
  const n = c.r.name;
  if (!FETCHERS.has(n)) return false;
  const t = argTexts(c.r);
  if (n === "wget")
    return (
      t.some(
        (a, i) => (a === "-O" || a === "-qO" || a === "--output-document") && t[i + 1] === "-",
      ) || t.some((a) => /^-[a-zA-Z]*O-$/.test(a) || a === "--output-document=-")
    );
  if (n === "curl")
    return !t.some(
      (a) =>
        a === "-o" ||
        a === "-O" ||
        a.startsWith("--output") ||
        a === "--remote-name" ||
        /^-[a-zA-Z]*[oO]$/.test(a),
    );
  return true;
}

/** Files a fetcher saves (`curl -o f`, `wget -O f`, `wget URL` → basename of the URL). */
export function fetchedFiles(c: Cmd): string[] {
  if (!FETCHERS.has(c.r.name)) return [];
  const t = argTexts(c.r);
  const out: string[] = [];
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    if (/^-[a-zA-Z]*[oO]$/.test(a) || a === "--output" || a === "--output-document") {
      const f = t[i + 1];
      if (f && f !== "-") out.push(f);
    }
    const eq = /^--output(?:-document)?=(.+)$/.exec(a);
    if (eq?.[1] && eq[1] !== "-") out.push(eq[1]);
    if (
      /^[a-z]+:\/\//i.test(a) &&
      (c.r.name === "wget" || t.includes("-O") || t.includes("--remote-name"))
    ) {
      const base = a
        .replace(/[?#].*$/, "")
        .split("/")
        .pop();
      if (base) out.push(base);
    }
  }
  for (const rd of c.sc.redirects)
    if ((rd.op === ">" || rd.op === ">>") && rd.target?.text) out.push(rd.target.text);
  return out;
}

/**
 * A network destination in a word: a URL with a host, `user@host:`, `text@host` (finger),
 * an IPv4 literal that is not loopback or unspecified, `host.name:port` (the port found
 * first and the name looked at behind it, so a long dotted word costs one pass), or a bare
 * host name under a common public suffix (`attacker.com`, `x.example.net`: what `hping3`,
 * `lp -h`, `rlogin` or a socket call take). Suffixes that are also file extensions
 * (`.sh`, `.cc`, `.in`, `.app`, `.info`) are left out.
 */
const REMOTE_DESTINATION =
  /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,30}:\/\/(?!(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?:[:/]|$))[^\s/'"]|@(?!localhost\b)[a-z0-9-]+(?:\.[a-z0-9-]+)+|(?<![\d.])(?!127\.|0\.0\.0\.0)(?:\d{1,3}\.){3}\d{1,3}(?![\d.])|(?<=[a-z0-9-]\.[a-z]{2,63}):\d{2,5}\b|(?<![\w.@/-])\.?[a-z0-9-]+\.(?:[a-z0-9-]+\.)*(?:com|net|org|io|xyz|ru|cn|top|biz|tk|site|online|club|pw|su|onion|link|live|cloud|host|fun|icu|shop)(?![\w.-])/i;

/** Every branch of REMOTE_DESTINATION needs a `.`, `@` or `:`: words without one skip it. */
const mayNameHost = (s: string) => s.includes(".") || s.includes("@") || s.includes(":");

/** Does some word (inline code included) name a remote host? */
export function namesRemoteHost(c: Cmd): boolean {
  c.memo.remote ??= c.sc.words.some((w) => {
    const t = w.text ?? w.raw;
    return mayNameHost(t) && REMOTE_DESTINATION.test(t);
  });
  return c.memo.remote;
}

/** Does the command reach the network: a fetcher, a raw socket tool, a remote copy or mount, or a remote host in its words? */
export function reachesNetwork(c: Cmd): boolean {
  const n = c.r.name;
  // openssl reaches the network only from its client and server commands (`openssl rand`,
  // `openssl req` stay on the machine).
  if (n === "openssl") return opensslConnects(argTexts(c.r)) || namesRemoteHost(c);
  return (
    FETCHERS.has(n) || NET_TOOLS.has(n) || COPIERS.has(n) || n === "sshfs" || namesRemoteHost(c)
  );
}
const opensslConnects = (t: readonly string[]) =>
  /^(?:s_client|s_server|s_time|ocsp)$/.test(t[0] ?? "") || t.includes("-connect");

const hasRemoteOperand = (t: readonly string[]) =>
  t.some((a) => /^[^-/][^/]*:/.test(a) || /^[a-z]+:\/\//i.test(a));

/** Sends data off the machine: uploads, mail, raw sockets, remote copies. */
export function isSink(c: Cmd): boolean {
  c.memo.sink ??= sends(c);
  return c.memo.sink;
}

function sends(c: Cmd): boolean {
  const n = c.r.name;
  const t = argTexts(c.r);
  // openssl sends only from its client and server commands; `openssl req -key server.key`,
  // `x509 -in cert.pem` work on local files.
  if (n === "openssl") return opensslConnects(t);
  if (NET_TOOLS.has(n) || MAILERS.has(n)) return true;
  if (COPIERS.has(n)) return hasRemoteOperand(t);
  if (n === "ssh") return true;
  if (FETCHERS.has(n))
    return t.some(
      (a) =>
        /^(-d|--data.*|-F|--form.*|-T|--upload-file|--post-file.*|--post-data.*|--body-file.*|-X|--request)$/.test(
          a.replace(/=.*$/, ""),
        ) || /^-[a-zA-Z]*[dFT]$/.test(a),
    );
  if (n === "aws" || n === "gsutil" || n === "az") return t.includes("cp") || t.includes("sync");
  // Paste and gist uploaders publish the files they are given.
  if (n === "gh" || n === "glab")
    return /\b(?:gist (?:create|edit)|release upload|snippet create)\b/.test(t.join(" "));
  if (/^(?:gist|pastebinit|wgetpaste|ix|sprunge|termbin|transfer)$/.test(n)) return true;
  return c.sc.redirects.some((r) => /\/dev\/(tcp|udp)\//.test(r.target?.text ?? ""));
}

/**
 * Credentials and keys (by path spelling): SSH keys and config, cloud and registry
 * credentials, `.env` files (not `.env.example`), the shadow file, the environment of a
 * process, browsers' saved logins (Chromium `Login Data`, Firefox `logins.json`/`key4.db`).
 * The list follows path.sensitive, restricted to things worth stealing, plus `/etc/passwd`:
 * world-readable, but sending the account list off the machine is reconnaissance.
 */
// `*` too: a glob that selects key files (`find / -name '*.pem'`) names them as well.
const SECRET =
  /(?:^|[\s/"'=@<~*])(?:\.ssh(?:\/|\b)|id_(?:rsa|dsa|ecdsa|ed25519)\b|\.aws\/(?:credentials|config)|\.azure\/|\.config\/gcloud|\.kube\/config|\.docker\/config\.json|\.netrc\b|\.git-credentials|\.npmrc\b|\.pypirc|\.gnupg|\.password-store|\.vault-token|\.env(?:\.(?!example|sample|template|dist)[\w.-]+)?(?![\w.-])|(?:\/etc\/(?:g?shadow|sudoers|master\.passwd|passwd)\b)|\/proc\/(?:self|\d+)\/environ|credentials\.json|secrets?\.(?:ya?ml|json)|\.pem\b|\.p12\b|\.keystore\b|[\w-]*\.key\b|bash_history|zsh_history|Login Data\b|logins\.json|key[34]\.db)/i;

export function mentionsSecret(s: string): string | undefined {
  // A public key (`~/.ssh/id_ed25519.pub`) is made to be handed out (`ssh-copy-id -i …`).
  const m = SECRET.exec(s.includes(".pub") ? s.replace(/[^\s"'=@<]*\.pub(?![\w.-])/g, "") : s);
  return m ? m[0].trim() : undefined;
}

/** Does this command read a secret (as an argument, an input redirect or `printenv`)? */
export function readsSecret(c: Cmd): string | undefined {
  if (c.memo.secret === undefined) c.memo.secret = secretRead(c) ?? null;
  return c.memo.secret ?? undefined;
}

function secretRead(c: Cmd): string | undefined {
  for (const w of c.sc.words) {
    const s = mentionsSecret(w.text ?? w.raw);
    if (s) return s;
  }
  for (const r of c.sc.redirects) {
    if (r.op.startsWith("<") && r.op !== "<<") {
      const s = mentionsSecret(r.target?.text ?? r.target?.raw ?? "");
      if (s) return s;
    }
  }
  if (
    (c.r.name === "env" || c.r.name === "printenv" || c.r.name === "set") &&
    c.r.args.length === 0
  )
    return c.r.name;
  return printsCredential(c) ?? printsSecretVariable(c);
}

/** A variable named like a credential: `AWS_SECRET_ACCESS_KEY`, `GITHUB_TOKEN`, `DB_PASSWORD`. */
const SECRET_NAME = /(?:SECRET|TOKEN|PASSW(?:OR)?D|API_?KEY|PRIVATE_KEY|CREDENTIAL)/i;

/**
 * `printenv AWS_SECRET_ACCESS_KEY`, `echo "$GITHUB_TOKEN"`: a credential from the environment
 * printed, which a later stage can send like a key file. (`echo "$TOKEN" | docker login
 * --password-stdin` passes: docker login is not a sender.)
 */
function printsSecretVariable(c: Cmd): string | undefined {
  const n = c.r.name;
  if (n === "printenv") return c.r.texts.find((t) => SECRET_NAME.test(t));
  if (n !== "echo" && n !== "printf") return undefined;
  for (const w of c.r.args) for (const v of w.vars) if (SECRET_NAME.test(v)) return `$${v}`;
  return undefined;
}

/**
 * Files a command writes: output redirects, `tee`, cp/mv/install/ln targets, `sed -i`, `dd
 * of=`. Worked out once per command: five families ask.
 */
export function writeTargets(c: Cmd): readonly string[] {
  c.memo.writes ??= targetsWritten(c);
  return c.memo.writes;
}

function targetsWritten(c: Cmd): string[] {
  const out: string[] = [];
  for (const r of c.sc.redirects)
    if (/^(>|>>|>\||&>|&>>|>&|<>)$/.test(r.op) && r.target && !/^\d+$/.test(r.target.text ?? ""))
      out.push(r.target.text ?? r.target.raw);
  const n = c.r.name;
  const ops = operands(c.r).map((w) => w.text ?? w.raw);
  if (n === "tee") out.push(...ops);
  if (
    (n === "cp" || n === "mv" || n === "install" || n === "ln" || n === "rsync" || n === "scp") &&
    ops.length >= 2
  )
    out.push(ops[ops.length - 1] as string);
  if (
    (n === "sed" || n === "perl") &&
    argTexts(c.r).some((a) => /^-[a-zA-Z]*i/.test(a) || a.startsWith("--in-place"))
  )
    out.push(...ops.slice(1));
  if (n === "dd") for (const a of argTexts(c.r)) if (a.startsWith("of=")) out.push(a.slice(3));
  if (n === "truncate" || n === "touch") out.push(...ops);
  // Any program's output-file option (`git log --output=F`, `sort -o F`, `tcpdump -w F`,
  // `gcc -o F`, `wget --output-file=F`): GTFOBins "file write" through options.
  const t = argTexts(c.r);
  for (let i = 0; i < t.length; i++) {
    const a = t[i] as string;
    const eq = OUTPUT_OPTION_EQ.exec(a);
    if (eq?.[1]) out.push(eq[1]);
    else if (OUTPUT_OPTION.test(a) && t[i + 1] !== undefined) out.push(t[i + 1] as string);
  }
  return out;
}
const OUTPUT_OPTION =
  /^(?:-o|-w|--output|--output-file|--output-document|--out|--outfile|--log-file|--logfile|--write|--save|--dump)$/;
const OUTPUT_OPTION_EQ =
  /^--(?:output|output-file|output-document|out|outfile|log-file|logfile|write|save|dump)=(.+)$/;

/** `/`, `/*`, `~`, `~/`, `~/*`, `$HOME`, `${HOME}/*`, `.`/`..` climbing to nothing, top-level system dirs. */
const ROOTISH =
  /^(?:\/+\*?|\/+(?:bin|boot|dev|etc|home|lib|lib32|lib64|opt|root|sbin|srv|sys|usr|var|Users|System|Library|Applications)\/*\*?|~[\w.-]*\/*\*?|\$\{?HOME\}?\/*\*?|\.\.?\/*\*|\*|\.\*)$/;

export function isRootish(w: Word): boolean {
  // Double quotes only group (`"$HOME"/*`, `"${HOME}/"*`): the shell expands the same path.
  const s = w.text ?? w.raw.replace(/"/g, "");
  return ROOTISH.test(s.trim());
}
