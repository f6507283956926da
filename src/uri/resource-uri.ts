/**
 * Resource URIs judged as servers resolve them. Node servers read a resource URI with the
 * WHATWG URL algorithm (`new URL`, `fileURLToPath`): `..` climbs only over a real `/`, and
 * `%2f` stays data inside a segment. A judge that reads the URI any other way allows one
 * resource while the server opens another (issue: `a%2fb%2fc/../../../static/…`). So a
 * URI whose hierarchy two readings could disagree on is refused, the way Envoy's
 * `path_with_escaped_slashes_action: REJECT_REQUEST` does, and the rest is judged in its
 * WHATWG canonical form.
 */

/**
 * strict (default): refuse backslashes, dot segments, empty segments, Windows aliases of a
 * name (trailing `.` or blank, 8.3 short names, `::$DATA`), and encoded `/`, `\`, `.` or NUL.
 * lenient: `%2f`, `%5c` and `%2e` inside a segment are data (as WHATWG reads them), for
 * servers whose resource names need them; backslashes, dot and empty segments are still
 * refused.
 */
export type UriMode = "strict" | "lenient";

export type CanonicalUri = { ok: true; uri: string } | { ok: false; reason: string };

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const CONTROL = /[\u0000-\u001f\u007f]/;
/** Escapes that some server decodes into a separator, a dot or NUL (also double-encoded). */
const ENCODED_STRUCTURE = /%(?:25)*(?:2f|5c|2e|00)/i;
const ENCODED_NUL = /%(?:25)*00/i;
/** Percent-escapes that stay escaped in the canonical form: structure, not data. */
const KEEP_ESCAPED = /[/\\?#%\u0000-\u001f\u007f]/;
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g;
const MAX_DECODE_LAYERS = 4;

function refuse(reason: string): CanonicalUri {
  return { ok: false, reason };
}

/**
 * A segment Windows reads as another name: trailing dots and blanks are dropped (`secrets.`,
 * `secrets%20`), an 8.3 short name stands for a long one (`SECRE~1`), and `name::$DATA` or
 * `name:$DATA` is the file's own data stream.
 */
function isWindowsAlias(segment: string): boolean {
  if (segment === "") return false;
  const s = segment.replace(/%20/gi, " ");
  return /[. ]$/.test(s) || /^[^~]{1,6}~\d/.test(s) || /:\$[A-Za-z_]*$/.test(s);
}

/** A segment read as a dot segment by a server that decodes it once or more (`%2e%2e`). */
function isDotSegment(segment: string): boolean {
  let s = segment;
  for (let i = 0; i < MAX_DECODE_LAYERS; i++) {
    if (s === "." || s === "..") return true;
    if (!s.includes("%")) return false;
    const next = s.replace(/%2e/gi, ".").replace(/%25/g, "%");
    if (next === s) return false;
    s = next;
  }
  return s === "." || s === "..";
}

/** Decodes escapes of plain data (letters, `~`, `{`, UTF-8 text) so spellings compare equal. */
function decodeData(s: string): string {
  return s.replace(ESCAPE_RUN, (run) => {
    let out = "";
    // Byte by byte through TextDecoder would split UTF-8; decode whole runs, then re-escape.
    let text: string;
    try {
      text = decodeURIComponent(run);
    } catch {
      return run.toUpperCase();
    }
    for (const ch of text) {
      out += KEEP_ESCAPED.test(ch) ? encodeURIComponent(ch).toUpperCase() : ch;
    }
    return out;
  });
}

/**
 * Lower-cases the scheme and authority of a URI or URI pattern, the part compared
 * case-insensitively: policy patterns and URI templates are folded this way.
 */
export function foldSchemeAndAuthority(uri: string): string {
  const m = /^([A-Za-z][A-Za-z0-9+.-]*):(\/\/[^/?#]*)?/.exec(uri);
  if (!m) return uri;
  return m[0].toLowerCase() + uri.slice(m[0].length);
}

/** The path of a raw URI: after the scheme and any `//authority`, before `?` or `#`. */
function pathOf(raw: string, scheme: string): string {
  let s = raw.slice(scheme.length + 1);
  if (s.startsWith("//")) {
    const end = s.slice(2).search(/[/\\?#]/);
    s = end === -1 ? "" : s.slice(end + 2);
  }
  const q = s.search(/[?#]/);
  return q === -1 ? s : s.slice(0, q);
}

/**
 * The canonical form of a resource URI, or why it is refused. The canonical form is the
 * WHATWG serialisation (IPv4 forms and special-scheme hosts normalised, `file://localhost/`
 * is `file:///`), with the authority compared case-insensitively and escapes of plain data
 * decoded. A URI template (`{id}`) is not a URL: it gets the same refusals and only its
 * scheme and authority folded.
 *
 * @example canonicalUri("FILE://localhost/w/a.txt") // { ok: true, uri: "file:///w/a.txt" }
 * @example canonicalUri("file:///w/a%2f..%2f..%2fetc") // { ok: false, reason: "…encoded…" }
 */
export function canonicalUri(raw: string, mode: UriMode = "strict"): CanonicalUri {
  if (CONTROL.test(raw)) return refuse("it contains a control character");
  if (raw !== raw.trim()) return refuse("it starts or ends with a blank");
  const m = SCHEME.exec(raw);
  const scheme = m ? (m[1] as string) : "";
  const path = m ? pathOf(raw, scheme) : raw;
  if (raw.includes("\\")) return refuse("it contains a backslash (a separator to some servers)");
  if (mode === "strict" ? ENCODED_STRUCTURE.test(path) : ENCODED_NUL.test(path)) {
    return refuse(
      "its path has an encoded '/', '\\', '.' or NUL (%2f, %5c, %2e, %00), which servers read differently",
    );
  }
  const segments = path.split("/");
  if (segments.some(isDotSegment)) {
    return refuse("its path has a '.' or '..' segment, which servers resolve differently");
  }
  // `/w//secrets` is `/w/secrets` to a file system, a different path to a pattern.
  if (path.includes("//")) {
    return refuse("its path has an empty segment ('//'), which file servers read as one '/'");
  }
  if (mode === "strict" && segments.some(isWindowsAlias)) {
    return refuse(
      "a path segment is a Windows alias of another name (a trailing '.' or blank, a short name such as SECRE~1, a '::$DATA' stream)",
    );
  }
  // Not a URI (no scheme) or a template: nothing for a URL parser to resolve.
  if (!m || raw.includes("{")) return { ok: true, uri: foldSchemeAndAuthority(raw) };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse("it is not a valid URL");
  }
  let out = url.href;
  // Non-special schemes keep their host's case in WHATWG; policy patterns compare it folded.
  if (url.host !== "" && out.startsWith(`${url.protocol}//`)) {
    const prefix = `${url.protocol}//${url.username ? `${url.username}${url.password ? `:${url.password}` : ""}@` : ""}`;
    out = prefix + url.host.toLowerCase() + out.slice(prefix.length + url.host.length);
  }
  return { ok: true, uri: decodeData(out) };
}
