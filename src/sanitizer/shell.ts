import type { RuleId } from "./rules.js";

/** Where a shell rule matched: the rule and the offset in the scanned text. */
export interface ShellHit {
  rule: RuleId;
  at: number;
}

const isDigit = (c: string) => c >= "0" && c <= "9";
const isSpace = (c: string | undefined) => c === " " || c === "\t";
const SPECIAL_PARAMS = "@*#?!$-";

/** `$` followed by something the shell expands in a dangerous way, or undefined. */
function dollar(s: string, i: number): RuleId | undefined {
  const next = s[i + 1];
  if (next === "(") return "shell.substitution";
  if (next === "{" || next === "'" || next === "[") return "shell.expansion";
  if (next !== undefined && (SPECIAL_PARAMS.includes(next) || isDigit(next)))
    return "shell.expansion";
  if (s.startsWith("IFS", i + 1)) return "shell.expansion";
  return undefined;
}

/**
 * Scans a command line the way a POSIX shell tokenises it, in one linear pass: single
 * quotes disable everything, double quotes keep substitution and expansion live, a
 * backslash escapes the next character. Returns the first operator that would make the
 * shell do more than run one simple command. Metacharacters inside quotes pass, so
 * `grep "a|b" src` and `git commit -m "fix; tidy"` are fine.
 */
export function scanCommandLine(s: string): ShellHit | undefined {
  let quote: "'" | '"' | undefined;
  // Brace expansion needs `{`, then `,` or `..`, then `}` with no blank in between.
  let braceOpen = -1;
  let braceHasList = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "`") return { rule: "shell.substitution", at: i };
    if (c === "$") {
      const rule = dollar(s, i);
      if (rule) return { rule, at: i };
      continue;
    }
    if (quote === '"') {
      if (c === '"') quote = undefined;
      continue;
    }
    switch (c) {
      case "'":
      case '"':
        quote = c;
        braceOpen = -1;
        break;
      case ";":
      case "\n":
      case "\r":
        return { rule: "shell.separator", at: i };
      case "&": {
        if (s[i + 1] === "&") return { rule: "shell.chain", at: i };
        const prev = s[i - 1];
        if (prev === ">" || prev === "<" || s[i + 1] === ">")
          return { rule: "shell.redirect", at: i };
        return { rule: "shell.background", at: i };
      }
      case "|":
        return { rule: s[i + 1] === "|" ? "shell.chain" : "shell.pipe", at: i };
      case "<":
      case ">":
        return {
          rule: s[i + 1] === "(" ? "shell.substitution" : "shell.redirect",
          at: i,
        };
      case "{":
        braceOpen = i;
        braceHasList = false;
        break;
      case ",":
        if (braceOpen >= 0) braceHasList = true;
        break;
      case ".":
        if (braceOpen >= 0 && s[i + 1] === ".") braceHasList = true;
        break;
      case "}":
        if (braceOpen >= 0 && braceHasList) return { rule: "shell.brace-expansion", at: braceOpen };
        braceOpen = -1;
        break;
      default:
        if (isSpace(c)) braceOpen = -1;
    }
  }
  return undefined;
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
