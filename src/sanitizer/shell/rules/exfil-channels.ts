import {
  type Analysis,
  argTexts,
  type Cmd,
  type Hit,
  isRootish,
  mentionsSecret,
  namesRemoteHost,
  operands,
  readsSecret,
  writeTargets,
} from "../facts.js";

/**
 * Interactive transfer clients: the lines after them are typed at their prompt (`sftp
 * host` then `put .env`), unless a batch file or command option gives them their input.
 */
const CLIENTS = new Set(["sftp", "ftp", "tftp", "lftp", "ncftp", "smbclient", "telnet", "ssh"]);
const BATCH = /^-(?:b|c|e|s|f|-batchfile|-command)$/;

export function interactiveClient(c: Cmd): boolean {
  if (!CLIENTS.has(c.r.name)) return false;
  const t = argTexts(c.r);
  if (t.some((x) => BATCH.test(x))) return false;
  const ops = operands(c.r);
  // `ssh host cmd` runs cmd; only `ssh host` opens a prompt.
  if (c.r.name === "ssh") return ops.length === 1;
  return ops.length >= 1;
}

/** Mounts of a remote file system: their mount point is the remote host's disk. */
function remoteMountPoint(c: Cmd): string | undefined {
  const n = c.r.name;
  const ops = operands(c.r).map((w) => w.text ?? w.raw);
  const remoteSource = ops.some((o) => /^[^/\s]+:|^\/\/[^/]+\//.test(o) || /^[a-z]+:\/\//i.test(o));
  const fuse = /^(?:sshfs|s3fs|curlftpfs|goofys|gcsfuse|rclone)$/.test(n);
  if ((fuse || (n === "mount" && remoteSource)) && ops.length >= 2) return ops[ops.length - 1];
  return undefined;
}

const under = (path: string, dir: string) => {
  const d = dir.replace(/\/+$/, "");
  return path === d || path.startsWith(`${d}/`);
};

/**
 * shell.credential-exfil through channels that a single command does not show: a secret
 * named on a line typed into an interactive transfer client (`sftp user@host` then `put
 * ~/.ssh/id_rsa`), or copied into the mount point of a remote file system (`sshfs
 * host:/ /mnt/x` then `cp .env /mnt/x/`).
 */
export function exfilChannels(a: Analysis, hit: Hit): boolean {
  let client = false;
  const mounts: string[] = [];
  for (const c of a.cmds) {
    if (client) {
      const secret = mentionsSecret(c.sc.raw) ?? readsSecret(c);
      if (secret) return hit("shell.credential-exfil", c.sc.raw);
    }
    if (interactiveClient(c) && (namesRemoteHost(c) || c.r.name !== "ssh")) client = true;
    if (mounts.length > 0 && readsSecret(c)) {
      for (const w of writeTargets(c))
        if (mounts.some((m) => under(w, m))) return hit("shell.credential-exfil", c.sc.raw);
    }
    const m = remoteMountPoint(c);
    if (m) mounts.push(m);
  }
  return false;
}

/** Programs that print or carry off the files a search hands them. */
const READERS =
  /^(?:cat|tac|head|tail|less|more|nl|base64|base32|xxd|od|hexdump|strings|cp|scp|rsync|curl|wget|nc|ncat|tar|zip|gzip|7z|mail)$/;
/** Key files worth a search of their own, wherever it starts (`-name id_rsa`). */
const KEY_NAME =
  /id_(?:rsa|dsa|ecdsa|ed25519)\b|\.git-credentials|\.netrc\b|\.pgpass|g?shadow\b|\.aws\b|\.vault-token/i;
/** Contents that only a private key or a cloud secret holds. */
const KEY_CONTENT = /PRIVATE KEY|BEGIN OPENSSH|aws_secret_access_key|x-oauth-basic/i;

/** `-exec cat {} \;`, `-execdir base64 {} +`, `-ok cp {} …`: what find runs on each match. */
function execReader(t: readonly string[]): boolean {
  for (let i = 0; i < t.length - 1; i++)
    if (/^-(?:exec|execdir|ok|okdir)$/.test(t[i] as string) && READERS.test(t[i + 1] as string))
      return true;
  return false;
}

/**
 * path.sensitive for a hunt: key files found by name and printed or carried off (`find / -name
 * id_rsa -exec cat {} \;`, `find ~ -name '*.pem' | xargs cat`, `locate id_rsa | xargs cat`),
 * or private keys grepped out of the whole disk or home (`grep -r "PRIVATE KEY" /`) — what
 * `cat ~/.ssh/id_rsa` does, without naming the path. A search that only lists names
 * (`find / -name id_rsa`), one inside the project for certificates (`find certs -name
 * '*.pem' -exec openssl x509 …`) and `grep -rl "PRIVATE KEY" .` (a leak check) pass.
 */
export function keyHunt(a: Analysis, hit: Hit): boolean {
  for (const { p, stages } of a.pipes)
    for (let i = 0; i + 1 < stages.length; i++)
      for (const c of stages[i] ?? [])
        if (
          huntsKeys(c) &&
          stages[i + 1]?.some((d) => d.r.wrappers.includes("xargs") && READERS.test(d.r.name))
        )
          return hit("path.sensitive", p.raw);
  for (const c of a.cmds) {
    const n = c.r.name;
    if (n === "find" && huntsKeys(c) && execReader(argTexts(c.r)))
      return hit("path.sensitive", c.sc.raw);
    if (n === "grep" || n === "egrep" || n === "rg") {
      const t = argTexts(c.r);
      if (t.some((x) => /^-[a-zA-Z]*[lLcq]/.test(x) || x === "--files-with-matches")) continue;
      const recursive =
        n === "rg" || t.some((x) => /^-[a-zA-Z]*[rR]/.test(x) || x === "--recursive");
      if (recursive && t.some((x) => KEY_CONTENT.test(x)) && operands(c.r).some(isRootish))
        return hit("path.sensitive", c.sc.raw);
    }
  }
  return false;
}

/** find/locate/fd looking for key files: by a key's own name anywhere, or by any secret's from the root or home. */
function huntsKeys(c: Cmd): boolean {
  const n = c.r.name;
  if (n !== "find" && n !== "locate" && n !== "fd" && n !== "fdfind" && n !== "mlocate")
    return false;
  const t = argTexts(c.r);
  if (t.some((x) => KEY_NAME.test(x))) return true;
  const start = operands(c.r)[0];
  return n === "locate" || n === "mlocate" || (start !== undefined && isRootish(start))
    ? t.some((x) => mentionsSecret(x) !== undefined)
    : false;
}
