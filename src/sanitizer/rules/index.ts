import { hasDangerousOptionWord, hasOptionWithOperand, isOptionInOperand } from "../flags.js";
import { hasTagText } from "../invisible.js";
import type { FieldKind } from "../kinds.js";
import { formsOf, normalizeValue } from "../normalize.js";
import type { RuleId } from "../rules.js";
import { isFunctionImport } from "../shell/rules/shellshock.js";
import { isUnsafeEntryName } from "./archive.js";
import {
  hasHeaderBreak,
  hasHeaderSplit,
  hasLineCommand,
  hasRedirectSplit,
  hasUrlInjection,
} from "./crlf.js";
import {
  isClimbingGlob,
  isGlob,
  isSensitiveGlob,
  isWholeDiskGlob,
  isWideGlob,
  isWideTarget,
} from "./glob.js";
import { keyFacts, NO_KEY, SOURCE_KEYS } from "./key-facts.js";
import { hasSubstitutionInName } from "./names.js";
import { findArgumentInjection } from "./prompt.js";
import {
  hasLookalikeInjection,
  hasNoSqlInjection,
  hasOrderByInjection,
  hasQueryInjection,
  hasQuoteBreakout,
  hasSqlInjection,
  hasSqlOsAccess,
  hasStackedDestructive,
  isTextBreakout,
} from "./sql.js";
import {
  hasCodeInName,
  hasJndiLookup,
  hasRuntimeExec,
  hasSsiExec,
  hasTemplateCode,
  hasTemplateGadget,
  hasTemplateProbe,
} from "./template.js";
import { hasQuoteReopen, hasShellInText } from "./text-shell.js";
import type { ToolTraits } from "./traits.js";
import { isSensitiveWrite } from "./write.js";

export { contextKind } from "./context-kinds.js";
export { type ToolTraits, toolTraits } from "./traits.js";

/** Receives each rule that matched; returns true to stop scanning this value. */
export type Report = (rule: RuleId) => boolean;

/**
 * The kind the older, shell-oriented rules (detect.ts) judge a value of `kind` as. The kinds
 * added for headers, mail, templates, SQL and filters are free text to those rules (a
 * template's `${name}` is not shell); archive entries and globs are paths.
 */
export function legacyKind(kind: FieldKind): FieldKind {
  switch (kind) {
    case "header":
      return "unknown";
    case "mail":
    case "template":
    case "sql":
    case "filter":
      return "text";
    case "archive-entry":
    case "glob":
      return "path";
    default:
      return kind;
  }
}

/** Left-to-right and right-to-left override (U+202D, U+202E): text shown in another order. */
const BIDI_OVERRIDE = /[\u202D\u202E]/;
/**
 * A zero-width space, word joiner or BOM inside an ASCII word of prose (`h\u200Bttps://`),
 * or a bidi embedding or isolate there (`quarterly\u2066report\u2069.pdf.exe`): apps wrap a
 * right-to-left name in isolates with blanks around it, never the middle of a Latin word.
 */
const HIDDEN_IN_WORD =
  /[A-Za-z0-9][\u200B\u2060-\u2064\uFEFF\u180E\u202A-\u202C\u2066-\u2069]+[A-Za-z0-9]/;
/**
 * Kinds that name something (an account, host, address or file), where a homoglyph spoofs it
 * (`/еtc/pаsswd` with Cyrillic letters).
 * Not search fields: a query may mix scripts in one word (`e^(iπ)`, `5μm`).
 */
const NAME_KINDS: ReadonlySet<FieldKind> = new Set(["identifier", "url", "mail", "path"]);
const GREEK_OR_CYRILLIC = /[\u0370-\u03FF\u0400-\u052F]/;

/**
 * One word mixing Latin with Cyrillic or Greek letters (`аdmin` with a Cyrillic а,
 * `pаypal.com`): no language writes a word that way (Unicode TS #39, mixed-script
 * confusables). Words wholly in one script pass.
 */
export function isMixedScript(s: string): boolean {
  if (!GREEK_OR_CYRILLIC.test(s)) return false;
  for (const word of s.split(/[^\p{L}\p{M}]+/u))
    if (/[A-Za-z]/.test(word) && GREEK_OR_CYRILLIC.test(word)) return true;
  return false;
}
/**
 * One operand, then a long option handed a path or URL (`app=api --kubeconfig=/tmp/k`).
 * Prose has words first; a searched command line (`rm -rf /`) has short options.
 */
const isOperandThenOption = (v: string) =>
  /^\S+\s+--[A-Za-z]/.test(v) && hasOptionWithOperand(v.replace(/\s-(?!-)\S*/g, " "));
const VELOCITY_START = /#set\s*\(|\.getClass\s*\(/;
const MAYBE_ENCODED_LOOKUP = /%(?:25){0,5}(?:24|7b)/i;

/**
 * The rules of src/sanitizer/rules/ for one value: CR/LF, templates, Log4Shell, SQL, archive
 * entries, globs, sensitive writes and prompt injection. `key` is the argument's own key
 * (the last segment of its path). Returns true when the scan must stop.
 */
export function checkKindRules(
  value: string,
  kind: FieldKind,
  key: string | undefined,
  traits: ToolTraits,
  report: Report,
): boolean {
  // Free text is percent-decoded only when it may hide a lookup (`%24%7Bjndi:`).
  // A glob key's pattern is decoded too: a server that unescapes it climbs (`..%2F..%2F**`).
  // A redirect target is a URL whatever its kind (`location` reads as text): decoded too.
  const k = key === undefined ? NO_KEY : keyFacts(key);
  const redirect = k.redirect;
  const decode =
    kind !== "text" ||
    redirect ||
    (value.includes("%") && (MAYBE_ENCODED_LOOKUP.test(value) || k.glob));
  // Before normalising, which strips tag characters along with the text they spell.
  if (hasTagText(value) && report("evasion.invisible")) return true;
  const n = normalizeValue(value, decode);
  // Path-like kinds report every hidden character (detect.ts). Prose may hold soft hyphens,
  // joiners and bidi isolates, but never needs to force a direction (Trojan Source); names,
  // mail fields, SQL and templates need no invisible character between ASCII letters
  // (`invoice\u202Efdp.exe` as a `name`, `DR\u200BOP` in a query).
  if (
    n.hiddenChars &&
    (kind === "text"
      ? BIDI_OVERRIDE.test(value) || HIDDEN_IN_WORD.test(value)
      : legacyKind(kind) === "text") &&
    report("evasion.invisible")
  )
    return true;
  if (NAME_KINDS.has(kind) && isMixedScript(n.plain) && report("evasion.mixed-script")) return true;
  const forms = formsOf(n);
  if (hasJndiLookup(forms) && report("template.jndi")) return true;
  // A header, setting or name holding a bash function and commands (Shellshock); prose may
  // quote one, a template or SQL has no reason to but is judged by its own rules.
  if (kind !== "text" && forms.some(isFunctionImport) && report("shell.injection")) return true;
  if (redirect && hasRedirectSplit(forms) && report("crlf.injection")) return true;
  if (
    (kind === "text" || kind === "filter") &&
    k.name &&
    hasSubstitutionInName(n.plain) &&
    report("shell.substitution")
  )
    return true;
  switch (kind) {
    case "header":
      if (hasHeaderBreak(forms) && report("crlf.injection")) return true;
      break;
    case "mail":
      if (hasHeaderBreak(forms) && report("crlf.injection")) return true;
      // No address holds a quote and SQL (`a@b.c' UNION SELECT …`): the lookup it feeds does.
      if (hasSqlInjection(forms) && report("sql.injection")) return true;
      break;
    case "text":
      if (isTextBreakout(n.plain) && report("sql.injection")) return true;
      if ((k.search || k.short) && hasShellInText(n.plain) && report("shell.injection"))
        return true;
      if (k.search && hasQuoteReopen(n.plain) && report("shell.injection")) return true;
      // `app=api --kubeconfig=/tmp/k`: a selector or pattern handed a file by option
      if (k.search && isOperandThenOption(n.plain) && report("arg.dangerous-flag")) return true;
      if (
        (k.search || k.name) &&
        (isOptionInOperand(n.plain) || (k.name && hasDangerousOptionWord(n.plain))) &&
        report("arg.dangerous-flag")
      )
        return true;
      break;
    case "url":
      if (hasUrlInjection(forms) && report("crlf.injection")) return true;
      break;
    case "template":
      if ((hasTemplateCode(forms) || hasRuntimeExec(forms)) && report("template.injection"))
        return true;
      break;
    case "sql":
      if (hasStackedDestructive(n.plain) && report("sql.stacked")) return true;
      if (hasSqlOsAccess(n.plain) && report("sql.os-command")) return true;
      if (hasQueryInjection(n.plain) && report("sql.injection")) return true;
      break;
    case "filter":
    case "identifier":
    case "unknown":
      if ((hasHeaderSplit(forms) || hasLineCommand(forms)) && report("crlf.injection")) return true;
      if (
        (hasSqlInjection(forms) || hasNoSqlInjection(forms, kind !== "filter")) &&
        report("sql.injection")
      )
        return true;
      // `or '1′='1`: the driver's best-fit mapping makes the look-alikes quotes. Only the
      // injection shapes are read there (O’Brien's unpaired apostrophe is no breakout).
      if (hasLookalikeInjection(forms) && report("sql.injection")) return true;
      if (kind === "filter" && hasQuoteBreakout(n.plain) && report("sql.injection")) return true;
      if (kind === "filter" && isTextBreakout(n.plain) && report("sql.injection")) return true;
      if (k.order && hasOrderByInjection(n.plain) && report("sql.injection")) return true;
      if (kind === "filter" && hasShellInText(n.plain) && report("shell.injection")) return true;
      if (kind === "filter" && hasQuoteReopen(n.plain) && report("shell.injection")) return true;
      if (k.search && isOperandThenOption(n.plain) && report("arg.dangerous-flag")) return true;
      if (
        kind === "filter" &&
        (isOptionInOperand(n.plain) || (k.name && hasDangerousOptionWord(n.plain))) &&
        report("arg.dangerous-flag")
      )
        return true;
      break;
    case "archive-entry":
      if (isUnsafeEntryName(forms) && report("archive.entry-traversal")) return true;
      break;
    case "glob":
      if (isWideGlob(forms) && report("glob.wide")) return true;
      break;
    case "path":
      if (hasHeaderSplit(forms) && report("crlf.injection")) return true;
      if (traits.destructive && isGlob(n.plain) && isWideGlob(forms) && report("glob.wide"))
        return true;
      if (traits.destructive && isWideTarget(forms) && report("glob.wide")) return true;
      break;
  }
  // A rename's new name is written wherever it points (`new_name: "../../.bashrc"`).
  if (k.rename && (kind === "text" || kind === "filter") && isSensitiveWrite(forms))
    if (report("path.sensitive-write")) return true;
  const destination = (kind === "path" || kind === "glob" || kind === "unknown") && k.destination;
  if (
    (kind === "path" || kind === "glob" || destination) &&
    (traits.write || destination) &&
    !(key !== undefined && SOURCE_KEYS.has(key.toLowerCase())) &&
    isSensitiveWrite(forms) &&
    report("path.sensitive-write")
  )
    return true;
  if (k.glob) {
    if (isClimbingGlob(forms) && report("path.traversal")) return true;
    if (isSensitiveGlob(forms) && report("path.sensitive")) return true;
    if (isWholeDiskGlob(forms) && report("glob.wide")) return true;
  }
  if (kind === "text" && k.content) {
    // A file's or a note's content: template syntax is ordinary there, object walks are not.
    if (hasTemplateGadget(forms) && report("template.injection")) return true;
  } else if (kind !== "template" && kind !== "sql") {
    if (hasTemplateProbe(forms) && report("template.injection")) return true;
    // A title, name or message is rendered by whatever template shows it: code inside a
    // marker there is an injection (a template's own source, or a file's content, is not).
    const name = kind === "url" || kind === "path" || kind === "identifier";
    // Velocity needs no brace (`#set($e="")$e.getClass().forName(…)`).
    if (
      (/[{<@]/.test(value) || VELOCITY_START.test(value)) &&
      (name ? hasCodeInName(forms) : hasTemplateCode(forms) || hasSsiExec(forms))
    )
      if (report("template.injection")) return true;
  }
  // A search pattern is matched against files, never read as orders (`grep "ignore previous
  // instructions" tests/`).
  if (k.glob || k.regex) return false;
  const injection = findArgumentInjection(n.plain);
  return injection !== undefined && report("prompt.injection");
}
