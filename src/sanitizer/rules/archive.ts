import { canonicalPath, hasTraversal, isUncOrDevice } from "../paths.js";

/**
 * Zip-slip: an archive entry name is joined to the extraction directory, so `../` climbs
 * out of it and an absolute name (`/etc/cron.d/x`, `C:\…`, `\\host\…`) replaces it. Both
 * separators count (Windows extractors accept `..\`).
 */
export function isUnsafeEntryName(forms: readonly string[]): boolean {
  for (const f of forms) {
    if (isUncOrDevice(f)) return true;
    const c = canonicalPath(f);
    if (c.startsWith("/") || c.startsWith("~") || /^[a-z]:/.test(c)) return true;
    if (hasTraversal(c)) return true;
  }
  return false;
}
