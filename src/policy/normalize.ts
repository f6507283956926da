const DRIVE = /^[A-Za-z]:\//;
/** Anything normalisation would change or refuse: backslash, NUL, `//`, `/.`, trailing `/`. */
const NEEDS_WORK = /[\\\0]|\/\/|\/\.|.\/$/;

/** Removes `.` and `..` segments; `..` never climbs above the root. */
function resolveSegments(segments: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of segments) {
    if (s === "" || s === ".") continue;
    if (s === "..") out.pop();
    else out.push(s);
  }
  return out;
}

/**
 * Normalises an absolute path for comparison, without touching the file system (no
 * symlink resolution: the policy judges the name the client sent). Backslashes become
 * slashes, a drive letter is upper-cased, repeated slashes collapse, `.` and `..` are
 * resolved and a trailing slash is dropped. Returns undefined for a path that cannot be
 * judged: relative, `~`, a leading `//` or `\\` (UNC), or containing a NUL byte.
 *
 * @example normalizePath("/workspace/a/../b/") // "/workspace/b"
 * @example normalizePath("c:\\Work\\x")         // "C:/Work/x"
 */
export function normalizePath(path: string): string | undefined {
  // Fast path: an absolute POSIX path with nothing to normalise is already normal.
  if (path.startsWith("/") && !NEEDS_WORK.test(path)) return path;
  if (path.includes("\0")) return undefined;
  const p = path.replaceAll("\\", "/");
  let root: string;
  let rest: string;
  if (DRIVE.test(p)) {
    root = `${(p[0] as string).toUpperCase()}:/`;
    rest = p.slice(3);
  } else if (p.startsWith("//")) {
    // A UNC share on Windows, the root on Linux: the two readings differ, so do not judge.
    return undefined;
  } else if (p.startsWith("/")) {
    root = "/";
    rest = p.slice(1);
  } else {
    return undefined;
  }
  return root + resolveSegments(rest.split("/")).join("/");
}

/** True when `path` is `root` or inside it (both already normalised). */
export function isUnder(path: string, root: string): boolean {
  if (path === root) return true;
  const base = root.endsWith("/") ? root : `${root}/`;
  return path.startsWith(base);
}
