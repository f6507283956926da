import { keyWords } from "../kinds.js";

/**
 * What a tool does, read from its name and the start of its description. Untrusted like
 * every annotation: traits only ever add rules (a write tool gets the write checks), they
 * never remove one, so a server that lies about its tools gains nothing.
 */
export interface ToolTraits {
  readonly sql: boolean;
  readonly mail: boolean;
  /** Sets an HTTP header or cookie (`set_header{name, value}`): its value is a header's. */
  readonly header: boolean;
  readonly template: boolean;
  /** Unpacks archives (entry names are attacker-chosen). */
  readonly extract: boolean;
  /** Builds or unpacks archives. */
  readonly archive: boolean;
  /** Deletes or moves files (globs reaching the root are refused). */
  readonly destructive: boolean;
  /** Writes, creates, moves or edits files (sensitive destinations are refused). */
  readonly write: boolean;
  /** Runs what it is given in a shell (`bash`, "Execute a shell script"). */
  readonly shell: boolean;
}

const NONE: ToolTraits = Object.freeze({
  sql: false,
  mail: false,
  header: false,
  template: false,
  extract: false,
  archive: false,
  destructive: false,
  write: false,
  shell: false,
});

const set = (words: string) => new Set(words.split(" "));
const SQL = set(
  "sql query queries postgres postgresql pg mysql mariadb sqlite sqlite3 mssql tsql database db duckdb bigquery snowflake redshift clickhouse oracle supabase",
);
const NOT_SQL = set("search web graph nodes docs documentation semantic vector");
const MAIL = set("mail email emails smtp gmail outlook sendmail mailgun sendgrid");
const HEADER_TOOL = set("header headers cookie cookies");
const TEMPLATE = set("template templates render jinja jinja2 handlebars mustache liquid ejs twig");
const EXTRACT = set("extract unzip untar unpack decompress unarchive inflate gunzip expand");
/** Builds archives: the entry names it is given are what a later extraction writes. */
const ARCHIVE = set("archive zip tar compress pack tarball tgz 7z jar");
const DESTRUCTIVE = set(
  "delete remove rm unlink rmdir purge clean erase wipe trash move mv rename chmod chown chgrp",
);
const WRITE = set(
  "write create save append move mv copy cp edit put upload rename overwrite patch modify update insert replace download",
);

/**
 * Shell words in a tool name. Not `exec`/`execute`/`run` alone: `execute_python{code}` and
 * `run_sql{query}` run other languages.
 */
const SHELL = set("bash sh zsh shell terminal powershell pwsh cmd");
/** A tool description saying it runs shell commands or scripts. */
const DESCRIPTION_SHELL =
  /\b(?:shell|bash|sh|zsh|terminal|powershell) (?:commands?|scripts?|lines?)\b|\b(?:runs?|executes?) (?:it )?in (?:a |the )?(?:shell|terminal)\b/;

const DESCRIPTION_WRITE =
  /\b(?:write|writes|create|creates|save|saves|append|appends|move|moves|copy|copies|edit|edits|overwrite|overwrites)\b/;

const hasAny = (words: readonly string[], s: ReadonlySet<string>) => words.some((w) => s.has(w));

function traitsOf(tool: string, description: string): ToolTraits {
  const w = keyWords(tool);
  const d = description.slice(0, 300).toLowerCase();
  const extract = hasAny(w, EXTRACT);
  const traits: ToolTraits = {
    sql: (hasAny(w, SQL) && !hasAny(w, NOT_SQL)) || /\bsql\b/.test(d),
    mail: hasAny(w, MAIL) || /\be-?mail\b/.test(d.slice(0, 80)),
    header: hasAny(w, HEADER_TOOL),
    template: hasAny(w, TEMPLATE),
    extract,
    archive: extract || hasAny(w, ARCHIVE),
    destructive: hasAny(w, DESTRUCTIVE),
    write: hasAny(w, WRITE) || DESCRIPTION_WRITE.test(d.slice(0, 120)),
    // `write_shell_script` saves a script: its text is file content, not a command run now.
    shell: hasAny(w, SHELL) || (!hasAny(w, WRITE) && DESCRIPTION_SHELL.test(d)),
  };
  return Object.values(traits).some(Boolean) ? Object.freeze(traits) : NONE;
}

const cache = new Map<string, ToolTraits>();

/** The traits of a tool, cached by name and description (bounded). */
export function toolTraits(
  tool: string | undefined,
  definition?: Readonly<Record<string, unknown>>,
): ToolTraits {
  if (tool === undefined) return NONE;
  const description = typeof definition?.description === "string" ? definition.description : "";
  // The session hands the same definition object with every call of a tool: remembered on
  // it, so the key below (a string of up to 300 characters, hashed) is not built per call.
  const held = definition ? byDefinition.get(definition) : undefined;
  if (held && held.tool === tool && held.description === description) return held.traits;
  const key = `${tool}\0${description.slice(0, 300)}`;
  let t = cache.get(key);
  if (t === undefined) {
    t = traitsOf(tool, description);
    if (cache.size >= 1024) cache.clear();
    cache.set(key, t);
  }
  if (definition) byDefinition.set(definition, { tool, description, traits: t });
  return t;
}
const byDefinition = new WeakMap<
  object,
  { tool: string; description: string; traits: ToolTraits }
>();
