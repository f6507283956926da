import type { RuleId } from "./rules.js";

/** Where a shell rule matched: the rule and the offset in the scanned text. */
export interface ShellHit {
  rule: RuleId;
  at: number;
}

/**
 * Scans a value that should be a bare identifier (branch, package, table name): no quoting
 * applies, so any shell metacharacter counts.
 */
export function scanIdentifier(s: string): ShellHit | undefined {
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    switch (c) {
      case ";":
      case "\n":
      case "\r":
        return { rule: "shell.separator", at: i };
      case "&":
        return { rule: s[i + 1] === "&" ? "shell.chain" : "shell.background", at: i };
      case "|":
        return { rule: s[i + 1] === "|" ? "shell.chain" : "shell.pipe", at: i };
      case "<":
      case ">":
        return { rule: s[i + 1] === "(" ? "shell.substitution" : "shell.redirect", at: i };
      case "`":
        return { rule: "shell.substitution", at: i };
      case "$":
        return { rule: s[i + 1] === "(" ? "shell.substitution" : "shell.expansion", at: i };
    }
  }
  return undefined;
}

/**
 * In a value of unknown kind only unmistakable substitution counts: `$(` with a later
 * `)`, or `${` with a later `}`. Backticks are left alone (markdown uses them).
 */
export function scanSubstitution(s: string): ShellHit | undefined {
  const open = s.indexOf("$(");
  if (open >= 0 && s.indexOf(")", open + 2) > 0) return { rule: "shell.substitution", at: open };
  const brace = s.indexOf("${");
  if (brace >= 0 && s.indexOf("}", brace + 2) > 0 && /\$\{[A-Za-z_#!]/.test(s))
    return { rule: "shell.expansion", at: brace };
  return undefined;
}
