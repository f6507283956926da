import type { FieldKind } from "../kinds.js";
import { keyWords } from "../kinds.js";
import type { ToolTraits } from "./traits.js";

const set = (words: string) => new Set(words.split(" "));
const HEADER = set("header headers cookie cookies");
const MAIL_ANYWHERE = set("cc bcc recipient recipients email emails");
const MAIL_IN_MAIL_TOOL = set("to from sender subject replyto address addresses");
const VALUE_IN_HEADER_TOOL = set("name value values content");
const SQL_ANYWHERE = set("sql statement statements");
const SQL_IN_SQL_TOOL = set("query queries q");
const TEMPLATE_ANYWHERE = set("template templates tpl");
const TEMPLATE_IN_TEMPLATE_TOOL = set("source body content text string input");
const ENTRY_IN_EXTRACT_TOOL = set("entry entries member members names files paths include");
const ENTRY_IN_ARCHIVE_TOOL = set("entry entries member members");
const ENTRY_NAME = set("name path filename entry");
/** A key that says it names an entry, at any depth of an archive tool (`entry_name`). */
const ENTRY_NAMED = set("entryname entrypath membername memberpath arcname");
/**
 * Inside the file list of an archive tool (not at the top, where `name` is the archive's):
 * the name an entry is stored under. A `path` there may be a file read from disk, so it
 * keeps the path rules; a `name` or `arcname` is only ever the entry's name.
 */
const ENTRY_NAME_IN_ARCHIVE_TOOL = set("name filename arcname entry entryname");
const GLOB_IN_DESTRUCTIVE_TOOL = set("pattern patterns glob globs match include");
/** Top-level ends of a copy, move or link by a file tool (`move_file{from, to}`, `copy{target}`). */
const PATH_IN_FILE_TOOL = set("from to target");
/** Top-level fields of a shell tool that hold the thing to run (not `cwd`, `timeout`, `text`). */
const RUN_IN_SHELL_TOOL = set(
  "script scripts cmd cmds command commands cmdline commandline code line lines run",
);
const FILTER = set(
  "filter filters where condition conditions criteria search q query keyword keywords term terms sort order orderby",
);

/** Why a context kind was given: shown by `mcp-aegis explain`. */
export interface ContextKind {
  readonly kind: FieldKind;
  readonly reason: string;
}

/**
 * The kind a key has because of the tool it belongs to (`query` of a SQL tool is SQL, of a
 * search tool a filter; `to` of a mail tool is a mail header). Consulted before the key's own
 * words, after the policy and the schema `format`. `parent` is the enclosing field's kind,
 * `top` says the key is a top-level argument.
 */
export function contextKind(
  key: string,
  traits: ToolTraits,
  parent: FieldKind,
  top = false,
): ContextKind | undefined {
  // Every key of a header map is a header, whatever its words say (`Content-Type`).
  if (parent === "header" || parent === "mail")
    return { kind: parent, reason: `inside a ${parent} field` };
  const words = keyWords(key);
  const head = words[words.length - 1];
  if (head === undefined) return undefined;
  const joined = words.join("");
  if (HEADER.has(head)) return { kind: "header", reason: `key "${key}" names a header map` };
  if (MAIL_ANYWHERE.has(head) || joined === "replyto")
    return { kind: "mail", reason: `key "${key}" names a mail header` };
  if (traits.header && top && VALUE_IN_HEADER_TOOL.has(head))
    return { kind: "header", reason: `key "${key}" of a header or cookie tool is sent as one` };
  if (traits.mail && MAIL_IN_MAIL_TOOL.has(head))
    return { kind: "mail", reason: `key "${key}" of a mail tool is a mail header` };
  if (traits.shell && top && RUN_IN_SHELL_TOOL.has(joined))
    return { kind: "command", reason: `key "${key}" of a shell tool is what it runs` };
  if (SQL_ANYWHERE.has(head)) return { kind: "sql", reason: `key "${key}" names SQL` };
  if (traits.sql && SQL_IN_SQL_TOOL.has(head))
    return { kind: "sql", reason: `key "${key}" of a SQL tool is a query` };
  if (TEMPLATE_ANYWHERE.has(head))
    return { kind: "template", reason: `key "${key}" names a template` };
  if (traits.template && TEMPLATE_IN_TEMPLATE_TOOL.has(head))
    return { kind: "template", reason: `key "${key}" of a template tool is rendered` };
  if (parent === "archive-entry" && ENTRY_NAME.has(head))
    return { kind: "archive-entry", reason: `key "${key}" names an archive entry` };
  if (traits.archive && !top && ENTRY_NAME_IN_ARCHIVE_TOOL.has(joined))
    return { kind: "archive-entry", reason: `key "${key}" names an entry of an archive tool` };
  if (
    (traits.extract && ENTRY_IN_EXTRACT_TOOL.has(head)) ||
    (traits.archive && (ENTRY_IN_ARCHIVE_TOOL.has(head) || ENTRY_NAMED.has(joined)))
  )
    return { kind: "archive-entry", reason: `key "${key}" of an archive tool names entries` };
  if (traits.destructive && GLOB_IN_DESTRUCTIVE_TOOL.has(head))
    return { kind: "glob", reason: `key "${key}" of a delete/move tool is a glob` };
  if (traits.write && !traits.mail && top && PATH_IN_FILE_TOOL.has(joined))
    return { kind: "path", reason: `key "${key}" of a file tool names a file` };
  if (!traits.sql && (FILTER.has(head) || key === "name"))
    return { kind: "filter", reason: `key "${key}" is a filter or search field` };
  return undefined;
}
