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
 * `)`, or a `${…}` expansion other than a plain placeholder. Backticks are left alone
 * (markdown uses them).
 */
export function scanSubstitution(s: string): ShellHit | undefined {
  const open = s.indexOf("$(");
  if (open >= 0 && s.indexOf(")", open + 2) > 0) return { rule: "shell.substitution", at: open };
  for (let brace = s.indexOf("${"); brace >= 0; brace = s.indexOf("${", brace + 2)) {
    const close = s.indexOf("}", brace + 2);
    if (close < 0) break;
    const inner = s.slice(brace + 2, close);
    // `${DB_HOST}`, `Bearer ${TOKEN}`: the placeholder of every config and template format.
    // What evasions use is an operator (`${PATH:0:1}`, `${!x}`, `${#}`) or the separator.
    if (PLACEHOLDER.test(inner) && inner !== "IFS") continue;
    if (/^[A-Za-z_#!@*]/.test(inner)) return { rule: "shell.expansion", at: brace };
  }
  return undefined;
}

const PLACEHOLDER = /^[A-Za-z_][A-Za-z0-9_]*$/;
