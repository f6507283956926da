import { type Cmd, hasFlag, isRootish, operands } from "../facts.js";
import type { Word } from "../words.js";

/** `/`, `~`, `$HOME`, a top-level system dir, or a climb out (`..`, `../..`): not the workspace. */
const outside = (w: Word | undefined): boolean => {
  if (w === undefined) return false;
  const s = w.text ?? w.raw;
  if (/^\.\.(?:\/\.\.)*\/?$/.test(s)) return true;
  return isRootish(w) && !/^[.*]/.test(s);
};

const NAMESPACES = /^(?:ns|namespaces?)$/;

/**
 * Developer tools told to destroy what lies outside the project: `git clean -f` of `/` or `~`
 * (also through `git -C ~`), and `kubectl delete` of every namespace (`ns --all`) or of every
 * object across all namespaces (`--all -A`). In-project cleaning (`git clean -fdx`) and
 * deleting named objects (`kubectl delete pod x`, `kubectl delete pods --all` in the current
 * namespace) are everyday work and pass. `docker system prune` removes only unused objects:
 * it passes too.
 */
export function destroysOutsideProject(c: Cmd): boolean {
  const ops = operands(c.r);
  if (c.r.name === "git") {
    const t = c.r.args.map((w) => w.text ?? "");
    const clean = t.indexOf("clean");
    if (clean < 0 || !hasFlag(c.r, "f", "force")) return false;
    const dirFlag = t.findIndex((x, i) => x === "-C" && i < clean);
    if (dirFlag >= 0 && outside(c.r.args[dirFlag + 1])) return true;
    return c.r.args.slice(clean + 1).some((w) => !(w.text ?? "").startsWith("-") && outside(w));
  }
  if (c.r.name === "kubectl" && ops[0]?.text === "delete") {
    const all = hasFlag(c.r, "", "all");
    if (!all) return false;
    if (NAMESPACES.test(ops[1]?.text ?? "")) return true;
    return hasFlag(c.r, "A", "all-namespaces");
  }
  return false;
}
