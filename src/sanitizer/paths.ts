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
const HAS_CONFUSABLE = /[\u2215\u2044\u29F8\u2216\u29F9\u3002\uFF61]/;

// split/join, not replaceAll or a /g regex: on a megabyte of matches those are 4-8x slower.
function mapConfusables(s: string): string {
  if (!HAS_CONFUSABLE.test(s)) return s;
  let out = s;
  for (const [from, to] of Object.entries(CONFUSABLES)) out = out.split(from).join(to);
  return out;
}

/** Lower-cased, `/`-separated, confusables mapped, repeated separators collapsed. */
export function canonicalPath(p: string): string {
  // Padding does not hide a path: servers commonly trim, so the rules do too.
  const s = mapConfusables(p.trim()).toLowerCase();
  const slashed = s.includes("\\") ? s.split("\\").join("/") : s;
  if (!slashed.includes("//")) return slashed;
  // Runs of `/` collapse (a leading `//` was already judged as UNC by the caller).
  const parts = slashed.split("/");
  return parts.filter((seg, i) => seg !== "" || i === 0 || i === parts.length - 1).join("/");
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
    if (i === canon.length || canon.charCodeAt(i) === 47 /* / */) {
      // Slice only segments that start with `..`: most do not, and slicing each is costly.
      if (
        canon.charCodeAt(start) === 46 &&
        canon.charCodeAt(start + 1) === 46 &&
        isDotDotSegment(canon.slice(start, i))
      )
        return true;
      start = i + 1;
    }
  }
  return false;
}

/**
 * A path whose `..` segments may leave where it starts: any `..` variant other than a plain
 * `..` (`..;`, `....`), any `..` in an absolute, home or drive path, or a relative path that
 * climbs above its own start. `src/../package.json` stays inside the directory it is
 * resolved against, as every relative path does; `src/../../x` does not. Only for a value
 * as sent: a `..` that appears after decoding or normalisation (`uploads/%2e%2e/x`) was
 * hidden, and hiding it is the attack.
 */
export function climbsOut(canon: string): boolean {
  if (!hasTraversal(canon)) return false;
  const c0 = canon.charCodeAt(0);
  if (c0 === 47 /* / */ || c0 === 126 /* ~ */ || /^[a-z]:/.test(canon)) return true;
  let depth = 0;
  for (const seg of canon.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (--depth < 0) return true;
    } else if (isDotDotSegment(seg) || seg.includes("..")) return true;
    else depth++;
  }
  return false;
}

/**
 * A `..` path as sent that climbs out of its start, or whose in-start result names a system
 * place as a server rooted at `/` would read it (`uploads/../etc/passwd`). A backslash
 * (mixed or Windows separators, what filters that normalise one of them miss) is judged by
 * the caller as a traversal outright.
 */
function landsOutside(canon: string, lists: SensitiveLists): boolean {
  // Ending in `..` names a parent directory itself (`uploads/..`): a listing probe.
  if (climbsOut(canon) || /(?:^|\/)\.\.\/?$/.test(canon)) return true;
  // Leaving a directory a server serves or stores user content in is the classic escape.
  const parts = canon.split("/");
  if (DATA_DIRS.has(parts[parts.indexOf("..") - 1] ?? "")) return true;
  const { segments } = resolveSegments(canon);
  return (
    isSensitive(`/${segments.join("/")}`, lists) ||
    SYSTEM_TOP.has(segments[0] ?? "") ||
    segments.some((seg) => APP_SECRETS.has(seg))
  );
}
/** Directories of served or uploaded content, which a server confines a request to. */
const DATA_DIRS = new Set(
  "upload uploads static public media assets files file images img download downloads attachments storage content www wwwroot htdocs html webroot data tmp temp cache userfiles".split(
    " ",
  ),
);
/** What escaping an upload or static directory reads: a web app's own secrets and config. */
const APP_SECRETS = new Set(
  ".htaccess .htpasswd web.config wp-config.php config.php configuration.php settings.py local_settings.py application.properties application.yml web-inf meta-inf .git .svn .env database.yml secrets.yml credentials.yml.enc".split(
    " ",
  ),
);
/** Top-level names of system trees, Unix and Windows. */
const SYSTEM_TOP = new Set(
  "etc proc sys dev boot root var usr bin sbin lib lib64 opt home srv mnt tmp windows winnt inetpub boot.ini win.ini system32 users".split(
    " ",
  ),
);

/** `\\host\share`, `//host/share`, `\\?\…`, `\\.\…` (checked before separators collapse). */
export function isUncOrDevice(p: string): boolean {
  const s = mapConfusables(p.trimStart().slice(0, 3)); // only the first three characters matter
  const a = s[0];
  const b = s[1];
  if ((a !== "\\" && a !== "/") || (b !== "\\" && b !== "/")) return false;
  const c = s[2];
  return c !== undefined && c !== "/" && c !== "\\";
}

export function isFileUrl(p: string): boolean {
  // `File::Find` is a Perl module, not a URL.
  return /^\s*file:(?!:)/i.test(p);
}

// A loop, not /[. ]+$/: that regex is quadratic on a long run of dots followed by a letter.
function trimTrailingDotsAndSpaces(seg: string): string {
  const last = seg.charCodeAt(seg.length - 1);
  if (last !== 46 && last !== 32) return seg;
  let end = seg.length;
  while (end > 0 && (seg[end - 1] === "." || seg[end - 1] === " ")) end--;
  return seg.slice(0, end);
}

/** Resolves `.` and `..` lexically; leading `..` that climb above the start are kept. */
export interface Resolved {
  absolute: boolean;
  drive: boolean;
  segments: string[];
}

export function resolveSegments(canon: string): Resolved {
  let s = canon;
  // A drive letter (`c:/windows`) is an absolute root like `/`.
  const drive = /^[a-z]:/.test(s);
  if (drive) s = s.slice(2);
  const absolute = s.startsWith("/");
  const out: string[] = [];
  for (const seg of s.split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg.charCodeAt(0) === 46 && isDotDotSegment(seg)) {
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
  /** Most segments in any prefix: only that many leading segments need comparing. */
  prefixDepth: number;
  /** The prefixes that also apply under a drive letter (`c:/windows/system32`). */
  windowsPrefixes: readonly string[];
  /** Segment names found anywhere (`.ssh`, `id_rsa`). */
  names: ReadonlySet<string>;
  /** Their lengths: a segment of another length is not looked up (no slice, no hash). */
  nameLengths: ReadonlySet<number>;
  /** Multi-segment sequences found anywhere (`/.config/gcloud/`), slash-wrapped. */
  sequences: readonly string[];
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
  const segments = [...DEFAULT_SEGMENTS];
  for (const e of extra) {
    let c = canonicalPath(e.trim());
    while (c.length > 1 && c.endsWith("/")) c = c.slice(0, -1);
    if (c === "") continue;
    if (/^[a-z]:/.test(c)) {
      windowsPrefixes.push(c.slice(2));
      prefixes.push(c.slice(2));
    } else if (c.startsWith("/")) prefixes.push(c);
    else segments.push(c.startsWith("~/") ? c.slice(2) : c);
  }
  const names = new Set(segments.filter((s) => !s.includes("/")));
  const sequences = segments.filter((s) => s.includes("/")).map((s) => `/${s}/`);
  const prefixDepth = Math.max(...prefixes.map((p) => p.split("/").length));
  const nameLengths = new Set([...names].map((n) => n.length));
  return { prefixes, windowsPrefixes, prefixDepth, names, nameLengths, sequences };
}

const EXEMPT = new Set(["/dev/null"]);

/**
 * A canonical path that resolution would not change: no `.` or `..` segments and no segment
 * ending in a dot or blank. Such paths are judged with string operations, without building
 * an array of segments (which dominates the cost on megabyte paths).
 */
export function isSimplePath(canon: string): boolean {
  let segStart = 0;
  for (let i = 0; i <= canon.length; i++) {
    if (i < canon.length && canon.charCodeAt(i) !== 47) continue;
    if (i > segStart) {
      if (
        canon.charCodeAt(segStart) === 46 &&
        (i - segStart === 1 || canon.charCodeAt(segStart + 1) === 46)
      )
        return false;
      const last = canon.charCodeAt(i - 1);
      if (last === 46 || last === 32) return false;
    }
    segStart = i + 1;
  }
  return true;
}

function splitDrive(canon: string): { drive: boolean; body: string } {
  const drive = /^[a-z]:/.test(canon);
  return { drive, body: drive ? canon.slice(2) : canon };
}

function isSensitiveSimple(canon: string, lists: SensitiveLists): boolean {
  const { drive, body } = splitDrive(canon);
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i < body.length && body.charCodeAt(i) !== 47) continue;
    if (lists.nameLengths.has(i - start) && lists.names.has(body.slice(start, i))) return true;
    start = i + 1;
  }
  const wrapped = `${body.startsWith("/") ? "" : "/"}${body}${body.endsWith("/") ? "" : "/"}`;
  for (const seq of lists.sequences) if (wrapped.includes(seq)) return true;
  if (!body.startsWith("/")) return false;
  const full = body.length > 1 && body.endsWith("/") ? body.slice(0, -1) : body;
  if (EXEMPT.has(full)) return false;
  for (const p of drive ? lists.windowsPrefixes : lists.prefixes)
    if (full === p || full.startsWith(`${p}/`)) return true;
  return false;
}

/**
 * True when the path lands somewhere sensitive. Leading `..` that climb out of an unknown
 * start are treated as reaching `/`, so `../../../etc/passwd` is `/etc/passwd`.
 */
export function isSensitive(canon: string, lists: SensitiveLists, resolved?: Resolved): boolean {
  // A public key (`~/.ssh/id_ed25519.pub`) is made to be handed out.
  if (resolved === undefined && isSimplePath(canon))
    return !canon.endsWith(".pub") && isSensitiveSimple(canon, lists);
  const { absolute, drive, segments } = resolved ?? resolveSegments(canon);
  if (segments.at(-1)?.endsWith(".pub")) return false;
  for (const seg of segments) if (lists.names.has(seg)) return true;
  if (lists.sequences.length) {
    const wrapped = `/${segments.join("/")}/`;
    for (const seq of lists.sequences) if (wrapped.includes(seq)) return true;
  }
  let climbed = 0;
  while (segments[climbed] === "..") climbed++;
  if (!absolute && climbed === 0) return false;
  // Only the first few segments can match a prefix: no need to join a long path.
  const full = `/${segments.slice(climbed, climbed + lists.prefixDepth).join("/")}`;
  if (EXEMPT.has(full)) return false;
  // Under a drive letter only Windows places count: C:\dev\repo is not /dev.
  for (const p of drive ? lists.windowsPrefixes : lists.prefixes)
    if (full === p || full.startsWith(`${p}/`)) return true;
  return false;
}

/** Whether a path resolves inside one of the roots (canonical, absolute). */
export function isInsideRoots(
  canon: string,
  roots: readonly string[],
  resolved?: Resolved,
): boolean {
  if (roots.length === 0) return true;
  if (resolved === undefined && isSimplePath(canon)) {
    const { body } = splitDrive(canon);
    if (!body.startsWith("/")) return true;
    return roots.some((r) => body === r || body.startsWith(r === "/" ? "/" : `${r}/`));
  }
  const { absolute, segments } = resolved ?? resolveSegments(canon);
  // A relative path that does not climb stays inside whichever root it is resolved against.
  if (!absolute && segments[0] !== "..") return true;
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
  /** The value as sent, not decoded or normalised: a `..` that stays inside its start is allowed. */
  asSent = false,
): RuleId | undefined {
  if (isFileUrl(value)) return "path.file-url";
  if (isUncOrDevice(value)) return "path.unc";
  const canon = canonicalPath(value);
  if (hasTraversal(canon) && (!asSent || value.includes("\\") || landsOutside(canon, lists)))
    return "path.traversal";
  const resolved = isSimplePath(canon) ? undefined : resolveSegments(canon);
  if (isSensitive(canon, lists, resolved)) return "path.sensitive";
  if (!isInsideRoots(canon, roots, resolved)) return "path.outside-roots";
  return undefined;
}
