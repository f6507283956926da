import { canonicalPath, hasTraversal } from "../paths.js";

const GLOB_CHAR = /[*?[{]/;
/** A segment that matches (nearly) every name: `*`, `**`, `.*`, `*.*`, `?*`. */
const MATCH_ALL = /^(?:\*{1,2}|\.\*|\*\.\*|\?\*|\*\?)$/;
/** Static prefixes at which a match-everything glob is a wipe: root, home, drive, here. */
const WIDE_PREFIX = /^(?:|\/|~|~\/|\$home\/?|\$\{home\}\/?|[a-z]:\/?|\.\/?)$/;

export function isGlob(s: string): boolean {
  return GLOB_CHAR.test(s);
}

/**
 * A glob for a delete or move that reaches the root, the home directory or out of the
 * workspace: `/*`, `~/*`, `/**`, `**` on its own, `../**`, `C:\*`. `src/**\/*.ts` and
 * `*.log` name what they match and pass.
 */
export function isWideGlob(forms: readonly string[]): boolean {
  for (const f of forms) {
    if (!isGlob(f)) continue;
    const c = canonicalPath(f);
    if (hasTraversal(c)) return true;
    const segments = c.split("/");
    const firstGlob = segments.findIndex((s) => GLOB_CHAR.test(s));
    const prefix = segments.slice(0, firstGlob).join("/");
    const rest = segments.slice(firstGlob).filter((s) => s !== "");
    if (WIDE_PREFIX.test(prefix) && rest.length > 0 && rest.every((s) => MATCH_ALL.test(s)))
      return true;
    // One glob level under the root or home: `/*/`, `/home/*`, `~/*/.ssh`.
    if ((prefix === "" && c.startsWith("/")) || prefix === "~") return true;
  }
  return false;
}
