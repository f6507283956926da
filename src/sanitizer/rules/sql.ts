/**
 * SQL judgement. A SQL tool's query is statements the server runs on purpose, so only
 * what the caller cannot have meant is refused: a read followed by a write, and any
 * statement after the first that drops, alters or executes (`SELECT 1; DROP TABLE users`).
 * Other fields that a server may splice into SQL (filters, searches, names) are judged
 * for injection: tautologies after a quote, UNION SELECT, comment terminators, stacked
 * destructive statements, time delays and command execution.
 */

/** Statement keywords that only read. */
const READ = new Set(["select", "with", "show", "explain", "describe", "desc", "values", "table"]);
/** Statements that destroy, change schema or permissions, or run code. */
const DESTRUCTIVE = new Set([
  "drop",
  "truncate",
  "alter",
  "grant",
  "revoke",
  "shutdown",
  "exec",
  "execute",
  "call",
  "copy",
  "load",
  "attach",
  "detach",
  "rename",
  "create",
  "declare",
  "do",
  // time-based probes stacked after a query (`; WAITFOR DELAY '0:0:5'`): blind injection
  "waitfor",
]);
const WRITE = new Set(["insert", "update", "delete", "merge", "replace", "upsert"]);

const isWordChar = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * The first keyword of each statement, lower-cased. One pass; quotes (`'…'` with `''`,
 * `"…"`, `` `…` ``, `[…]`), comments (`--`, `#`, `/* *\/`) and Postgres dollar quotes
 * (`$$…$$`, `$tag$…$tag$`) are skipped, so a `;` inside them does not end a statement.
 */
export function statementHeads(sql: string): string[] {
  const heads: string[] = [];
  let needHead = true;
  let i = 0;
  const n = sql.length;
  // An odd number of single quotes: one was added to close the query's own string
  // (`… id = 1';WAITFOR DELAY '0:0:5'--`), so the first one opens nothing.
  let strayQuote = (sql.split("'").length - 1) % 2 === 1;
  while (i < n) {
    const c = sql.charCodeAt(i);
    if (c === 39 && strayQuote) {
      strayQuote = false;
      i++;
      continue;
    }
    if (c === 39 || c === 34 || c === 96) {
      // Quote: a doubled quote is an escaped one.
      let j = i + 1;
      while (j < n) {
        if (sql.charCodeAt(j) === c) {
          if (sql.charCodeAt(j + 1) === c) j += 2;
          else break;
        } else if (c === 39 && sql.charCodeAt(j) === 92) j += 2;
        else j++;
      }
      // A quote that never closes is one an injection added to close the query's own
      // string (`… id = 1' ; DROP TABLE t --`): what follows is read as statements.
      if (j >= n) {
        i++;
        continue;
      }
      i = j + 1;
      if (needHead) needHead = false;
    } else if (c === 45 && sql.charCodeAt(i + 1) === 45) {
      const e = sql.indexOf("\n", i);
      i = e < 0 ? n : e + 1;
    } else if (c === 35) {
      const e = sql.indexOf("\n", i);
      i = e < 0 ? n : e + 1;
    } else if (c === 47 && sql.charCodeAt(i + 1) === 42) {
      const e = sql.indexOf("*/", i + 2);
      i = e < 0 ? n : e + 2;
    } else if (c === 36) {
      const m = /^\$([A-Za-z_]\w{0,30})?\$/.exec(sql.slice(i, i + 34));
      if (m) {
        const e = sql.indexOf(m[0], i + m[0].length);
        i = e < 0 ? n : e + m[0].length;
      } else i++;
    } else if (c === 59) {
      needHead = true;
      i++;
    } else if (needHead && isWordChar(c)) {
      let j = i;
      while (j < n && isWordChar(sql.charCodeAt(j))) j++;
      heads.push(sql.slice(i, j).toLowerCase());
      needHead = false;
      i = j;
    } else {
      if (needHead && c === 40) needHead = false; // `(SELECT …)`: a statement without a keyword head
      i++;
    }
  }
  return heads;
}

/** A SQL tool's query that stacks a destructive statement after another one. */
export function hasStackedDestructive(sql: string): boolean {
  if (!sql.includes(";")) return false;
  const heads = statementHeads(sql);
  if (heads.length < 2) return false;
  const first = heads[0] as string;
  for (let k = 1; k < heads.length; k++) {
    const h = heads[k] as string;
    if (DESTRUCTIVE.has(h)) return true;
    if (READ.has(first) && WRITE.has(h)) return true;
  }
  return false;
}

/** Operating-system access from SQL: never what a query tool is for. */
const OS_ACCESS =
  /\bxp_cmdshell\b|\bsp_oacreate\b|\bsp_execute_external_script\b|\bcopy\b[^;]{0,200}\b(?:from|to)\s+program\b|\binto\s+(?:outfile|dumpfile)\b|\bload_file\s*\(|\bpg_read_(?:server_)?file\s*\(|\blo_import\s*\(|\bsys_exec\s*\(|\bsys_eval\s*\(|\butl_(?:file|http)\./i;

export function hasSqlOsAccess(sql: string): boolean {
  return OS_ACCESS.test(sql);
}

/**
 * Injection into a field spliced into SQL. Comments are blanked first (`UNION/**\/SELECT`).
 * Each alternative needs a quote, a keyword pair or a call: "O'Brien", "rock 'n' roll",
 * "select all that apply" and "sleep well" pass.
 */
const INJECTION = new RegExp(
  [
    // ' OR '1'='1 · " or ""=" · ') or ('a'='a · ' OR 1=1 · admin' or true
    String.raw`['")]\s{0,10}(?:or|and|\|\||&&)[\s(]{0,10}(?:['"]?\w{0,20}['"]?\s*(?:=|<>|!=|<|>|\blike\b|\bis\b)|true\b)`,
    String.raw`\b(?:or|and)\s+(\d{1,10})\s*=\s*\1\b`,
    String.raw`\bunion\s+(?:all\s+|distinct\s+)?select\b`,
    // admin'-- · admin'# · 1'/* · ');--
    String.raw`['")][\s);]{0,10}--|['"]\s{0,10}#|['")]\s{0,10}\/\*`,
    String.raw`;\s*(?:drop\s+(?:table|database|schema|user|view|index)|delete\s+from|truncate\s|update\s+\w+\s+set|insert\s+into|exec(?:ute)?\s+\w|shutdown\b|alter\s+(?:table|user|database)|create\s+(?:table|user|database|function|procedure)|grant\s|declare\s+@|select\s+[\w*@(])`,
    String.raw`\b(?:sleep|benchmark)\s*\(\s*\d|\b(?:pg_sleep|randomblob)\s*\(|\bwaitfor\s+(?:delay|time)\b|\bdbms_(?:lock\.sleep|pipe\.receive_message)\b`,
    String.raw`\bxp_cmdshell\b|\bfrom\s+information_schema\b|@@version\b|\b(?:extractvalue|updatexml)\s*\(|\bload_file\s*\(|\binto\s+(?:outfile|dumpfile)\b`,
    String.raw`['"]\s{0,10}(?:\|\||\+)[\s(]{0,10}(?:select\b|chr\s*\(|char\s*\()`,
  ].join("|"),
  "i",
);

export function hasSqlInjection(forms: readonly string[]): boolean {
  for (const f of forms) {
    const s = f.includes("/*") ? f.replace(/\/\*[^*]{0,200}\*\//g, " ") : f;
    if (INJECTION.test(s)) return true;
  }
  return false;
}
