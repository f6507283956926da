import { memoize } from "./memo.js";

/**
 * What a field holds decides which rules apply to it (docs/sanitizer.md has the table).
 * - path: a filesystem path; command: a shell command line; argument: one argv word;
 * - url: a URL or host; identifier: a bare name passed to a program (branch, package);
 * - text: free text never scanned for shell syntax (file content, SQL, messages, code);
 * - env: an environment map (keys judged as variable names, see shell/env.ts);
 * - unknown: nothing known, so only unmistakable patterns count.
 * Kinds judged by src/sanitizer/rules/: header (a header map), mail (to/cc/subject…),
 * template, sql (a SQL tool's query), filter (filter/search/name fields spliced into
 * queries), archive-entry (names inside an archive), glob (patterns of delete/move tools).
 */
export const FIELD_KINDS = [
  "path",
  "command",
  "argument",
  "url",
  "identifier",
  "text",
  "env",
  "unknown",
  "header",
  "mail",
  "template",
  "sql",
  "filter",
  "archive-entry",
  "glob",
] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

// No prototype: a key named `constructor` or `__proto__` must not read as a kind.
const WORDS: Readonly<Record<string, FieldKind>> = Object.create(null);
function add(kind: FieldKind, words: string): void {
  for (const w of words.split(/\s+/)) if (w) (WORDS as Record<string, FieldKind>)[w] = kind;
}
add("url", "url urls uri uris href link links endpoint webhook callback redirect host hostname");
add("url", "domain origin baseurl website proxy");
add(
  "path",
  "path paths file files filename filepath dir dirs directory directories folder cwd pwd root",
);
add("path", "roots workdir workspace source src destination dest dst mount volume");
add("command", "command commands cmd cmdline commandline shell exec executable program binary");
add("argument", "args argv arguments flags");
add("env", "env environment envs envvars");
add(
  "identifier",
  "branch branches ref refs revision rev commit sha repo repository owner org package pkg",
);
add("identifier", "remote user username login table database db container image service");
add("identifier", "namespace pod bucket target uuid channel");
add(
  "text",
  "content contents text body message messages msg query sql code description desc title",
);
add("text", "comment comments note notes prompt pattern patterns regex regexp search expression");
add("text", "expr data snippet markdown md diff patch summary observation observations label");
add("text", "template script html json yaml subject reply answer question instructions formula");
add("text", "equation old new replacement find replace keyword keywords term terms q input");
add("text", "location city language lang topic reason status caption");
// CSS selectors and XPath are query syntax (`//div[@id='main']//a` is no UNC path)
add("text", "selector selectors xpath css");

/** Weak head nouns: `branch_name` is about a branch, `user_id` about a user. */
const WEAK: Readonly<Record<string, FieldKind>> = { name: "text", id: "identifier", value: "text" };

/**
 * Splits `sourcePath`, `repo_path`, `max-length`, `HTTPUrl` into lower-case words.
 * Memoised (the same argument names come with every call, and several rules ask);
 * the array is shared, hence readonly.
 */
export const keyWords: (key: string) => readonly string[] = memoize(splitKeyWords);

function splitKeyWords(key: string): string[] {
  // On char codes: argument and header names are split for every call, and a map of
  // thousands of headers made this loop (a RegExp and two case conversions per character)
  // the sanitizer's hottest. Words are ASCII letters and digits; anything else separates.
  const words: string[] = [];
  let cur = "";
  for (let i = 0; i < key.length && i < 128; i++) {
    const code = key.charCodeAt(i);
    const upper = code >= 65 && code <= 90;
    if (!upper && !(code >= 97 && code <= 122) && !(code >= 48 && code <= 57)) {
      if (cur) words.push(cur);
      cur = "";
      continue;
    }
    // A capital starts a word after a lower-case letter (`sourcePath`), or ends an acronym
    // when a lower-case letter follows (`HTTPUrl`). `cur` is set, so key[i - 1] was ASCII.
    if (upper && cur) {
      const prev = key.charCodeAt(i - 1);
      if ((prev >= 97 && prev <= 122) || (prev >= 65 && prev <= 90 && isLowerAt(key, i + 1))) {
        words.push(cur);
        cur = "";
      }
    }
    cur += upper ? String.fromCharCode(code + 32) : (key[i] as string);
  }
  if (cur) words.push(cur);
  return words;
}

/** A letter with an upper-case form (`é` too, as String#toUpperCase tells). */
function isLowerAt(s: string, i: number): boolean {
  if (i >= s.length) return false;
  const code = s.charCodeAt(i);
  if (code < 128) return code >= 97 && code <= 122;
  const c = s[i] as string;
  return c !== c.toUpperCase();
}

function lookup(word: string): FieldKind | undefined {
  return WORDS[word] ?? (word.endsWith("s") ? WORDS[word.slice(0, -1)] : undefined);
}

/**
 * The kind a key names, reading its words from the last (the head noun) backwards.
 * Memoised: the same argument names come with every call.
 */
export const kindFromKey = memoize(kindFromKeyWords);

function kindFromKeyWords(key: string): FieldKind | undefined {
  const words = keyWords(key);
  const whole = lookup(words.join(""));
  if (whole) return whole;
  let weak: FieldKind | undefined;
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i] as string;
    const k = lookup(w);
    if (k) return k;
    if (weak === undefined && Object.hasOwn(WEAK, w)) weak = WEAK[w];
  }
  return weak;
}

const FORMAT_KINDS: Readonly<Record<string, FieldKind>> = {
  uri: "url",
  url: "url",
  iri: "url",
  "uri-reference": "url",
  "iri-reference": "url",
  hostname: "url",
  "idn-hostname": "url",
  ipv4: "url",
  ipv6: "url",
  email: "mail",
};

/** The kind a JSON Schema `format` names. */
export function kindFromFormat(format: unknown): FieldKind | undefined {
  if (typeof format !== "string") return undefined;
  const f = format.toLowerCase();
  return Object.hasOwn(FORMAT_KINDS, f) ? FORMAT_KINDS[f] : undefined;
}

/** The kind a schema description names, for keys that say nothing (`target`, `input`). */
export function kindFromDescription(description: unknown): FieldKind | undefined {
  if (typeof description !== "string") return undefined;
  const d = description.slice(0, 300).toLowerCase();
  if (/\b(shell|terminal) command\b|\bcommand (line|to (run|execute))\b/.test(d)) return "command";
  if (/\b(url|uri|endpoint|web address)\b/.test(d)) return "url";
  if (/\b(file|directory|folder) path\b|\bpath (to|of)\b|\bdirectory\b|\bfolder\b/.test(d))
    return "path";
  if (/\b(branch|revision|commit (hash|sha)|git ref)\b/.test(d)) return "identifier";
  return undefined;
}

/**
 * A schema description that says the field is run by a shell ("Shell script to run",
 * "The shell command to execute"): it outranks the key, so `script` is a command there.
 */
export function commandFromDescription(description: unknown): boolean {
  if (typeof description !== "string") return false;
  return /\b(shell|bash|sh|terminal) (command|script|line)s?\b|\bcommand line\b|\bscript to (run|execute)\b/i.test(
    description.slice(0, 300),
  );
}

const SHELL_WORDS = new Set([
  "exec",
  "execute",
  "shell",
  "bash",
  "sh",
  "zsh",
  "terminal",
  "powershell",
]);

const kindFromToolWords = memoize((tool: string): FieldKind | undefined =>
  keyWords(tool).some((w) => SHELL_WORDS.has(w)) ? "command" : undefined,
);

/** Tools whose unnamed input is a command line (`bash{input}`, `terminal{text}` is still text). */
export function kindFromToolName(tool: string | undefined): FieldKind | undefined {
  return tool === undefined ? undefined : kindFromToolWords(tool);
}
