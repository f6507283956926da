import {
  commandWordAt,
  isBlank,
  KNOWN_PROGRAMS,
  spelledName,
  startsWord,
  writtenBreak,
} from "./command-word.js";

/**
 * Shell commands spliced into a value that is not a command line: a path, a host or URL, a
 * name (`photo.png; id`, `127.0.0.1 | nc …`, `example.com$(whoami)`). A server that builds
 * `convert <path> out.jpg` or `ping <host>` into a shell string runs them. Such a value holds
 * a shell operator followed by something a shell would run; metacharacters followed by data
 * (`a;b=c` in a URL, `R&D/plan.md`, `Tom & Jerry.mp4`) are not enough.
 */

/** The operator that introduced the command, for the block message. */
export type InjectionOperator = ";" | "&&" | "||" | "|" | "&" | "newline" | "$(" | "`" | "<(";

export interface InjectedCommand {
  readonly operator: InjectionOperator;
  /** Offset of the operator in the value. */
  readonly at: number;
}

/**
 * What the value is: a path or name (`&` alone, which file names hold, needs a known
 * program after it), a host (no `&` belongs in one), or a URL with a scheme (`?a=1&b`:
 * `;`, `&` and `|` count only next to a blank, which URLs do not hold).
 */
export type InjectionContext = "path" | "host" | "url";

/** At a line start: `key = value`, the key a bare name and the `=` blank-separated. */
const CONFIG_LINE = /[ \t]*[A-Za-z_][\w.-]*[ \t]+=(?:[ \t\r\n]|$)/y;

/** The first operator in `s` a shell would read as starting another command. One linear pass. */
export function findInjectedCommand(
  s: string,
  context: InjectionContext = "path",
): InjectedCommand | undefined {
  const isUrl = context === "url";
  // A URL's query and fragment are data (`?q=%24%28id%29` searches for `$(id)`); only blank-
  // separated operators, which no URL holds, count there.
  const query = isUrl ? s.search(/[?#]/) : -1;
  // A host name or address holds no operator at all: in its authority (before any `/`, `?`,
  // `#`) an operator followed by anything a shell reads as a word starts a command
  // (`127.0.0.1& FOR /F …`, `example.com|:`), whatever its case.
  const authorityEnd = context === "host" ? (s.search(/[/?#]/) + 1 || s.length + 1) - 1 : -1;
  const escapesOnly =
    s.includes("\\") &&
    (context === "host" ||
      !/\\(?!(?:[nr]|x0[ad]|u000[ad]|u202[89]|0?1[25](?![0-7])))|^[a-z]:/i.test(s)) &&
    !/^[a-z]:/i.test(s);
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    let op: InjectionOperator | undefined;
    let len = 1;
    if (c === ";") op = ";";
    // U+2028/2029 and NEL end a line for JavaScript, Python's splitlines and log readers.
    else if (c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029" || c === "\u0085")
      op = "newline";
    else if (c === "`") op = "`";
    else if (c === "$" && s[i + 1] === "(") {
      op = "$(";
      len = 2;
    } else if ((c === "<" || c === ">") && s[i + 1] === "(") {
      op = "<(";
      len = 2;
    } else if (c === "\\" && escapesOnly && writtenBreak(s, i) > 0) {
      // A written `\n` (`\x0a`, `\012`, `\u000a`, `\u2028`) is a line break once a server
      // unescapes it: in a host (no backslash belongs there) or a path whose only
      // backslashes are such escapes (not `C:\new\x`).
      op = "newline";
      len = writtenBreak(s, i);
    } else if (c === "|") {
      op = s[i + 1] === "|" ? "||" : "|";
      len = op.length;
    } else if (c === "&") {
      op = s[i + 1] === "&" ? "&&" : "&";
      len = op.length;
    }
    if (op === undefined) continue;
    // In a URL a decoded line break belongs to the query (`?text=a%0Ab`); the CR/LF and
    // control-character rules judge breaks before it.
    if (isUrl && op === "newline") continue;
    if (query >= 0 && i > query && (op === "$(" || op === "`" || op === "<(")) continue;
    const spaced = isBlank(s[i - 1]) || isBlank(s[i + len]);
    // Before its query a URL holds `;` only as a path parameter (`;jsessionid=1`) and `|`
    // hardly ever: there a command word after them counts, blank or not.
    const inQuery = query >= 0 && i > query;
    if (isUrl && (op === ";" || op === "&" || op === "|") && !spaced && (inQuery || op === "&")) {
      i += len - 1;
      continue;
    }
    if (i < authorityEnd && startsWord(s, i + len)) return { operator: op, at: i };
    // A line `key = value` is configuration (INI, TOML, a properties file): a shell would
    // hand the program `=` as its first argument, which no payload is written as.
    if (op === "newline" && c !== "\\") {
      CONFIG_LINE.lastIndex = i + len;
      if (CONFIG_LINE.test(s)) continue;
    }
    const word = commandWordAt(s, i + len);
    // File names hold `&` and backticks (`a & b.txt`, ``a`b`.txt``): there the command
    // must be one a shell would find.
    const lone =
      (op === "&" || op === "`" || (op === "newline" && c === "\\")) && context === "path";
    if (word && (!lone || /[/\\]/.test(word.name) || KNOWN_PROGRAMS.has(word.name)))
      return { operator: op, at: i };
    if (lone && KNOWN_PROGRAMS.has(spelledName(s, i + len))) return { operator: op, at: i };
    i += len - 1;
  }
  return undefined;
}

/**
 * A host (no scheme) followed by blank-separated words: `example.com nc -e /bin/sh …`.
 * Host names hold no blanks, so whatever follows is handed to the program as arguments.
 */
export function hasWordsAfterHost(s: string): boolean {
  const t = s.trim();
  const blank = t.search(/\s/);
  if (blank < 0 || /^[a-z][a-z0-9+.-]*:\/\//i.test(t)) return false;
  const head = t.slice(0, blank);
  // Only when the first word is itself host-like (a name or address, optional port).
  if (!/^[\w.-]+(?::\d+)?$|^\[[0-9a-f:.]+\](?::\d+)?$/i.test(head)) return false;
  return commandWordAt(t, blank) !== undefined || /^\s+-/.test(t.slice(blank));
}
