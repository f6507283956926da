/**
 * Server-side template injection and Log4Shell. Marker syntax follows the engines'
 * documentation and the PayloadsAllTheThings SSTI and Log4Shell pages: Jinja/Twig/Nunjucks
 * `{{ }}` `{% %}`, ERB/EJS/JSP `<%= %>`, Ruby/Thymeleaf `#{ }` `*{ }`, Spring EL / JSP EL /
 * JS `${ }`, FreeMarker `<#assign` (and `[#assign`), `?new()`, Velocity `#set(`, OGNL's
 * `#_memberAccess`/`@java.lang.…@`, Django's `{% debug %}`, Cheetah's `#import os`. A plain variable or filter
 * chain (`{{ user.first_name | title }}`) is how templates are written; only code inside a
 * marker counts. Every regex is bounded (no nested unbounded quantifiers).
 */

// A marker and its content, at most 300 characters (longer content is judged on its start);
// `{{ … }}` may hold one level of braces (a dict literal: `{{ {'id':'x'}|map(…) }}`).
const MARKERS =
  /\{\{((?:[^{}]|\{[^{}]{0,100}\}){0,300})\}\}|\{%([^{}]{0,300})%\}|<%=?([^%]{0,300})%>|[#*@~]\{([^{}]{0,300})\}|\$\{([^{}]{0,300})\}/g;

/**
 * Code, as opposed to a variable path: dunder attributes, literal arithmetic (`7*7`, the
 * usual probe), method calls on literals, constructor/prototype walks, class loading,
 * process and OS access, and the gadget objects of Jinja and Twig.
 */
const CODE =
  /__\w{1,40}__|\d\s*[*/%+-]\s*['"]?\d|['")]\s*\.\s*\w|\bT\s*\(|\b(?:constructor|prototype|process|require|import|popen|subprocess|system|exec|eval|getattr|attr|Runtime|ProcessBuilder|ClassLoader|forName|getClass|mainModule|child_process|globals|builtins|mro|subclasses|lipsum|cycler|joiner|self|_self|registerUndefinedFilterCallback|getFilter|File|IO|Kernel|spawn|execSync)\b\s*[.([]|^\s*(?:config|self|request|_self)\s*$|\bconfig\s*\.\s*(?:items|iteritems|keys|values|get|from_\w+)\s*\(|`|%x[|({[]|\bSystem\s*\.\s*(?:shell|cmd|exec|getenv)\b/;

/**
 * Inside a marker, also: a string naming a PHP/OS function handed to a filter (Twig
 * `|filter('system')`, `|map('call_user_func')`), Ruby `require 'x'`, Java reflection on
 * any receiver (`getClassLoader()`, `getRuntime()`), `popen4`, a walk to an object's
 * `.constructor` (`{{#with string.constructor}}`: no data field is called that), Handlebars' gadgets on a
 * string's prototype (`string.sub.apply`, `lookup string.sub "constructor"`, `string.split as`),
 * a dunder built by concatenation (`"__cla"+"ss__"`), Ruby's Dir/Open3, and an include of a
 * system file or a climbing path (`{% include '/etc/passwd' %}`, `source('../../x')`).
 */
const CODE_MORE =
  /['"](?:constructor|__proto__|prototype)['"]|\.\s*constructor\b|\bcall\s+\.\w|\.(?:System|Exec\w*|Shell)\s+["'`]|\bsettings\.SECRET_KEY\b|\bapp\.request\.(?:server|headers|cookies)\b|\bdump\s*\(\s*(?:app|_context)\b|['"](?:system|passthru|exec|shell_exec|popen|proc_open|pcntl_exec|call_user_func(?:_array)?|assert|eval)['"]|\brequire\s+['"]|\w(?:ClassLoader|Runtime|DeclaredMethods?|DeclaredConstructors?)\s*\(|\bnewInstance\s*\(|\bpopen\d\s*\(|\.sub\.apply\b|\blookup\s+string\.sub\b|\bstring\.split\s+as\b|['"]_{2}\w{0,20}['"]\s*[+~]|[+~]\s*['"]\w{0,20}_{2}['"]|\b(?:Dir|Open3)\s*\.\s*\w|\b(?:include|source|import|extends|embed|from)\s*\(?\s*['"](?:\/(?:etc|proc|root|home|var|usr|sys)\/|[^'"]{0,100}\.\.[\\/])/;
/** Anywhere in a template field: Java process creation (`${@ASTTest(… Runtime.getRuntime().exec(…))}`). */
const JAVA_EXEC =
  /java\.lang\.Runtime|System\.Diagnostics\.Process|\bProcess\.Start\s*\(|\.getRuntime\s*\(\s*\)\s*\.\s*exec\s*\(|new\s+(?:java\.lang\.)?ProcessBuilder\s*\(/;
/**
 * Anywhere in a template field, also the other runtimes' ways to a process or a file, which
 * engines with code lines (Pug `- var x = …`, Razor `@System.IO.File…`, Mako `<% %>`) run
 * without a marker: Node's `process.mainModule`, `require('child_process')`, Python's
 * `os.popen(`/`subprocess.…(`, .NET file and reflection APIs. No page template calls them;
 * a message may name them ("@bob, subprocess.run() fails"), so only template fields count.
 */
const RUNTIME_EXEC =
  /\bprocess\s*\.\s*(?:mainModule|binding)\b|\brequire\s*\(\s*['"`](?:node:)?(?:child_process|fs|net|vm)['"`]\s*\)|\bos\s*\.\s*(?:popen|system|exec[lv]p?e?|spawn\w*)\s*\(|\bsubprocess\s*\.\s*\w+\s*\(|\bSystem\s*\.\s*(?:IO\s*\.\s*(?:File|Directory)|Reflection\s*\.\s*Assembly|Net\s*\.\s*WebClient)\b/;

const FREEMARKER_VELOCITY =
  /<#(?:assign|import|include|setting)\b|\[#assign\b|#_memberAccess\b|\bxwork\.MethodAccessor\b|@java\.lang\.\w+@|\{%-?\s*(?:debug|get_admin_log)\b|(?:^|\n)[^\S\n]*#(?:from\s+(?:os|subprocess|sys|commands)\s+)?import\s+(?:os|subprocess|sys|system|popen|commands)\b|\?new\s*\(|freemarker\.template\.utility|\bobjectconstructor\b|#set\s*\(\s*\$|#(?:evaluate|include|parse)\s*\(|\$(?:class|runtime)\s*\.|\.getClass\s*\(\s*\)\s*\.forName/i;

/**
 * Smarty's single-brace tags that run PHP (`{php}`, `{system('id')}`, `{Smarty_Internal_…::…}`),
 * also a PHP process call inside a tag's condition (`{if system('id')}{/if}`).
 */
const SMARTY =
  /\{\$smarty\.(?:version|template_object|server|env|const)\b|\{\/?php\}|\{(?:system|exec|passthru|shell_exec|popen|proc_open|eval|assert|include_php|Smarty_Internal_\w+)\s*[(:]|\{(?:if|elseif|while|assign|foreach)\b[^{}\n]{0,200}\b(?:system|passthru|shell_exec|popen|proc_open|pcntl_exec)\s*\(/i;

const RAZOR_MATH = /@\(\s*\d+\s*[*+/]\s*\d+\s*\)/;

/** Openers of different engines' markers: three kinds side by side are a polyglot probe. */
const OPENERS = /\$\{|\{\{|<%|\[%|#\{|\{%|\*\{|@\{|\{#/g;

/** `${{<%[%'"}}%\.`: a fuzz string that makes whichever engine renders it fail or answer. */
function isPolyglot(f: string): boolean {
  const seen: Array<{ kind: string; at: number }> = [];
  for (const m of f.matchAll(OPENERS)) {
    seen.push({ kind: m[0], at: m.index });
    while (seen.length && m.index - (seen[0] as { at: number }).at > 12) seen.shift();
    if (new Set(seen.map((x) => x.kind)).size >= 3) return true;
  }
  return false;
}

const isCode = (body: string) => CODE.test(body) || CODE_MORE.test(body);

/**
 * A marker's body with string escapes read as the engine reads them (`'\x5f\x5fclass\x5f\x5f'`
 * is `'__class__'` to Jinja, Twig and JS): `\xNN`, `\uNNNN` and octal `\NNN`.
 */
function unescapeString(body: string): string {
  return body.replace(/\\(?:x([\da-f]{2})|u([\da-f]{4})|([0-7]{3}))/gi, (_, x, u, o) =>
    String.fromCharCode(Number.parseInt(x ?? u ?? o, x || u ? 16 : 8)),
  );
}

/** A template field that reaches a process or a file through its runtime (RUNTIME_EXEC). */
export function hasRuntimeExec(forms: readonly string[]): boolean {
  for (const f of forms) if (RUNTIME_EXEC.test(f)) return true;
  return false;
}

/** A template value that carries code inside one of its markers. */
export function hasTemplateCode(forms: readonly string[]): boolean {
  for (const f of forms) {
    if (FREEMARKER_VELOCITY.test(f) || JAVA_EXEC.test(f) || SMARTY.test(f) || isPolyglot(f))
      return true;
    // Razor's explicit expression with literal arithmetic (`@(6+5)`), the usual probe.
    if (f.includes("@(") && RAZOR_MATH.test(f)) return true;
    if (!/[{%]/.test(f)) continue;
    for (const m of f.matchAll(MARKERS)) {
      const body = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? "";
      if (isCode(body) || (body.includes("\\") && isCode(unescapeString(body)))) return true;
    }
  }
  return false;
}

/** Probes that are template code in any field (a name, a message): no template needs them. */
const STRONG =
  /@\(\s*\d+\s*[*+/]\s*\d+\s*\)|\{\{[^{}]{0,300}?__\w{1,40}__|\{\{\s*\d+\s*[*/]\s*['"]?\d+['"]?\s*\}\}|\$\{\s*T\s*\(\s*java\.|\$\{\s*\d+\s*\*\s*\d+\s*\}|<%=\s*\d+\s*\*\s*\d+\s*%>|#\{\s*\d+\s*\*\s*\d+\s*\}|\?new\s*\(\s*\)|freemarker\.template\.utility\.Execute|\{\{[^{}]{0,100}\bconstructor\s*\.\s*constructor\b/i;

/**
 * Inside a Jinja/Twig/Nunjucks/Handlebars marker, the object walks of every public SSTI
 * chain: Python dunder attributes walked on (`.__class__.__mro__`, `__globals__[…]`,
 * `attr('__class__')`) toward classes, globals and builtins, and the JS
 * constructor walk to `Function`, in a marker that closes on its line (a Python f-string's
 * `{{{x.__class__}}}` is code, not a marker). No template needs them (Jinja's sandbox forbids them),
 * so they count even in a file's or a note's content, where template syntax itself is
 * ordinary. `${…}` is not read there: JS template literals call functions in real code.
 */
/** A Python dunder toward classes, globals or builtins, walked on (`.`, `[`, `(`, or `attr('…')`). */
const DUNDER_WALK = String.raw`__(?:class|mro|subclasses|globals|builtins|import|init|base|bases|getattribute|dict)__(?:\s*[.[(]|['"]\s*\))`;
const GADGET_IN_MARKER = new RegExp(
  String.raw`(?<!\{)(?:\{\{(?!\{)[^{}\n]{0,300}?(?:${DUNDER_WALK}|\bconstructor\s*\.\s*constructor\b|\.constructor\s*\(\s*['"]|\[\s*['"]constructor['"]\s*\]\s*\[\s*['"]constructor['"]\s*\])[^{}\n]{0,300}?\}\}|\{%[^{}\n]{0,300}?${DUNDER_WALK}[^{}\n]{0,300}?%\})`,
);

/** An SSTI object walk inside a template marker (see GADGET_IN_MARKER), in any spelling. */
export function hasTemplateGadget(forms: readonly string[]): boolean {
  for (const f of forms) if (f.includes("{") && GADGET_IN_MARKER.test(f)) return true;
  return false;
}

/** A template-injection probe outside a template field. */
export function hasTemplateProbe(forms: readonly string[]): boolean {
  for (const f of forms) if ((f.includes("{") || f.includes("?new")) && STRONG.test(f)) return true;
  return false;
}

/**
 * Server code a page-rendering server runs wherever the value lands in a page: a
 * Server-Side Include directive (`<!--#exec cmd="id"-->`, Apache/nginx/IIS SSI) or a PHP
 * open tag (`<?php`, `<?=`).
 */
const SERVER_CODE = /<!--\s*#\s*(?:exec|include|echo|printenv|config)\b|<\?(?:php\b|=)/i;
/**
 * SSI directives that run a program or read a file by path (danielmiessler/SecLists@9258c6b9
 * Fuzzing/SSI-Injection-Jhaddix.txt): in a title or a display name a server that parses
 * includes runs them. `<!--#echo var=…-->` only prints a variable and passes there.
 */
const SSI_EXEC =
  /<!--\s*#\s*(?:exec\b|printenv\b|include\s+(?:file|virtual)\s*=\s*["']?(?:\/|[^"'\s]*\.\.[\\/]))/i;

/** An SSI directive that runs a program or reads a file (see SSI_EXEC), in any spelling. */
export function hasSsiExec(forms: readonly string[]): boolean {
  for (const f of forms) if (f.includes("<!--") && SSI_EXEC.test(f)) return true;
  return false;
}

/**
 * A function called inside `${…}` or `{{…}}` (PHP's `{${phpinfo()}}`, `${@print(…)}`, EL and
 * JS template literals, `{{ get_user_file("/etc/passwd") }}`): a placeholder never calls.
 */
const CALL_IN_MARKER = /\$\{\s*@?[A-Za-z_][\w.]{0,60}\s*\(|\{\{\s*[A-Za-z_][\w.]{0,60}\s*\(/;

/**
 * Template or server code in a name (a host, a path, a branch or user name): none of them
 * holds an SSI directive, a PHP tag, or a template marker with code inside. A bare
 * placeholder (`${DB_HOST}`, `{{name}}.html`) is not code and passes.
 */
export function hasCodeInName(forms: readonly string[]): boolean {
  for (const f of forms) {
    if (f.includes("<") && SERVER_CODE.test(f)) return true;
    if (f.includes("{") && CALL_IN_MARKER.test(f)) return true;
  }
  return hasTemplateCode(forms);
}

// Innermost lookup `${prefix:…:-default}`: Log4j resolves it to its default (or its value).
const LOOKUP = /\$\{([^${}]{0,200})\}/g;
const JNDI = /\$\{\s*j\s*n\s*d\s*i\s*:/i;
const MAX_LOOKUP_ROUNDS = 8;

function resolveLookup(_whole: string, body: string): string {
  const dflt = body.lastIndexOf(":-");
  const v = dflt >= 0 ? body.slice(dflt + 2) : body.slice(body.lastIndexOf(":") + 1);
  return v.replace(/['"]/g, "");
}

/**
 * `${jndi:…}` as Log4j would read it: nested lookups (`${${lower:j}ndi:`, `${${::-j}ndi:`,
 * `${${env:X:-j}ndi:`) are resolved innermost first, as Log4j does, a bounded number of
 * times. Each round is one linear regex pass.
 */
export function hasJndiLookup(forms: readonly string[]): boolean {
  for (const f of forms) {
    if (!f.includes("${")) continue;
    let cur = f;
    for (let r = 0; r < MAX_LOOKUP_ROUNDS; r++) {
      if (JNDI.test(cur)) return true;
      const next = cur.replace(LOOKUP, (whole, body: string) =>
        /^\s*j\s*n\s*d\s*i\s*:/i.test(body) ? whole : resolveLookup(whole, body),
      );
      if (next === cur) break;
      cur = next;
    }
  }
  return false;
}
