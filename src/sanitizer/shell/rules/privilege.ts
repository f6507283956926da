import { type Analysis, argTexts, type Hit, operands, writeTargets } from "../facts.js";
import { isShellOrInterpreter, ROOT_WRAPPERS, readsProgramFromStdin, SHELLS } from "../resolve.js";
import { hostEscape } from "./containers.js";
import { isInteractive, startsShell } from "./launchers.js";
import { isShell, runsShellValue } from "./shell-escape.js";

/** The sudoers file, or a sudo grant written anywhere (`dev ALL=(ALL) NOPASSWD: ALL`). */
const SUDO_GRANT = /\/etc\/sudoers|\bNOPASSWD\s*:/;

const AUTH_FILES =
  /^\/etc\/(?:sudoers(?:\.d\/.*)?|passwd|shadow|group|gshadow|doas\.conf|pam\.d\/.*|security\/.*)$/;
const ROOT_SHELL =
  /(?:^|[^\w.]|(?<=(?:^|\/)\.\.))\/(?:usr\/)?(?:local\/)?bin\/(?:ba|z|da|k|c|tc|fi|a)?sh\b|--shell-escape|write18|^!\/?\w*sh\b/;
const LOCAL_PACKAGE = /^(?:dpkg|apt|apt-get|rpm|yum|dnf|zypper|opkg|apk|snap|installer|gdebi)$/;
const CONTAINER = /^(?:docker|podman|nerdctl|ctr|crictl|lxc|incus|systemd-nspawn)$/;
/** chmod modes that set the setuid or setgid bit: `u+s`, `+s`, `g+s`, `4755`, `2755`, `6755`. */
const SETID = /^(?:[ugoa]*\+[rwxXt]*s|[0-7]?[2467][0-7]{3})$/;

/**
 * shell.privilege: becoming root or granting it — `sudo su`, `sudo -i`/`-s`, `sudo bash`,
 * `su` (root), setuid/setgid bits, setcap, writes to sudoers/passwd/shadow/group,
 * `visudo`, `passwd`/`chpasswd`, adding a user to sudo/wheel/root/docker, uid 0 users.
 * `sudo apt-get install …` passes: that is the ordinary use of sudo.
 */
export function privilege(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    const n = c.r.name;
    const t = argTexts(c.r);
    const viaSudo = c.r.wrappers.some((w) => ROOT_WRAPPERS.has(w));
    // `getent shadow` prints the password hashes, as reading /etc/shadow does (getent(1)).
    if (n === "getent" && (t[0] === "shadow" || t[0] === "gshadow"))
      return hit("shell.privilege", c.sc.raw);
    if (viaSudo && (n === "su" || (SHELLS.has(n) && c.r.args.length === 0)))
      return hit("shell.privilege", c.sc.raw);
    // A root prompt of any shell or interpreter (`sudo pwsh`, `sudo tclsh`, `sudo elvish`).
    const prompt = isShellOrInterpreter(n)
      ? readsProgramFromStdin(c.r)
      : isShell(n) && operands(c.r).length === 0;
    if (viaSudo && prompt) return hit("shell.privilege", c.sc.raw);
    // Root running anything that falls back to a shell (`sudo script`, `sudo chroot /`,
    // `sudo capsh --`) or has a shell escape one keystroke away (`sudo less`, `sudo ncdu`).
    if (viaSudo && (startsShell(c) !== undefined || isInteractive(n)))
      return hit("shell.privilege", c.sc.raw);
    // Root handed a shell through its environment (`sudo VISUAL='/bin/sh -s --' less`,
    // `sudo RESTIC_PASSWORD_COMMAND='/bin/sh …' restic`).
    if (viaSudo && runsShellValue(c) !== undefined) return hit("shell.privilege", c.sc.raw);
    // Root installing a local package file runs its maintainer scripts as root.
    if (viaSudo && LOCAL_PACKAGE.test(n) && t.some((x) => /\.(?:deb|rpm|apk|pkg|snap)$/.test(x)))
      return hit("shell.privilege", c.sc.raw);
    // A container that mounts the host's root or joins its process namespace is root on it.
    if (CONTAINER.test(n) && hostEscape(t)) return hit("shell.privilege", c.sc.raw);
    // Any program pointed at the sudoers file or handed a sudo grant: `hashcat -o
    // /etc/sudoers.d/x`, `shuf -e 'dev ALL=(ALL) NOPASSWD: ALL' -o …`, `tee /etc/sudoers`.
    if (c.sc.words.some((w) => SUDO_GRANT.test(w.text ?? w.raw)))
      return hit("shell.privilege", c.sc.raw);
    if (c.sc.redirects.some((r) => SUDO_GRANT.test(r.target?.text ?? r.target?.raw ?? "")))
      return hit("shell.privilege", c.sc.raw);
    if (
      (c.r.name === "sudo" || c.r.name === "doas") &&
      c.r.args.every((w) => /^-[a-zA-Z]*[isE]+$/.test(w.text ?? "")) &&
      c.r.args.some((w) => /[is]/.test(w.text ?? ""))
    )
      return hit("shell.privilege", c.sc.raw);
    if (c.r.wrapperFlags.some((f) => /^-[a-zA-Z]*[is]$/.test(f)) && c.r.name === "")
      return hit("shell.privilege", c.sc.raw);
    if (n === "su" && !t.some((x) => x === "-c" || x === "--command"))
      return hit("shell.privilege", c.sc.raw);
    if (n === "chmod" && operands(c.r).some((w) => SETID.test(w.text ?? "")))
      return hit("shell.privilege", c.sc.raw);
    if (n === "setcap" || n === "visudo" || n === "chpasswd" || n === "newgrp")
      return hit("shell.privilege", c.sc.raw);
    if (n === "passwd" && !t.includes("-S") && !t.includes("--status"))
      return hit("shell.privilege", c.sc.raw);
    if (
      (n === "usermod" || n === "gpasswd" || n === "adduser" || n === "useradd") &&
      t.some(
        (x) =>
          /^(sudo|wheel|root|admin|docker)$/.test(x) || /(^|,)(sudo|wheel|root|admin)(,|$)/.test(x),
      )
    )
      return hit("shell.privilege", c.sc.raw);
    if (
      (n === "useradd" || n === "usermod") &&
      t.some((x, i) => (x === "-u" || x === "--uid") && t[i + 1] === "0")
    )
      return hit("shell.privilege", c.sc.raw);
    // GTFOBins "sudo" entries: a root program told to spawn a shell (`sudo find . -exec
    // /bin/sh \;`, `sudo vi -c ':set shell=/bin/sh'`, `sudo latex --shell-escape`).
    if (viaSudo && !SHELLS.has(n) && c.r.args.some((w) => ROOT_SHELL.test(w.text ?? w.raw)))
      return hit("shell.privilege", c.sc.raw);
    for (const w of writeTargets(c))
      if (AUTH_FILES.test(w)) return hit("shell.privilege", c.sc.raw);
  }
  return false;
}
