/**
 * Lifecycle scripts in a package.json a tool call writes (`{path: "package.json", content:
 * "{\"scripts\":{\"postinstall\":\"curl …|sh\"}}"}`): npm runs them as shell command lines on
 * the next install, so they are judged as command lines now. Other files' content is data.
 */
const MANIFEST = /(?:^|[\\/])package\.json$/i;
const PATH_KEYS = ["path", "file", "file_path", "filePath", "filename", "target"];
const CONTENT_KEYS = ["content", "contents", "text", "data", "body"];

/** Runs for every object of every call: a loop, no arrays. */
function firstString(o: Readonly<Record<string, unknown>>, keys: readonly string[]) {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === "string") return v;
  }
  return undefined;
}

/** The script command lines of a package.json being written, or undefined. */
export function manifestScripts(o: Readonly<Record<string, unknown>>): string[] | undefined {
  const path = firstString(o, PATH_KEYS);
  if (path === undefined || !MANIFEST.test(path.trim())) return undefined;
  const content = firstString(o, CONTENT_KEYS);
  if (typeof content !== "string" || !content.includes('"scripts"')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined; // not JSON: npm refuses the file, so nothing in it runs
  }
  const scripts = (parsed as { scripts?: unknown } | null)?.scripts;
  if (typeof scripts !== "object" || scripts === null) return undefined;
  return Object.values(scripts).filter((v): v is string => typeof v === "string");
}
