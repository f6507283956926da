import type { Analysis, Hit } from "../facts.js";

/**
 * A line break written `%0A` or `%0D` (once or twice encoded), then a command: the shell
 * reads one word, a layer that URL-decodes it (a CGI script, a template, a logger) reads two
 * lines and runs the second (`npm test%0Aid`, `ls%0a/bin/ls%20-al`). A match starts only at
 * the first break or blank of a run (the lookbehind): a long run is read once, not from
 * every one of its escapes (quadratic without it).
 */
const ENCODED_BREAK =
  /(?<!%(?:25)?(?:20|09|0[ad])|\+)(?:%(?:25)?(?:20|09)|\+)*%(?:25)?0[ad](?:%(?:25)?(?:20|09|0[ad])|\+)*(?:[a-z]{2}|\.?\/[a-z])/i;

/**
 * shell.obfuscation: an encoded line break before a command inside a word. URLs and form
 * data (`curl -d "text=a%0Ab" …`) carry encoded breaks as data and pass.
 */
export function encodedBreak(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds)
    for (const w of c.sc.words) {
      const t = w.text ?? w.raw;
      if (!t.includes("%") || t.includes("://") || t.includes("=")) continue;
      if (ENCODED_BREAK.test(t)) return hit("shell.obfuscation", t);
    }
  return false;
}
