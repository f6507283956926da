/**
 * The files a patch writes, read from its headers: Codex's apply_patch envelope (`*** Add
 * File: path`, `*** Update File:`, `*** Delete File:`, `*** Move to:`) and unified diffs
 * (`--- a/path`, `+++ b/path`, `diff --git a/x b/y`). A patch tool writes where its text
 * says, so each target is judged as the path of a write (traversal, sensitive places,
 * start-up files, hooks). Text without such a header yields nothing.
 */
// Greedy and trimmed after: a lazy `(.+?) *$` backtracks quadratically over a long run of
// blanks (1 s for 20,000), which a patch argument can hold.
const ENVELOPE = /^\*\*\* (?:Add File|Update File|Delete File|Move to): *(.+)$/gm;
const UNIFIED = /^(?:\+\+\+|---) (?!\/dev\/null\b)(.+?)(?:\t.*)?$/gm;
const GIT_HEADER = /^diff --git (\S+) (\S+)$/gm;

/** `a/x` and `b/x` are git's prefixes for the two sides, not directories. */
const unprefixed = (p: string) => p.replace(/^[ab]\//, "");

export function patchTargets(text: string): string[] {
  // Cheap gate: every header kind holds one of these at a line start.
  if (!text.includes("*** ") && !text.includes("+++ ") && !text.includes("diff --git ")) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(ENVELOPE)) out.add((m[1] as string).trim());
  if (text.includes("+++ ") || text.includes("diff --git ")) {
    for (const m of text.matchAll(UNIFIED)) out.add(unprefixed((m[1] as string).trim()));
    for (const m of text.matchAll(GIT_HEADER)) {
      out.add(unprefixed(m[1] as string));
      out.add(unprefixed(m[2] as string));
    }
  }
  return [...out].filter((p) => p !== "" && p !== "/dev/null");
}
