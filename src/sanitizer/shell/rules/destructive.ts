import {
  type Analysis,
  argTexts,
  type Hit,
  hasFlag,
  isRootish,
  operands,
  writeTargets,
} from "../facts.js";

const BLOCK_DEVICE =
  /^\/dev\/(?:sd|hd|vd|xvd|nvme|mmcblk|disk|rdisk|md|dm-|mapper\/|loop|sr|usb)\w*/;

/**
 * shell.destructive: recursive delete, chmod or chown of `/`, `~`, `$HOME`, top-level
 * system directories or a top-level wildcard; `--no-preserve-root`; mkfs/wipefs/fdisk and
 * `dd of=`, `shred` or `>` onto a block device; `find <root> -delete`/`-exec rm`; fork bombs.
 * `rm -rf node_modules dist` and `find . -name '*.log' -delete` pass.
 */
export function destructive(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    const n = c.r.name;
    const t = argTexts(c.r);
    const ops = operands(c.r);
    if (t.includes("--no-preserve-root")) return hit("shell.destructive", c.sc.raw);
    if (n === "rm" && hasFlag(c.r, "rR", "recursive") && ops.some(isRootish))
      return hit("shell.destructive", c.sc.raw);
    if (
      (n === "chmod" || n === "chown" || n === "chgrp") &&
      hasFlag(c.r, "R", "recursive") &&
      ops.slice(1).some(isRootish)
    )
      return hit("shell.destructive", c.sc.raw);
    if (n === "mv" && ops.length >= 2 && ops.slice(0, -1).some(isRootish))
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
