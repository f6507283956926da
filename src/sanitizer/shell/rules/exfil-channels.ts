import {
  type Analysis,
  argTexts,
  type Cmd,
  type Hit,
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
