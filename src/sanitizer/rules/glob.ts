import { canonicalPath, hasTraversal } from "../paths.js";
import { mentionsSecret } from "../shell/facts.js";

const GLOB_CHAR = /[*?[{]/;
/** A segment that matches (nearly) every name: `*`, `**`, `.*`, `*.*`, `?*`. */
const MATCH_ALL = /^(?:\*{1,2}|\.\*|\*\.\*|\?\*|\*\?)$/;
/** Static prefixes at which a match-everything glob is a wipe: root, home, drive, here. */
const WIDE_PREFIX = /^(?:|\/|~|~\/|\$home\/?|\$\{home\}\/?|[a-z]:\/?|\.\/?)$/;

/**
 * System trees, whole or one level down: `/etc/**`, `/var/lib/**`, `/usr/local/*`, and
 * Windows' own (`C:\Users\*\**`, `C:\Windows\**`, `C:\Program Files\**`).
 */
const SYSTEM_PREFIX =
  /^\/(?:bin|boot|dev|etc|home|lib|lib32|lib64|opt|proc|root|sbin|srv|sys|usr|var)(?:\/[^/]+)?$|^[a-z]:\/(?:users|windows|program files(?: \(x86\))?|programdata)(?:\/[^/]+)?$/;

/**
 * A glob of any file tool (search, list, watch) that climbs out of the workspace:
 * `../../**` followed by a name pattern, `..\**\.ssh\*`. Reading through it is a traversal.
 */
export function isClimbingGlob(forms: readonly string[]): boolean {
  // Each brace alternative too: `{.,..,../..}/**` climbs in two of its three.
  return forms.some(
    (f) => isGlob(f) && braceAlternatives(f).some((g) => hasTraversal(canonicalPath(g))),
  );
}

export function isGlob(s: string): boolean {
  return GLOB_CHAR.test(s);
}

/** A glob's static directory before its first wildcard segment, and the segments from there. */
function splitAtGlob(canon: string): { prefix: string; rest: string[] } {
  const segments = canon.split("/");
  const firstGlob = segments.findIndex((s) => GLOB_CHAR.test(s));
  return {
    prefix: segments.slice(0, firstGlob).join("/"),
    rest: segments.slice(firstGlob).filter((s) => s !== ""),
  };
}

/**
 * A glob for a delete or move that reaches the root, the home directory or out of the
 * workspace: `/*`, `~/*`, `/**`, `**` on its own, `../**`, `C:\*`. `src/**\/*.ts` and
 * `*.log` name what they match and pass.
 */
export function isWideGlob(forms: readonly string[]): boolean {
  for (const f of forms) {
    if (!isGlob(f)) continue;
    if (braceAlternatives(f).some((g) => hasTraversal(canonicalPath(g)))) return true;
    const c = canonicalPath(f);
    const { prefix, rest } = splitAtGlob(c);
    const everything = rest.length > 0 && rest.every((s) => MATCH_ALL.test(s));
    if (everything && (WIDE_PREFIX.test(prefix) || SYSTEM_PREFIX.test(prefix))) return true;
    // One glob level under the root or home: `/*/`, `/home/*`, `~/*/.ssh`.
    if ((prefix === "" && c.startsWith("/")) || prefix === "~") return true;
  }
  return false;
}

/** The root, the home directory or a drive, as a path (not a glob). */
const WIDE_TARGET = /^(?:\/|~|\$home|\$\{home\}|[a-z]:)$/i;

/**
 * A delete or move target that is the root, the home directory, a drive or a whole system
 * tree (`/`, `~`, `C:\`, `/etc`, `/usr/local`): what a wide glob would match, named at once.
 * `build/`, `/tmp/x` and `/home/dev/project/dist` pass.
 */
export function isWideTarget(forms: readonly string[]): boolean {
  for (const f of forms) {
    if (isGlob(f)) continue;
    const c = canonicalPath(f.trim());
    const bare = c.length > 1 ? c.replace(/\/+$/, "") : c;
    if (WIDE_TARGET.test(bare) || SYSTEM_PREFIX.test(bare)) return true;
  }
  return false;
}

/** Starts at the root, the home directory or a drive and matches everything below. */
const DISK_PREFIX = /^(?:\/|~|~\/|\$home\/?|\$\{home\}\/?|[a-z]:\/?)$/;

/**
 * A search or list glob over the whole disk or home directory (`/**`, `/**\/*`, `~/**`,
 * `C:\**`): every file on the machine, outside the workspace. `**\/*.ts`, `src/**` and
 * `~/notes/**\/*.md` pass.
 */
export function isWholeDiskGlob(forms: readonly string[]): boolean {
  for (const f of forms) {
    if (!isGlob(f)) continue;
    for (const g of braceAlternatives(f)) {
      const c = canonicalPath(g);
      const { prefix, rest } = splitAtGlob(c);
      const disk = (prefix === "" && c.startsWith("/")) || DISK_PREFIX.test(prefix);
      if (disk && rest.length > 0 && rest.every((x) => MATCH_ALL.test(x))) return true;
    }
  }
  return false;
}

/**
 * The patterns a glob's first `{a,b}` group stands for (`/{etc,root}/**` is `/etc/**` and
 * `/root/**`), at most 16; the glob itself when it has none. Later groups stay as written.
 */
export function braceAlternatives(g: string): string[] {
  const open = g.indexOf("{");
  const close = open < 0 ? -1 : g.indexOf("}", open);
  if (close < 0) return [g];
  const body = g.slice(open + 1, close);
  if (!body.includes(",") || body.includes("{")) return [g];
  const head = g.slice(0, open);
  const tail = g.slice(close + 1);
  return body
    .split(",")
    .slice(0, 16)
    .map((alt) => head + alt + tail);
}

/** System trees that hold secrets (`/etc/shadow`, `/proc/1/environ`), whole or one level down. */
const SECRET_TREE = /^\/(?:etc|root|proc|sys|boot|dev)(?:\/[^/]+)?$/;
/**
 * Inside a home directory's key stores, wherever the glob starts (`**\/.ssh/id_*`,
 * `*\/.aws/credentials`, `**\/.gnupg/*`): a workspace holds no such directory, so matching
 * into one, or for SSH private keys by name (`**\/id_rsa*`), is a hunt for the user's keys. (`.docker/` and `.azure/` folders of a project hold
 * compose files and pipelines: only their credential files count.)
 */
const KEY_STORE =
  /(?:^|\/)(?:\.(?:ssh|gnupg|aws|kube)\/(?:[^/]*\*|id_|credentials|config|private)|\.docker\/config\.json|\.azure\/(?:credentials|accesstokens)|id_(?:rsa|dsa|ecdsa|ed25519)\b)/i;
/** Starts at the root, the home directory or a drive: outside the workspace. */
const OUTSIDE_START = /^(?:\/|~|\$home|\$\{home\}|[a-z]:\/)/;

/**
 * A glob of any file tool (search, list, read) that starts outside the workspace and selects
 * key files or a tree of system secrets: `~/**\/*.pem`, `/home/*\/.ssh/*`, `/etc/**`,
 * `/proc/*\/environ`. A glob inside the project (`**\/*.ts`, `src/**`) and one outside it
 * naming nothing sensitive (`/var/log/**\/*.log`) pass.
 */
export function isSensitiveGlob(forms: readonly string[]): boolean {
  for (const f of forms) {
    if (!isGlob(f)) continue;
    // Each alternative of a brace group is a pattern of its own (`{/etc/passwd,src/*.ts}`).
    for (const g of braceAlternatives(f)) {
      const c = canonicalPath(g);
      if (KEY_STORE.test(c)) return true;
      if (!OUTSIDE_START.test(c)) continue;
      if (mentionsSecret(g) !== undefined) return true;
      if (SECRET_TREE.test(splitAtGlob(c).prefix)) return true;
    }
  }
  return false;
}
