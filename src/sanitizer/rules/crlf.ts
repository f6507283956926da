/**
 * CR/LF injection: a line break in a value that ends up in an HTTP or mail header splits
 * it, so the attacker writes headers of their own (`Set-Cookie:`, `Bcc:`) or a body.
 * Judged on the plain and the percent-decoded spelling (any number of layers, so `%250d`
 * counts); Unicode line breaks count too (U+0085, U+2028, U+2029), as do the CJK
 * characters some servers truncate to their low byte (U+560A → LF, U+560D → CR: the
 * `%E5%98%8A` trick).
 */
const BREAK = /[\r\n\u000b\u000c\u0085\u2028\u2029]/;

/**
 * A break that starts something: a header (`Name:`), a second break (an empty line ends
 * the headers) or markup. A URL query may carry a lone encoded newline as data
 * (`?text=a%0Ab`); that passes.
 */
const INJECTED =
  /[\r\n\u0085\u2028\u2029\u560a\u560d][ \t]*(?:[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}[ \t]*:|[\r\n\u0085\u2028\u2029\u560a\u560d]|<)/;

/** A line break in a header or mail field value (or key), in any spelling. */
export function hasHeaderBreak(forms: readonly string[]): boolean {
  // The CJK look-alikes are ordinary text (嘍 is Cantonese): only with a header after them.
  for (const f of forms) if (BREAK.test(f) || INJECTED.test(f)) return true;
  return false;
}

/** A line break that injects a header or body into a URL, in any spelling. */
export function hasUrlInjection(forms: readonly string[]): boolean {
  for (const f of forms) if (INJECTED.test(f)) return true;
  return false;
}

/**
 * A carriage return that splits a header anywhere a value may reach one (a redirect's
 * `location`, a cookie or a header value under another name): followed by a header a
 * browser, proxy or mailer acts on (a capitalised `X-` header among them), by a status
 * line (response splitting), or by an empty line and markup. A CR is required (a
 * lone LF starts a line in text and in YAML), and the names are ones no config file keys.
 */
const SPLIT =
  /\r\n?[ \t]*(?:location|set-cookie2?|content-type|content-length|content-disposition|transfer-encoding|refresh|x-forwarded-[\w-]+|access-control-allow-[\w-]+|bcc)[ \t]*:|\r\n?\r\n?[ \t]*<|\r\nhttp\/\d(?:\.\d)?[ \t]+\d{3}\b/i;
/** A custom header as browsers and proxies spell it (`X-Admin:`); OpenAPI's `x-` keys are lower case. */
const SPLIT_X = /\r\n?[ \t]*X-[A-Z][A-Za-z0-9-]*[ \t]*:/;

/** A header split in a field that is not a header (see SPLIT), in any spelling. */
export function hasHeaderSplit(forms: readonly string[]): boolean {
  for (const f of forms) if (f.includes("\r") && (SPLIT.test(f) || SPLIT_X.test(f))) return true;
  return false;
}

/** Words that make a key a redirect target (`location`, `redirect_url`, `return_to`, `next`). */
const REDIRECT_WORDS = new Set(
  "location redirect redirects returnto return next callback continue goto".split(" "),
);
/** Head nouns a redirect key may end in (`callback_url`, `return_to`, `next_path`). */
const REDIRECT_HEADS = new Set(
  "location redirect redirects returnto next callback continue goto url uri href to path target page".split(
    " ",
  ),
);

/**
 * A key whose value a server puts in a `Location` header or a redirect: a redirect word
 * with a head noun that names where to go (`callback_body` is a body, not a target).
 */
export function isRedirectKey(words: readonly string[]): boolean {
  const head = words[words.length - 1];
  return head !== undefined && REDIRECT_HEADS.has(head) && words.some((w) => REDIRECT_WORDS.has(w));
}

/**
 * A redirect target split into headers: one blank-free token that reads as a URL or path
 * (a URL has no blank; "Room 4" and prose do), then a line break and a header, a second
 * break or markup. Any break counts, LF alone too: servers that fold a bare LF into CRLF
 * send it as a header. A word that is no URL (`Berlin`) counts only before a CR and a
 * header a browser acts on (SPLIT).
 */
export function hasRedirectSplit(forms: readonly string[]): boolean {
  for (const f of forms) {
    const m = INJECTED.exec(f);
    if (m === null) continue;
    const head = f.slice(0, m.index).trim();
    if (!/\s/.test(head) && (URL_LIKE.test(head) || (f.includes("\r") && SPLIT.test(f))))
      return true;
  }
  return false;
}
/** A URL, a path or a query: what a redirect target is (`Berlin` before a note is a place). */
const URL_LIKE = /^(?:[a-z][\w+.-]*:|[/?#.~\\])|[/?#=]|^[\w-]+(?:\.[\w-]+)+$/i;

/**
 * A CR LF then a command of a line protocol that keys and ids are sent over (Redis inline
 * commands, SMTP, FTP, an HTTP request line): `session:1\r\nFLUSHALL`, `a@b>\r\nRCPT TO:<…>`,
 * `x\r\nGET /admin HTTP/1.1`. The verbs in capitals, as those protocols are written; a name
 * or id holds no line break at all, so nothing ordinary looks like this.
 */
const LINE_COMMAND =
  /\r\n[ \t]*(?:(?:FLUSHALL|FLUSHDB|SLAVEOF|REPLICAOF|SHUTDOWN|EVAL|EVALSHA|SCRIPT|DEBUG|CONFIG|MODULE|MIGRATE|KEYS|DEL|SET|GET|HELO|EHLO|MAIL|RCPT|DATA|QUIT|RSET|USER|PASS|STOR|RETR|DELE|PORT)(?=[ \t\r]|$)|(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS)[ \t]+\S{1,2000}[ \t]+HTTP\/)/;

/** A line-protocol command smuggled after a CR LF (see LINE_COMMAND), in any spelling. */
export function hasLineCommand(forms: readonly string[]): boolean {
  for (const f of forms) if (f.includes("\r\n") && LINE_COMMAND.test(f)) return true;
  return false;
}
