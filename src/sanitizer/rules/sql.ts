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
 * Injection shapes inside a SQL tool's query, which a caller writing a query has no use
 * for: deliberate delays (`SLEEP(5)`, `pg_sleep(10)`, `WAITFOR DELAY`, `BENCHMARK(`, the
 * time-based blind probes), tautologies that void a condition (`'' OR 1=1`, `OR 'a'='a'`,
 * OData `or 1 eq 1`) and column-count probes (`UNION SELECT NULL,NULL`). A plain SELECT,
 * `WHERE 1=1 AND …` (a query builder's start) and schema questions pass.
 */
const QUERY_INJECTION = new RegExp(
  [
    String.raw`\b(?:sleep|benchmark)\s*\(\s*\d|\bpg_sleep(?:_for|_until)?\s*\(|\bwaitfor\s+(?:delay|time)\b|\bdbms_(?:lock\.sleep|pipe\.receive_message|session\.sleep)\b|\brandomblob\s*\(\s*\d{6,}`,
    String.raw`\bor\s+(?:(\d{1,10})\s*=\s*\1\b|'([^']{0,20})'\s*=\s*'\2'|"([^"]{0,20})"\s*=\s*"\3"|true\b|(\d{1,10})\s+eq\s+\4\b|''\s*=\s*'')`,
    String.raw`\bunion\s+(?:all\s+)?select\s+(?:null|\d{1,3})\s*,\s*(?:null|\d{1,3})\b`,
  ].join("|"),
  "i",
);

export function hasQueryInjection(sql: string): boolean {
  return QUERY_INJECTION.test(sql.includes("/*") ? sql.replace(/\/\*[^*]{0,200}\*\//g, " ") : sql);
}

/**
 * Injection into a field spliced into SQL. Comments are blanked first (`UNION/**\/SELECT`).
 * Each alternative needs a quote, a keyword pair or a call: "O'Brien", "rock 'n' roll",
 * "select all that apply" and "sleep well" pass.
 */
const INJECTION = new RegExp(
  [
    // ' OR '1'='1 · " or ""=" · ') or ('a'='a · ' OR 1=1 · admin' or true
    // (the compared operand is a literal or the same name twice: `' or status = 'closed'`,
    // a filter's own OR, passes)
    // (`||`/`&&` only after a closing quote, not an opening one: `"|| true"` is a phrase search)
    String.raw`(?:['")]\s{0,10}(?:or|and)|(?<!\s)['")]\s{0,10}(?:\|\||&&))[\s(]{0,10}(?:['"]\w{0,20}['"]?\s*(?:=|<>|!=|<|>|\blike\b|\bis\b)|\d{1,10}\s*(?:=|<>|!=|<|>|\blike\b|\bis\b)|(\w{1,20})\s*=\s*\1\b|\w{1,20}\s+like\s+['"]%|\w{1,20}\s+is\s+not\s+null\b|true\b)`,
    String.raw`\b(?:or|and)\s+(\d{1,10})\s*=\s*\2\b`, // back-references count groups of the whole alternation
    // UNION SELECT and the start of a select list (`1,2`, `null`, `*`, `@@version`, `name FROM`,
    // `user()`, a comment): "union select tutorial postgres" in a web search, or "SELECT … UNION
    // SELECT …" in a mail subject, names the syntax
    String.raw`\bunion\s+(?:all\s+|distinct\s+)?select\s*(?:[\d*@('"\`]|\/\*|--|#|null\b|[A-Za-z_][\w.$]{0,63}\s*(?:[,(]|\bfrom\b|\binto\b|--|#|\/\*|;|$))`,
    // glued to the value it closes: `'DEUNION ALL SELECT 1,2`, `adminORDER BY 3--`
    String.raw`union\s+(?:all|distinct)\s+select\b|order\s+by\s+\d{1,3}\s*(?:--|#|\/\*|;|$)|\bgroup\s+by\s+[\w,\s]{1,60}(?:--|#)|\bhaving\s+(\d{1,10})\s*=\s*\3\b`,
    // tautologies without a quote: ` OR 1=0`, ` OR x=x`, OData ` or 1 eq 1`, `) or ("x")=("x`
    String.raw`\bor\s+\d{1,10}\s*(?:=|<>|!=|<|>)\s*\d{1,10}\s*(?:--|#|$)|\b(?:or|and)\s+([a-z_]\w{0,20})\s*=\s*\4\s*(?:--|#|$)|\b(?:or|and)\s+(\d{1,10}|'[^']{0,20}'|true)\s+(?:eq|ne)\s+\5(?!\w)|\bor\s+true\s*(?:--|#|$)|\bor\s*\(\s*['"]?(\w{1,20})['"]?\s*\)\s*=\s*\(\s*['"]?\6\b`,
    // a quote, OR and a dangling quote or operator: `" or ""-"`, `' or ''^'`, `or '' '`
    String.raw`['"]\s*or\s*(?:['"]{2}\s*[-^*|&=<>]|['"]\s*['"]\s*['"]?\s*$)`,
    // a probe SELECT inside a filter, error-based CONVERT, MSSQL backup to a share
    // a subquery or CASE probe (boolean blind): `ASCII(SUBSTRING((SELECT pw FROM u),1,1))>64`
    String.raw`\(\s*select\b(?:[^()]|\([^()]{0,40}\)){0,200}\bfrom\b|\(\s*select\s*\(|\bcase\s+when\s*\(?\s*\d+\s*=\s*\d+`,
    String.raw`select\s+(?:@@\w+|version\s*\(|current_(?:setting|user|database)\b|user\s*\(\)|database\s*\(\))|\bconvert\s*\(\s*int\s*,|backup\s+database\b|\bchar\s*\(\s*\d+\s*\)\s*\+\s*char\s*\(`,
    // admin'-- · admin'# · 1'/* · ');--
    String.raw`['")][\s);]{0,10}--|['"]\s{0,10}#|['")]\s{0,10}\/\*`,
    String.raw`;\s*(?:drop\s+(?:table|database|schema|user|view|index)|delete\s+from|truncate\s|update\s+\w+\s+set|insert\s+into|exec(?:ute)?\s+\w|shutdown\b|alter\s+(?:table|user|database)|create\s+(?:table|user|database|function|procedure)|grant\s|declare\s+@|select\s+[\w*@(])`,
    String.raw`\b(?:sleep|benchmark)\s*\(\s*\d|\b(?:pg_sleep|randomblob)\s*\(|\bwaitfor\s+(?:delay|time)\b|\bdbms_(?:lock\.sleep|pipe\.receive_message)\b`,
    String.raw`\bxp_cmdshell\b|\bfrom\s+information_schema\b|@@version\b|\b(?:extractvalue|updatexml)\s*\(|\bload_file\s*\(|\binto\s+(?:outfile|dumpfile)\b`,
    String.raw`['"]\s{0,10}(?:\|\||\+)[\s(]{0,10}(?:select\b|chr\s*\(|char\s*\(|\w{1,30}\.\w{1,30}\s*\()`,
    // (fuzzdb attack/sql-injection) MSSQL dynamic SQL and variables: `declare @q nvarchar(200)
    // … exec(@q)`, `exec('sel'+'ect …')`, `PRINT @@version`, `--sp_password` (hides the log line)
    String.raw`\bdeclare\s+@\w{1,30}\s|\bexec(?:ute)?\s*\(\s*[@']|\bprint\s+@@\w|--\s*sp_password\b`,
    // a quote then OR/AND a bare truthy literal and a comment: `' or 1 --`, `' or 1/*`;
    // self-evident comparisons: `or 'a'='a'` (the last quote may be the server's own, at the
    // end of the value), `'x' in ('x')`, `2 between 1 and 3`
    String.raw`['")]\s{0,10}(?:or|and)\s+\d{1,10}\s*(?:--|#|\/\*)|\bor\s+'([^']{0,20})'\s*(?:=\s*'\7(?:'|\s*$)|in\s*\(\s*'\7'\s*\))|\bor\s+\d{1,10}\s+between\s+\d{1,10}\s+and\s+\d{1,10}\b`,
    // a delay glued to the value it closes: `adminsleep(5)#`, `1)) or sleep(5)="`
    String.raw`(?:sleep|benchmark)\s*\(\s*\d{1,10}\s*(?:,[^()]{0,40}(?:\([^()]{0,20}\))?)?\)\s*(?:#|--|\/\*|=|$)`,
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

/**
 * An ORDER BY or sort field holds a column list (`created_at DESC, id`, `LOWER(name)`,
 * `"Name" NULLS LAST`): a condition keyword, a statement, a comment, a `;` or a string
 * literal there is SQL the server's query was not written to hold.
 */
const NOT_ORDER =
  /\b(?:where|union|select|and|or|having|group|sleep|benchmark|waitfor|pg_sleep|case|when|if|insert|update|delete|drop|exec)\b|--|#|\/\*|;|'/i;
export function hasOrderByInjection(value: string): boolean {
  return NOT_ORDER.test(value);
}

/**
 * A filter whose single quotes do not pair up: the server's own closing quote completes
 * the string, so what follows is SQL. Counts when a trailing line comment cuts off the rest
 * of the server's query (`country = 'DEor 1=1--`, `status = 'open'=0--+`) or an OR leaves
 * an open string for that quote to close (`country = 'DE' OR '1`).
 */
export function hasQuoteBreakout(value: string): boolean {
  if (!value.includes("'")) return /--[\s+-]*$/.test(value) && /[=<>]/.test(value);
  const outside = value.replace(/'(?:[^']|'')*'/g, "''");
  const open = outside.indexOf("'");
  if (open < 0) return /--[\s+-]*$/.test(outside);
  const rest = outside.slice(open);
  return /--[\s+-]*$|#\s*$/.test(rest) || /\bor\s+'[^']*$/i.test(value);
}

/**
 * NoSQL injection (fuzzdb attack/no-sql-injection/mongodb.txt; MongoDB query operator
 * reference). Anywhere: `$where`/`$function`/`$accumulator` (server-side JavaScript), JS
 * conditions glued after a quote (`' && this.password.match(`), calls on a collection
 * (`db.users.insert(`). Where a single value is expected (a user name, an id), also any
 * query operator (`{"$ne": 1}`, `[$ne]=1`, `admin', $or: [`): a filter field's own JSON
 * query (`{"status": {"$in": ["a", "b"]}}`) is how such a filter is written.
 */
const NOSQL_CODE =
  /(?:^|[{[,\s'"])\$(?:where|function|accumulator)\b\s*(?:[:\]"']|$)|['"]\s*(?:&&|\|\|)\s*this\.\w|\bdb\.\w{1,60}\.(?:insert|drop|remove|update|find|mapReduce|aggregate|deleteMany|updateMany)\w{0,10}\s*\(/;
const NOSQL_OPERATOR =
  /(?:^|[{[,\s'"])\$(?:ne|gt|gte|lt|lte|regex|or|and|nor|nin|in|not|expr|exists|elemMatch|jsonSchema)\b\s*(?:[:\]"']|$)/;
export function hasNoSqlInjection(forms: readonly string[], valueExpected: boolean): boolean {
  for (const f of forms) {
    if (!f.includes("$") && !f.includes("this.") && !f.includes("db.")) continue;
    if (NOSQL_CODE.test(f) || (valueExpected && NOSQL_OPERATOR.test(f))) return true;
  }
  return false;
}

/**
 * Quote look-alikes (‘ ’ ‛ ′ ʹ ʼ ˈ and “ ” ″) that NFKC keeps but a database driver's
 * best-fit conversion to a single-byte code page turns into `'` and `"` (the "WorstFit"
 * class of Windows best-fit mappings; MySQL with a latin1 connection does the same).
 */
const QUOTE_LOOKALIKE = /[\u2018\u2019\u201b\u2032\u02b9\u02bc\u02c8\u201c\u201d\u2033]/g;

/** The forms with quote look-alikes read as ASCII quotes, or undefined when there are none. */
export function asciiQuoteForms(forms: readonly string[]): string[] | undefined {
  if (!forms.some((f) => /[\u02b9-\u02c8\u2018-\u2033]/.test(f))) return undefined;
  return forms.map((f) =>
    f.replace(QUOTE_LOOKALIKE, (c) => ("\u201c\u201d\u2033".includes(c) ? '"' : "'")),
  );
}

/** SQL injection read through quote look-alikes (see asciiQuoteForms). */
export function hasLookalikeInjection(forms: readonly string[]): boolean {
  const ascii = asciiQuoteForms(forms);
  return ascii !== undefined && hasSqlInjection(ascii);
}

/**
 * A whole value that is one token, a quote and a self-evident comparison (`shipped' OR
 * 'a'='a`, `x' or 1=1 --`): the classic breakout, in a field read as text (`status`,
 * `comment`) as well. No sentence has that shape.
 */
const TEXT_BREAKOUT =
  /^[^'\s]{1,40}'\s*(?:or|and)\s+(?:'([^'\s]{1,20})'?\s*=\s*'\1'?|(\d{1,10})\s*=\s*\2)\s*(?:(?:--|#).*)?$/i;
/**
 * The same breakout into a blind probe: one token, a quote, AND/OR, a function call or a
 * subquery, then a comparison or a comment (`open' AND ASCII(SUBSTRING((SELECT …),1,1))>64--`,
 * `x' AND (SELECT COUNT(*) FROM users)>0--`). "Chris' and Sam(s) car" has no comparison.
 */
const TEXT_PROBE =
  /^[^'\s]{1,40}'\s*(?:or|and)\s+(?:\(\s*select\b|[a-z_]{2,20}\s*\()[^\n]{0,200}?(?:[=<>]|--|#)/i;
/**
 * A subquery concatenated into the string the value sits in (`shipped'||(SELECT version())||'`,
 * `x'+(SELECT …)+'`): one token, a quote, `||` or `+`, a SELECT or a call, and the string
 * reopened at the end.
 */
const TEXT_CONCAT =
  /^[^'\s]{0,40}'\s*(?:\|\||\+)\s*\(?\s*(?:select\b|[a-z_]{2,30}\s*\()[^\n]{0,200}(?:\|\||\+)\s*'$/i;
/** One token, a quote and a comment that cuts the rest of the query off (`admin' --`). */
const TEXT_COMMENT = /^[^'\s]{1,40}'\s*(?:--|#|\/\*)\s*$/;
export function isTextBreakout(value: string): boolean {
  if (value.length > 300 || !value.includes("'")) return false;
  const v = value.trim();
  return (
    (value.length <= 120 && (TEXT_BREAKOUT.test(v) || TEXT_COMMENT.test(v))) ||
    TEXT_PROBE.test(v) ||
    TEXT_CONCAT.test(v)
  );
}
