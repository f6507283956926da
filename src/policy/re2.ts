import { createRequire } from "node:module";
import type { RE2JS } from "re2js";

let loaded: typeof RE2JS | undefined;

/**
 * RE2JS, loaded on first use: most policies have neither regular expressions nor
 * resource globs, and re2js is ~190 KB that the CLI would otherwise compile at every
 * start (its bundle leaves it out). Required, not imported: policies compile synchronously.
 */
export function re2(): typeof RE2JS {
  loaded ??= (createRequire(import.meta.url)("re2js") as typeof import("re2js")).RE2JS;
  return loaded;
}
