import { type Analysis, argTexts, type Hit } from "../facts.js";
import { inlineCode, readsProgramFromStdin, SHELLS } from "../resolve.js";
import type { Word } from "../words.js";

/** A substitution whose output is decoded data: `eval "$(echo … | base64 -d)"`. */
const DECODED_DATA =
  /\b(?:base64|base32|basenc)\s+(?:-\w*[dD]\b|--decode)|\bxxd\s+-\w*r|\|\s*rev\b|\bopenssl\s+(?:enc|base64)|\bprintf\s+['"]?\\x/;
/** A word that is one substitution and nothing else: `"$(…)"`, `$(…)`, `<(…)`, `` `…` ``. */
const WHOLE_SUBST = /^"?(?:\$\(|<\()[\s\S]*\)"?$|^"?`[\s\S]*`"?$/;

/**
 * A substitution whose output is decoded or assembled text: `eval "$(echo … | base64 -d)"`.
 * Bashfuscator's mutators (Bashfuscator/Bashfuscator@7487348, docs/source/Mutators) build
 * the text by reversing it (`rev <<<'…'`), rotating letters (`tr`), swapping case
 * (`${x~~}`), decompressing, xor-ing in an inline interpreter, indexing an array character
 * by character (`${A[$i]}`) or hashing (`md5sum | cut`). `eval "$(ssh-agent -s)"` and
 * `eval "$(direnv hook bash)"` print their own setup and pass.
 */
const DECODER_IN_SUBST =
  /\b(?:base64|base32|basenc)\s+(?:-\w*[dD]\b|--decode)|\bxxd\s+-\w*r|(?:^|[|;&({]|\$\(|<\()\s*(?:rev|tr)\b|\b(?:gunzip|zcat|bunzip2|bzcat|xzcat|unxz|uudecode)\b|\b(?:gzip|bzip2|xz|zstd)\s+-\w*d|\bopenssl\s+(?:enc|base64)|\bprintf\s+['"]?\\x|\$\{[#!]?[\w@*]+\s*(?:~~?|\^\^?|,,?)\s*\}|\$\{\w+\[\$\w+\]\}|\bmd5sum\b|\b(?:perl|ruby)\s+-\w*e\b|\bpython[\d.]*\s+-c\b/;

/** Decoders that turn data into a program: base64/xxd/rev/openssl/tr/printf with escapes. */
function decodes(name: string, t: readonly string[]): boolean {
  if (name === "base64" || name === "base32" || name === "basenc")
    return t.some((x) => /^-[a-zA-Z]*[dD]$/.test(x) || x === "--decode");
  if (name === "xxd") return t.some((x) => /^-[a-z]*r/.test(x));
  if (
    name === "rev" ||
    name === "tr" ||
    name === "uudecode" ||
    name === "gunzip" ||
    name === "zcat" ||
    name === "bunzip2" ||
    name === "xz"
  )
    return true;
  // Decompressing into a shell hides the script as well as encoding does (`gzip -dc p.gz | sh`).
  if (name === "bzcat" || name === "xzcat" || name === "zstdcat" || name === "unzstd") return true;
  if (name === "gzip" || name === "bzip2" || name === "zstd" || name === "lz4")
    return t.some((x) => /^-[a-zA-Z]*d/.test(x) || x === "--decompress");
  if (name === "openssl") return t.some((x) => x === "-d" || x === "base64" || x === "enc");
  if (name === "printf" || name === "echo")
    return t.some((x) => /\\(x[0-9a-f]{2}|[0-7]{3})/i.test(x));
  if (name === "perl" || name === "python" || name === "python3")
    return t.some((x) => /b64decode|decode_base64|unpack|fromhex/i.test(x));
  return false;
}

/**
 * The words a code runner takes as code: all of eval's and source's, a shell's `-c`
 * script or its first operand (`bash <(…)`), not the arguments it hands the script
 * (`bash deploy.sh "$(echo $ENV | tr A-Z a-z)"`).
 */
function codeWords(name: string, args: readonly Word[]): readonly Word[] {
  if (!SHELLS.has(name)) return args;
  for (let i = 0; i < args.length; i++) {
    const t = (args[i] as Word).text;
    if (t !== undefined && /^-[a-z]*c[a-z]*$/.test(t)) return args.slice(i + 1, i + 2);
    if (t === undefined || !t.startsWith("-")) return args.slice(i, i + 1);
  }
  return [];
}

/**
 * Interpreter code that runs code it decodes at run time (`perl -e 'eval(pack("H*",…))'`,
 * `node -e "eval(Buffer.from(…,'base64')…)"`, `ruby -e 'eval(Base64.decode64(…))'`): the
 * program is hidden from every other check. Decoding or evaluating alone passes.
 */
const EVALS = /\b(?:eval|exec|instance_eval|class_eval|Function)\s*[(\s]/;
const DECODES =
  /b64decode|decode_?base64|decode64|\bunpack\b|\bpack\s*\(\s*["']H|fromhex|unhexlify|\batob\b|['"]base64['"]|fromCharCode|decompress|rot_?13/i;

/** IFS assigned as a statement of its own, not only as the prefix of one command. */
function setsIfs(a: Analysis): boolean {
  if (a.script.assigns.length === 0) return false;
  const count = (xs: ReadonlyArray<{ name: string }>) => xs.filter((x) => x.name === "IFS").length;
  const all = count(a.script.assigns);
  if (all === 0) return false;
  let prefixed = 0;
  for (const c of a.cmds) if (c.sc.words.length > 0) prefixed += count(c.sc.assigns);
  return all > prefixed;
}

/** `${HOME:0:1}` is `/`: one character cut from a path variable spells what a filter looks for. */
const SLICED_PATH_VAR =
  /\$\{(?:HOME|PATH|PWD|OLDPWD|SHELL|IFS|PS1|LS_COLORS):\s*-?\d+(?::\s*\d+)?\}/;

/**
 * A program name built at run time: from two expansions (`$a$b`), a substitution
 * (`$(echo rm)`), an operator expansion (`${x:0:1}`), or letters glued to an expansion
 * (`c$@at`). A plain `$CC` or `"$HOME/bin/tool"` is not.
 */
function builtName(raw: string, vars: number, subst: boolean): boolean {
  if (vars >= 2 || subst || /\$\{[^}]*(?::\s*\d|[#%/^,])/.test(raw)) return true;
  const literal = raw.replace(/\$\{[^}]*\}|\$[\w@*#?$!-]/g, "").replace(/["']/g, "");
  return literal.length > 0 && !literal.includes("/");
}

/**
 * A program named by a glob (`/???/??t`, `/bin/c?t`, `/usr/bin/ca*`): the shell picks
 * whatever matches, which no developer relies on to choose a program. `[` and `[[` (test)
 * quoted characters (`'a*b'`) and history words (`!*`, no name in them) are not globs.
 */
function globName(raw: string): boolean {
  const bare = raw.replace(/'[^']*'|"(?:[^"\\]|\\.)*"|\\./g, "");
  return bare !== "[" && bare !== "[[" && /[?*[]/.test(bare) && /[A-Za-z0-9/]/.test(bare);
}

/**
 * A plain program name with quoting inside it (`w'h'o'am'i`, `""id`, `\w\h\o\a\m\i`,
 * `wh\oami`): the shell removes the quotes and runs the name, so they only hide it from
 * whatever reads the line. A name quoted whole (`'id'`) or one leading backslash that skips
 * an alias (`\rm`, `\ls`) is ordinary.
 */
function quotedInside(raw: string, text: string): boolean {
  // cmd.exe drops a `^` before any character: `c^m^d`, `who^ami`.
  if (raw === text) return raw.includes("^") && /\w\^\w/.test(raw) && /^[\w.^-]+$/.test(raw);
  if (!/^[\w.+-]+$/.test(text) || !/['"\\]/.test(raw)) return false;
  return !/^'[^']*'$|^"[^"\\$`]*"$|^\\[\w.+-]+$/.test(raw);
}

/** `${PATH%%u*}`, `${SHELL#?}`: a cut of a path list or shell path spells a `/` or a letter. */
const CUT_PATH_LIST = /\$\{(?:PATH|SHELL|LS_COLORS|IFS)(?:%%?|##?)[^}]*\}/;

/**
 * PowerShell's -EncodedCommand under any accepted prefix (`-e`, `-ec`, `-enc`, `/enc`): the
 * command travels as base64 so nothing reading the line sees it. `-ex`/`-ep` are other options.
 */
const PS_ENCODED = /^[-/](?:e|ec|en|enc|enco|encod|encode|encoded|encodedc[a-z]*)$/i;
const isPowerShell = (n: string) => /^(?:powershell|pwsh)(?:\.exe)?$/.test(n);

/**
 * shell.obfuscation: a command line that hides what it runs — decoded data piped into a
 * shell (`base64 -d | sh`, `rev | sh`, `xxd -r -p | bash`), `$IFS` as a blank, hex/octal
 * `$'\x72\x6d'` escapes spelling printable text, a program name built from expansions
 * (`$a$b`, `${x:0:1}…`, `$(echo rm)`) or a glob (`/???/??t`), `eval` of a variable, and
 * `powershell -enc BASE64`.
 */
export function obfuscation(a: Analysis, hit: Hit): boolean {
  if (a.script.vars.includes("IFS")) return hit("shell.obfuscation", "$IFS");
  // IFS changed, then a program taken from an expansion (`IFS=:; set -- cat:/etc/shadow; $@`):
  // the split builds the command. `IFS=, read -ra parts` (a prefix, for read only) passes.
  if (
    setsIfs(a) &&
    a.cmds.some((c) => c.sc.words[0] !== undefined && c.sc.words[0].text === undefined)
  )
    return hit("shell.obfuscation", "IFS");
  for (const { p, stages } of a.pipes) {
    // Only a pipe into something that runs its input as a program matters (most have none).
    if (!stages.some((stage, i) => i > 0 && stage.some((c) => readsProgramFromStdin(c.r))))
      continue;
    let decoded = false;
    for (const stage of stages) {
      if (decoded && stage.some((c) => readsProgramFromStdin(c.r)))
        return hit("shell.obfuscation", p.raw);
      // also decoded inside a substitution it prints (`echo $(echo … | base64 -d) | sh`)
      if (
        stage.some(
          (c) =>
            decodes(c.r.name, argTexts(c.r)) ||
            c.r.args.some((w) => w.subst && DECODER_IN_SUBST.test(w.raw)),
        )
      )
        decoded = true;
    }
  }
  // Variables holding decoded text (`x=$(printf '\x69\x64')`), or text spelt in numeric
  // escapes (`x=$'\x72\x6d'`, which no one needs for a word): run as a program later.
  // Bare assignments count too (`x=…; $x`), not only those before a command or exported.
  let decodedVars: Set<string> | undefined;
  for (const { name, value: v } of a.script.assigns)
    if (
      (v?.subst && DECODER_IN_SUBST.test(v.raw)) ||
      (v?.escaped && v.text !== undefined && /^[\x20-\x7e]+$/.test(v.text))
    ) {
      decodedVars ??= new Set();
      decodedVars.add(name);
    }
  for (const c of a.cmds) {
    const prog = c.r.program;
    if (prog && decodedVars?.has(prog.raw.replace(/^"?\$\{?(\w+)\}?"?$/, "$1")))
      return hit("shell.obfuscation", prog.raw);
    if (prog && prog.text === undefined && builtName(prog.raw, prog.vars.length, prog.subst))
      return hit("shell.obfuscation", prog.raw);
    if (prog && globName(prog.raw)) return hit("shell.obfuscation", prog.raw);
    if (prog?.text !== undefined && quotedInside(prog.raw, prog.text))
      return hit("shell.obfuscation", prog.raw);
    // inline code needs an option and its value (`-e CODE`)
    const code = c.r.args.length > 1 ? inlineCode(c.r) : undefined;
    if (code !== undefined && EVALS.test(code) && DECODES.test(code))
      return hit("shell.obfuscation", code);
    if (isPowerShell(c.r.name) && c.r.args.some((w) => PS_ENCODED.test(w.text ?? "")))
      return hit("shell.obfuscation", c.sc.raw);
    for (const w of c.sc.words)
      if (w.raw.includes("${") && (SLICED_PATH_VAR.test(w.raw) || CUT_PATH_LIST.test(w.raw)))
        return hit("shell.obfuscation", w.raw);
    for (const w of c.sc.words)
      if (
        w.escaped &&
        w.text !== undefined &&
        /[A-Za-z0-9/]{2,}/.test(w.text) &&
        /^[\x20-\x7e]*$/.test(w.text)
      )
        return hit("shell.obfuscation", w.raw);
    if (c.r.name === "eval" && c.r.args.some((w) => w.text === undefined && !w.subst))
      return hit("shell.obfuscation", c.sc.raw);
    const runsCode =
      c.r.name === "eval" || c.r.name === "source" || c.r.name === "." || SHELLS.has(c.r.name);
    if (runsCode && c.r.args.some((w) => w.subst && DECODED_DATA.test(w.raw)))
      return hit("shell.obfuscation", c.sc.raw);
    // The code itself is the output of a substitution that assembles text (Bashfuscator);
    // a script that merely uses `$(…)` or `tr` somewhere is parsed and judged on its own.
    if (
      runsCode &&
      codeWords(c.r.name, c.r.args).some(
        (w) => WHOLE_SUBST.test(w.raw) && DECODER_IN_SUBST.test(w.raw),
      )
    )
      return hit("shell.obfuscation", c.sc.raw);
    // `bash <<<$(base64 -d <<<…)`: the shell's script is decoded data fed as a here-string.
    if (
      runsCode &&
      c.sc.redirects.some(
        (r) =>
          r.op === "<<<" &&
          WHOLE_SUBST.test(r.target?.raw ?? "") &&
          DECODER_IN_SUBST.test(r.target?.raw ?? ""),
      )
    )
      return hit("shell.obfuscation", c.sc.raw);
    // `X=$'cat\x20/etc/passwd'`: a hex/octal escape spelling text, assigned to be run later.
    for (const { value: v } of c.sc.assigns)
      if (v?.escaped && v.text !== undefined && /[A-Za-z0-9/]{2,}/.test(v.text))
        return hit("shell.obfuscation", v.raw);
  }
  return false;
}
