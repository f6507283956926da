import {
  type Analysis,
  argTexts,
  type Hit,
  hasFlag,
  isRootish,
  operands,
  writeTargets,
} from "../facts.js";
import { inlineCode } from "../resolve.js";
import type { Word } from "../words.js";
import { destroysOutsideProject } from "./dev-tools.js";

/** Anything under the system's own trees (`/etc/passwd`, `/var/lib`, `/boot/grub`, `/dev/sda`). */
const SYSTEM_TREE =
  /^\/+(?:bin|boot|dev|etc|lib|lib32|lib64|libx32|sbin|sys|proc|usr|var|root|System|Library)(?:\/|$)/;
/**
 * A system directory or one level below it (`/var/lib`, `/usr/bin`, `/etc/ssh`, `/home/dev`):
 * what a recursive delete, chmod or chown must not reach. Scratch and install places an
 * agent may clean (`/tmp`, `/var/tmp`, `/var/cache/…`, `/usr/local/…`, `/opt/…`) are not.
 */
const SYSTEM_SHALLOW =
  /^\/+(?!(?:var\/(?:tmp|cache)|usr\/local|usr\/src)(?:\/|$))(?:bin|boot|dev|etc|home|lib|lib32|lib64|sbin|sys|usr|var|root|Users|System|Library)(?:\/+[^/\s*]+)?\/*\*?$/;
/** Climbing out of the workspace: `.`, `..`, `../..`. */
const CLIMB = /^(?:\.\.?)(?:\/\.\.)*\/?$/;
const wordText = (w: { text?: string | undefined; raw: string }) => w.text ?? w.raw;
const shallow = (w: { text?: string | undefined; raw: string }) =>
  SYSTEM_SHALLOW.test(wordText(w)) || CLIMB.test(wordText(w));

/** Inline code that forks in a loop (`perl -e 'fork while fork'`, `while True: os.fork()`). */
const FORK_LOOP =
  /\bfork\b[^;\n]{0,20}\b(?:while|until)\b[^;\n]{0,20}\bfork\b|(?:while|for|loop)\b[^{\n]{0,20}[{:]?\s*(?:os\.|POSIX::|Process\.|pcntl_)?fork\s*\(/;

/**
 * Inline code that deletes a tree at the root, the home directory or a top-level system
 * directory (`shutil.rmtree('/')`, `FileUtils.rm_rf("/")`, `fs.rmSync('/', {recursive})`,
 * `rmtree("/home")`, a user's home `rmtree('/home/dev')`, `rmSync(process.env.HOME, …)`):
 * `rm -rf /` spelt in the interpreter. `rmtree('build')` passes.
 */
const CODE_DELETES_ROOT =
  /\b(?:rmtree|rm_rf|rm_r|remove_dir_all|remove_all|rmSync|rmdirSync|rimraf(?:\.sync)?|removeSync|emptyDirSync|deleteRecursively)\s*\(\s*(?:Path\s*\(\s*)?(?:['"](?:\/|~\/?|\/(?:home|etc|usr|var|root|bin|boot|lib|opt|srv|Users)\/?|\/(?:home|Users)\/[\w.-]+\/?|\$HOME\/?|[A-Za-z]:[\\/]{0,2})['"]|os\.path\.expanduser\(\s*['"]~\/?['"]\s*\)|os\.environ\[\s*['"]HOME['"]\s*\]|Path\.home\(\s*\)|(?:os|require\(\s*['"](?:node:)?os['"]\s*\))\.homedir\(\s*\)|process\.env\.HOME\b|process\.env\[\s*['"]HOME['"]\s*\]|Dir\.home|ENV\[\s*['"]HOME['"]\s*\])/;

/** Taking the machine down: halting, rebooting, killing every process. */
function takesDown(n: string, t: readonly string[]): boolean {
  if (/^(?:shutdown|reboot|halt|poweroff|init|telinit)$/.test(n))
    return n !== "init" && n !== "telinit"
      ? !t.some((x) => /^(?:-c|--help)$/.test(x))
      : /^[06]$/.test(t[0] ?? "");
  if (n === "systemctl") return t.some((x) => /^(?:poweroff|reboot|halt|kexec)$/.test(x));
  if (n === "kill" || n === "pkill" || n === "killall")
    return (
      t.some((x) => x === "-1" || x === "1") && t.some((x) => /^-(?:9|KILL|SIGKILL|s)$/.test(x))
    );
  return n === "killall5";
}

/**
 * `mv x /dev/null`: a move onto a device node discards what it moves, and run as root it
 * replaces the node itself (every later write to /dev/null then fills a file). Nothing
 * else is meant by it. The destination is the last operand or `-t`/`--target-directory`.
 */
function movesOntoDevice(t: readonly string[], ops: readonly Word[]): boolean {
  let dest = ops.length >= 2 ? wordText(ops[ops.length - 1] as Word) : undefined;
  const i = t.findIndex((x) => x === "-t" || x.startsWith("--target-directory"));
  const opt = t[i];
  if (opt !== undefined) dest = opt.includes("=") ? opt.slice(opt.indexOf("=") + 1) : t[i + 1];
  return dest !== undefined && /^\/+dev\/+[^/]/.test(dest.replace(/\/\.(?=\/)/g, ""));
}

const EMPTY_SOURCE = /^\/+dev\/+(?:null|zero)$/;
const isSystemFile = (x: string) => SYSTEM_TREE.test(x) && !/^\/+dev\//.test(x);
/** `cp /dev/null /etc/hosts`, `dd if=/dev/zero of=/etc/fstab`: a system file emptied. */
function emptiesSystemFile(n: string, t: readonly string[], ops: readonly Word[]): boolean {
  if (n !== "dd") {
    if (ops.length !== 2) return false;
    const [from, to] = ops.map(wordText);
    return EMPTY_SOURCE.test(from ?? "") && isSystemFile(to ?? "");
  }
  return (
    t.some((x) => x.startsWith("if=") && EMPTY_SOURCE.test(x.slice(3))) &&
    t.some((x) => x.startsWith("of=") && isSystemFile(x.slice(3)))
  );
}

const BLOCK_DEVICE =
  /^\/dev\/(?:sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md|dm-|mapper\/|loop|sr|usb)\w*/;

/**
 * shell.destructive: recursive delete, chmod or chown of `/`, `~`, `$HOME`, top-level
 * system directories or a top-level wildcard; `--no-preserve-root`; mkfs/wipefs/fdisk and
 * `dd of=`, `shred` or `>` onto a block device; `find <root> -delete`/`-exec rm`; fork bombs;
 * `git clean -f ~`, `kubectl delete ns --all` (dev-tools.ts).
 * `rm -rf node_modules dist` and `find . -name '*.log' -delete` pass.
 */
export function destructive(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    const n = c.r.name;
    const t = argTexts(c.r);
    const ops = operands(c.r);
    if (t.includes("--no-preserve-root")) return hit("shell.destructive", c.sc.raw);
    if (
      n === "rm" &&
      hasFlag(c.r, "rR", "recursive") &&
      ops.some((w) => isRootish(w) || shallow(w))
    )
      return hit("shell.destructive", c.sc.raw);
    if (
      (n === "chmod" || n === "chown" || n === "chgrp") &&
      hasFlag(c.r, "R", "recursive") &&
      ops.slice(1).some((w) => isRootish(w) || shallow(w) || wordText(w).startsWith("/dev/"))
    )
      return hit("shell.destructive", c.sc.raw);
    // Wipers destroy what they are given: anything under a system tree is the system.
    if (
      (n === "shred" || n === "srm" || n === "wipe" || n === "truncate") &&
      ops.some((w) => SYSTEM_TREE.test(wordText(w)))
    )
      return hit("shell.destructive", c.sc.raw);
    if (n === "rsync" && t.some((x) => x.startsWith("--delete")) && ops.length >= 2) {
      const dest = ops[ops.length - 1] as Word;
      if (isRootish(dest) || shallow(dest)) return hit("shell.destructive", c.sc.raw);
    }
    if (takesDown(n, t) || destroysOutsideProject(c)) return hit("shell.destructive", c.sc.raw);
    if (c.sc.redirects.some((r) => /^\/proc\/sysrq-trigger$/.test(r.target?.text ?? "")))
      return hit("shell.destructive", c.sc.raw);
    const code = inlineCode(c.r);
    if (code && (FORK_LOOP.test(code) || CODE_DELETES_ROOT.test(code)))
      return hit("shell.destructive", c.sc.raw);
    if (n === "mv" && ops.length >= 2 && ops.slice(0, -1).some(isRootish))
      return hit("shell.destructive", c.sc.raw);
    if (n === "mv" && movesOntoDevice(t, ops)) return hit("shell.destructive", c.sc.raw);
    if ((n === "cp" || n === "install" || n === "dd") && emptiesSystemFile(n, t, ops))
      return hit("shell.destructive", c.sc.raw);
    if (
      /^(mkfs(\..+)?|mke2fs|mkswap|wipefs|fdisk|sfdisk|parted|sgdisk|blkdiscard|mkntfs)$/.test(n) &&
      t.some((x) => x.startsWith("/dev/"))
    )
      return hit("shell.destructive", c.sc.raw);
    if (
      n === "shred" &&
      t.some(
        (x) =>
          x.startsWith("/dev/") ||
          isRootish({ text: x, raw: x, subst: false, vars: [], escaped: false }),
      )
    )
      return hit("shell.destructive", c.sc.raw);
    // srm and truncate wipe whatever they are given; shred/chmod onto devices and system dirs
    if (
      (n === "srm" || n === "truncate" || n === "wipe") &&
      ops.some((w) => isRootish(w) || (w.text ?? "").startsWith("/dev/"))
    )
      return hit("shell.destructive", c.sc.raw);
    if (n === "shred" && ops.some(isRootish)) return hit("shell.destructive", c.sc.raw);
    if (
      n === "dd" &&
      t.some(
        (x) => x.startsWith("of=/dev/") && !/^of=\/dev\/(null|zero|stdout|stderr|fd\/)/.test(x),
      )
    )
      return hit("shell.destructive", c.sc.raw);
    if (n === "find") {
      const start = ops[0];
      const deletes =
        t.includes("-delete") ||
        t.some(
          (x, i) =>
            (x === "-exec" || x === "-execdir") &&
            /^(\/\S*\/)?(rm|shred|unlink)$/.test(t[i + 1] ?? ""),
        );
      if (deletes && start && isRootish(start)) return hit("shell.destructive", c.sc.raw);
    }
    for (const w of writeTargets(c))
      if (BLOCK_DEVICE.test(w)) return hit("shell.destructive", c.sc.raw);
  }
  for (const f of a.script.functions) {
    // a function that pipes into itself and backgrounds: `:(){ :|:& };:`
    if (
      f.body.pipelines.some(
        (p) => p.stages.filter((s) => s.some((sc) => sc.words[0]?.text === f.name)).length >= 2,
      )
    )
      return hit("shell.destructive", `${f.name}(){ … }`);
  }
  return false;
}
