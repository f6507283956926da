import { type Analysis, argTexts, type Hit } from "../facts.js";

const TARS = new Set(["tar", "gtar", "bsdtar"]);

/**
 * A name rewrite, GNU `--transform 's<d>from<d>to<d>'` or bsdtar `-s '<d>from<d>to<d>'`,
 * whose replacement puts `../` (or `..\`) or a leading `/` into entry names.
 */
function climbingRewrite(expr: string): boolean {
  const body =
    expr.startsWith("s") && expr.length > 1 && !/\w/.test(expr[1] as string) ? expr.slice(1) : expr;
  const d = body[0];
  if (d === undefined || /[\w\s]/.test(d)) return false;
  const to = body.split(d)[2] ?? "";
  return /(?:^|[/\\])\.\.(?:[/\\]|$)/.test(to) || to.startsWith("/") || to.startsWith("\\");
}

/** Extract mode, from `-x`, `--extract`/`--get`, a cluster (`-xPf`) or an old-style first word (`xPf`). */
const extracts = (t: readonly string[]) =>
  t.some(
    (x, i) =>
      x === "--extract" ||
      x === "--get" ||
      /^-[A-Za-z]*x/.test(x) ||
      (i === 0 && /^[A-Za-z]*x[A-Za-z]*$/.test(x)),
  );
/** `-P`/`--absolute-names`: keep leading `/` and `..` in names. */
const absolute = (t: readonly string[]) =>
  t.some(
    (x, i) =>
      x === "--absolute-names" ||
      /^-[A-Za-z]*P/.test(x) ||
      (i === 0 && /^[A-Za-z]*x[A-Za-z]*P|^[A-Za-z]*P[A-Za-z]*x/.test(x)),
  );

/**
 * archive.entry-traversal on a tar command line: an extraction told to honour absolute and
 * climbing names (`tar -xPf upload.tar` writes `/etc/cron.d/x` where it says), or entry
 * names rewritten to climb or start at `/` (`--transform 's,^,../../etc/cron.d/,'`), which
 * plants a zip-slip in the archive built or writes outside the extraction directory.
 * `--transform 's,^dist,app,'` passes.
 */
export function archiveNames(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    if (!TARS.has(c.r.name)) continue;
    const t = argTexts(c.r);
    if (extracts(t) && absolute(t)) return hit("archive.entry-traversal", c.sc.raw);
    for (let i = 0; i < t.length; i++) {
      const x = t[i] as string;
      const m = /^--(?:transform|xform)=(.*)$/s.exec(x);
      const expr = m
        ? m[1]
        : x === "--transform" || x === "--xform" || x === "-s"
          ? t[i + 1]
          : undefined;
      if (expr !== undefined && climbingRewrite(expr))
        return hit("archive.entry-traversal", c.sc.raw);
    }
  }
  return false;
}
