import type { RuleId } from "./rules.js";

/** Slash and dot look-alikes NFKC leaves alone; mapped only for path analysis. */
const CONFUSABLES: Readonly<Record<string, string>> = {
  "\u2215": "/", // division slash
  "\u2044": "/", // fraction slash
  "\u29F8": "/", // big solidus
  "\u2216": "\\", // set minus
  "\u29F9": "\\", // big reverse solidus
  "\u3002": ".", // ideographic full stop
  "\uFF61": ".", // halfwidth ideographic full stop
};
const HAS_CONFUSABLE = /[\u2215\u2044\u29F8\u2216\u29F9\u3002\uFF61]/g;

/** Lower-cased, `/`-separated, confusables mapped, repeated separators collapsed. */
export function canonicalPath(p: string): string {
  // Padding does not hide a path: servers commonly trim, so the rules do too.
  let s = p
    .trim()
    .replace(HAS_CONFUSABLE, (c) => CONFUSABLES[c] ?? c)
    .toLowerCase();
  s = s.replaceAll("\\", "/");
  // Collapse runs of `/` (a leading `//` was already judged as UNC by the caller).
  let out = "";
  let prevSlash = false;
  for (const c of s) {
    if (c === "/") {
      if (!prevSlash) out += c;
      prevSlash = true;
    } else {
      out += c;
      prevSlash = false;
    }
  }
  return out;
}

/**
 * A `..` segment: two or more dots, optionally followed by what some servers strip or
 * ignore (`..;`, `.. `, `..:`) — the forms that defeat filters which only look for `../`.
 */
export function isDotDotSegment(seg: string): boolean {
  if (!seg.startsWith("..")) return false;
  let i = 2;
  while (seg[i] === ".") i++;
  if (i === seg.length) return true;
  const rest = seg[i];
  return rest === ";" || rest === ":" || rest === " " || rest === "\t" || rest === "?";
}

export function hasTraversal(canon: string): boolean {
  let start = 0;
  for (let i = 0; i <= canon.length; i++) {
    if (i === canon.length || canon[i] === "/") {
      if (isDotDotSegment(canon.slice(start, i))) return true;
      start = i + 1;
    }
  }
  return false;
}

/** `\\host\share`, `//host/share`, `\\?\…`, `\\.\…` (checked before separators collapse). */
export function isUncOrDevice(p: string): boolean {
  const s = p.replace(HAS_CONFUSABLE, (c) => CONFUSABLES[c] ?? c).trimStart();
  const a = s[0];
  const b = s[1];
  if ((a !== "\\" && a !== "/") || (b !== "\\" && b !== "/")) return false;
  const c = s[2];
  return c !== undefined && c !== "/" && c !== "\\";
}

export function isFileUrl(p: string): boolean {
  return /^\s*file:/i.test(p);
}

// A loop, not /[. ]+$/: that regex is quadratic on a long run of dots followed by a letter.
function trimTrailingDotsAndSpaces(seg: string): string {
  let end = seg.length;
  while (end > 0 && (seg[end - 1] === "." || seg[end - 1] === " ")) end--;
  return seg.slice(0, end);
}

/** Resolves `.` and `..` lexically; leading `..` that climb above the start are kept. */
export function resolveSegments(canon: string): {
  absolute: boolean;
  drive: boolean;
  segments: string[];
} {
  let s = canon;
  // A drive letter (`c:/windows`) is an absolute root like `/`.
  const drive = /^[a-z]:/.test(s);
  if (drive) s = s.slice(2);
  const absolute = s.startsWith("/");
  const out: string[] = [];
  for (const seg of s.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (isDotDotSegment(seg)) {
      if (out.length && out[out.length - 1] !== "..") out.pop();
      else if (!absolute) out.push("..");
      continue;
    }
    out.push(trimTrailingDotsAndSpaces(seg)); // Windows ignores them
  }
  return { absolute, drive, segments: out };
}

export interface SensitiveLists {
  /** Absolute prefixes, canonical (`/etc/shadow`). */
  prefixes: readonly string[];
  /** The prefixes that also apply under a drive letter (`c:/windows/system32`). */
  windowsPrefixes: readonly string[];
  /** Segment sequences found anywhere (`/.ssh/`, `/.config/gcloud/`), canonical, slash-wrapped. */
  segments: readonly string[];
}

const UNIX_PREFIXES = [
  "/etc/shadow",
  "/etc/gshadow",
  "/etc/passwd",
  "/etc/master.passwd",
  "/etc/sudoers",
  "/etc/ssh",
  "/etc/ssl/private",
  "/etc/security",
  "/etc/kubernetes",
  "/root",
  "/proc",
  "/sys",
  "/dev",
  "/boot",
  "/var/run/secrets",
  "/run/secrets",
  "/var/run/docker.sock",
  "/run/docker.sock",
  "/var/lib/kubelet",
];

const WINDOWS_PREFIXES = [
  "/windows/system32",
  "/windows/syswow64",
  "/windows/repair",
  "/windows/panther",
  "/windows/win.ini",
  "/windows/system.ini",
  "/winnt",
  "/boot.ini",
  "/programdata/microsoft/crypto",
  "/system volume information",
];

const DEFAULT_SEGMENTS = [
  ".ssh",
  ".gnupg",
  ".aws",
  ".azure",
  ".kube",
  ".docker",
  ".git-credentials",
  ".netrc",
  "_netrc",
  ".pgpass",
  ".pypirc",
  ".bash_history",
  ".zsh_history",
  ".psql_history",
  ".mysql_history",
  ".password-store",
  "id_rsa",
  "id_dsa",
  "id_ecdsa",
  "id_ed25519",
  "authorized_keys",
  "~root",
  "ntuser.dat",
  ".config/gcloud",
  ".config/gh",
  "library/keychains",
];

/** Paths that are never safe to expose, whatever the tool: defaults plus the policy's. */
export function sensitiveLists(extra: readonly string[] = []): SensitiveLists {
  const windowsPrefixes = [...WINDOWS_PREFIXES];
  const prefixes = [...UNIX_PREFIXES, ...WINDOWS_PREFIXES];
  const segments = DEFAULT_SEGMENTS.map((s) => `/${s}/`);
  for (const e of extra) {
    let c = canonicalPath(e.trim());
    while (c.length > 1 && c.endsWith("/")) c = c.slice(0, -1);
    if (c === "") continue;
    if (/^[a-z]:/.test(c)) {
      windowsPrefixes.push(c.slice(2));
      prefixes.push(c.slice(2));
    } else if (c.startsWith("/")) prefixes.push(c);
    else if (c.startsWith("~/")) segments.push(`/${c.slice(2)}/`);
    else segments.push(`/${c}/`);
  }
  return { prefixes, windowsPrefixes, segments };
}

const EXEMPT = new Set(["/dev/null"]);

/**
 * True when the path lands somewhere sensitive. Leading `..` that climb out of an unknown
 * start are treated as reaching `/`, so `../../../etc/passwd` is `/etc/passwd`.
 */
export function isSensitive(canon: string, lists: SensitiveLists): boolean {
  const { absolute, drive, segments } = resolveSegments(canon);
  let climbed = 0;
  while (segments[climbed] === "..") climbed++;
  const rest = segments.slice(climbed).join("/");
  const wrapped = `/${segments.join("/")}/`;
  for (const seg of lists.segments) if (wrapped.includes(seg)) return true;
  if (!absolute && climbed === 0) return false;
  const full = `/${rest}`;
  if (EXEMPT.has(full)) return false;
  // Under a drive letter only Windows places count: `C:\\dev\\repo` is not `/dev`.
  for (const p of drive ? lists.windowsPrefixes : lists.prefixes)
    if (full === p || full.startsWith(`${p}/`)) return true;
  return false;
}

/** Whether a path resolves inside one of the roots (canonical, absolute). */
export function isInsideRoots(canon: string, roots: readonly string[]): boolean {
  if (roots.length === 0) return true;
  const { absolute, segments } = resolveSegments(canon);
  const candidates = absolute
    ? [`/${segments.join("/")}`]
    : roots.map((r) => `/${resolveSegments(`${r}/${segments.join("/")}`).segments.join("/")}`);
  for (const c of candidates) {
    for (const r of roots) {
      const root = `/${resolveSegments(r).segments.join("/")}`;
      if (c === root || c.startsWith(root === "/" ? "/" : `${root}/`)) return true;
    }
  }
  return false;
}

/** Runs the path rules on one spelling of a path value. */
export function checkPath(
  value: string,
  lists: SensitiveLists,
  roots: readonly string[],
): RuleId | undefined {
  if (isFileUrl(value)) return "path.file-url";
  if (isUncOrDevice(value)) return "path.unc";
  const canon = canonicalPath(value);
  if (hasTraversal(canon)) return "path.traversal";
  if (isSensitive(canon, lists)) return "path.sensitive";
  if (!isInsideRoots(canon, roots)) return "path.outside-roots";
  return undefined;
}
