import type { RuleId } from "../rules.js";
import { readScript, type Script, type SimpleCommand } from "./ast.js";
import { type Analysis, analyse, type Hit, type RuleFamily } from "./facts.js";
import { globTarget } from "./globs.js";
import { MAX_COMMAND_BYTES, parseShell } from "./parser.js";
import { SHELLS } from "./resolve.js";
import { antiForensics } from "./rules/anti-forensics.js";
import { archiveNames } from "./rules/archive-names.js";
import { credentialExfil, rawSocketSend } from "./rules/credential-exfil.js";
import { destructive } from "./rules/destructive.js";
import { downloadExec } from "./rules/download-exec.js";
import { encodedBreak } from "./rules/encoded-break.js";
import { envAssignments } from "./rules/env-assign.js";
import { exfilChannels, keyHunt } from "./rules/exfil-channels.js";
import { hostTamper } from "./rules/host-tamper.js";
import { indexOverride } from "./rules/index-override.js";
import { obfuscation } from "./rules/obfuscation.js";
import { optionRules } from "./rules/options.js";
import { persistence } from "./rules/persistence.js";
import { privilege } from "./rules/privilege.js";
import { probe } from "./rules/probe.js";
import { reverseShell } from "./rules/reverse-shell.js";
import { shellEscape } from "./rules/shell-escape.js";
import { shellshock } from "./rules/shellshock.js";
import { literalWord, type Word } from "./words.js";
import { shellCalls, stdinPrograms, writtenPrograms } from "./written.js";

/** `bash -c "…"` inside `sh -c "…"` …: deeper nesting is refused (`shell.limit`). */
export const MAX_NESTED_SCRIPTS = 4;

/** The behaviour families, most specific first (a reverse shell is also a network pipe). */
const FAMILIES: readonly RuleFamily[] = [
  reverseShell,
  downloadExec,
  // before the exfil rules: `curl -A '() { :;}; cat /etc/passwd' host` is an injection first
  shellshock,
  credentialExfil,
  rawSocketSend,
  exfilChannels,
  keyHunt,
  destructive,
  persistence,
  privilege,
  obfuscation,
  encodedBreak,
  envAssignments,
  indexOverride,
  antiForensics,
  archiveNames,
  hostTamper,
  probe,
];
const COMMAND_FAMILIES = [...FAMILIES, optionRules(false), shellEscape(false)];
const ARGV_FAMILIES = [...FAMILIES, optionRules(true), shellEscape(true)];
/**
 * Interpreter code fed on stdin (`python3 - <<'PY' … PY`) is a script: what it does is
 * judged, not that it spawns a process (`subprocess.run(["npm", "test"])`), which the
 * option rules refuse in a `-c` one-liner.
 */
const FED_CODE_FAMILIES = [...FAMILIES, shellEscape(false)];

/** Judging needs the parser, which is still loading: try again once it is ready. */
export const PENDING = "pending" as const;
export type Judgement = boolean | typeof PENDING;

/**
 * Scripts nested in a command: `sh -c STRING` (also as the payload of docker, kubectl,
 * find -exec, xargs, ssh …: any shell word followed by `-c`), `eval` with literal words,
 * `su -c STRING`.
 */
function nestedScripts(a: Analysis): string[] {
  const out: string[] = [];
  for (const c of a.cmds) {
    const w = c.sc.words;
    for (let i = 0; i < w.length - 1; i++) {
      const text = w[i]?.text ?? "";
      const name = text.slice(text.lastIndexOf("/") + 1);
      const isShell = SHELLS.has(name) || name === "su";
      if (!isShell) continue;
      for (let j = i + 1; j < w.length - 1; j++) {
        const t = w[j]?.text;
        if (t === undefined || !t.startsWith("-")) break;
        if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(t) || t === "--command") {
          const s = w[j + 1]?.text;
          if (s !== undefined) out.push(s);
          break;
        }
      }
    }
    // A command name with blanks in it is a script whose quoting broke (`bash -c 'echo 'x'
    // >~/.bashrc'` runs a program called "sh >~/.bashrc"): judge what it spells as well.
    const prog = c.sc.words[0]?.text;
    if (prog !== undefined && /\s/.test(prog)) out.push(prog);
    // `wmic process call create "CMD"` starts CMD (Windows' remote and local spawn).
    const t = c.r.texts;
    if (t.length > 3 && /^wmic(?:\.exe)?$/i.test(c.r.name) && /^process$/i.test(t[0] ?? ""))
      out.push(t.slice(3).join(" "));
    if (c.r.name === "eval" && c.r.args.every((x) => x.text !== undefined))
      out.push(c.r.args.map((x) => x.text).join(" "));
    // `npm pkg set scripts.postinstall="…"`: a script npm runs on the next install.
    if (c.r.name === "npm" && t[0] === "pkg" && t[1] === "set")
      for (const x of t.slice(2)) {
        const m = /^scripts\.[^=]+=(.+)$/s.exec(x);
        if (m?.[1] !== undefined) out.push(m[1]);
      }
  }
  out.push(...constantPrograms(a));
  return out;
}

const VAR_PROGRAM = /^"?\$\{?(\w+)(?::?-([^}]*))?\}?"?$/;

/**
 * `r=rm; $r -rf ~`, `${x:-rm} -rf /`: a program named by a variable the line sets to a
 * literal (or by a literal default) is that program; the command is judged again with it.
 */
function constantPrograms(a: Analysis): string[] {
  const out: string[] = [];
  let values: Map<string, string> | undefined;
  for (const c of a.cmds) {
    const p = c.r.program;
    if (p === undefined || p.text !== undefined || !p.raw.includes("$")) continue;
    const m = VAR_PROGRAM.exec(p.raw);
    if (!m) continue;
    if (values === undefined) {
      values = new Map();
      for (const x of a.script.assigns)
        if (x.value?.text !== undefined) values.set(x.name, x.value.text);
    }
    const lit = values.get(m[1] as string) ?? m[2];
    if (lit !== undefined && /^[\w./-]+$/.test(lit)) out.push(c.sc.raw.replace(p.raw, lit));
  }
  return out;
}

function runFamilies(a: Analysis, families: readonly RuleFamily[], hit: Hit): boolean {
  for (const f of families) if (f(a, hit)) return true;
  return false;
}

/**
 * Judges one command line: parses it, refuses what does not parse or exceeds the bounds,
 * then runs every behaviour family over the commands it would run, recursing into nested
 * scripts. Returns true when `hit` asked to stop, PENDING when the parser is not loaded yet.
 */
export function judgeCommand(
  source: string,
  hit: Hit,
  depth = 0,
  onWord?: QuotedWordCheck,
): Judgement {
  if (source.length > MAX_COMMAND_BYTES / 3 && Buffer.byteLength(source) > MAX_COMMAND_BYTES)
    return hit("shell.limit", `command over ${MAX_COMMAND_BYTES} bytes`);
  if (depth > MAX_NESTED_SCRIPTS)
    return hit("shell.limit", `scripts nested over ${MAX_NESTED_SCRIPTS} deep`);
  // tree-sitter-bash joins a line that starts with a backslash to the line before
  // (`npm test\n\\rm -rf /` read as one command); bash runs two. A blank keeps them apart.
  const src = source.includes("\n\\") ? source.replace(/\n(?=\\)/g, "\n ") : source;
  const parsed = parseShell(src);
  if (!parsed.ok) {
    if (parsed.reason === "not-ready") return PENDING;
    if (parsed.reason === "failed") return hit("shell.parser-unavailable", parsed.detail ?? "");
    return hit("shell.limit", "parse timed out");
  }
  let read: ReturnType<typeof readScript>;
  try {
    read = readScript(parsed.tree, src);
  } finally {
    parsed.tree.delete();
  }
  if (!read.ok)
    return hit(read.problem === "depth" ? "shell.limit" : "shell.parse-error", read.excerpt);
  return judgeScript(read.script, COMMAND_FAMILIES, hit, depth, onWord);
}

/**
 * Judges the literal value of a word the shell assembles from quoted or escaped pieces
 * (`/e't'c/sh'a'dow`, `"/etc/"shadow`, `\/etc\/shadow`): the caller's path and URL checks
 * read the source text, which such words hide from them. `before` gives the command's
 * earlier words. True to stop.
 */
export type QuotedWordCheck = (text: string, before?: () => string) => boolean;

function quotedWords(script: Script, onWord: QuotedWordCheck): boolean {
  const check = (w: Word | undefined, words?: readonly Word[], i = 0) => {
    if (w?.text === undefined || w.text === "") return false;
    const x = w.text;
    const glob = x.length > 3 && (x.includes("*") || x.includes("?") || x.includes("["));
    if (x === w.raw && !glob) return false;
    // The words before it, for the caller to see what the word is to its program (`grep
    // -r '/etc/passwd'` searches for a text); built only when asked.
    const before =
      words &&
      (() =>
        words
          .slice(0, i)
          .map((y) => y.text ?? y.raw)
          .join(" "));
    if (x !== w.raw && onWord(x, before)) return true;
    // a glob that expands to a sensitive file (`cat /etc/sha*`)
    const target = glob ? globTarget(x, w.raw) : undefined;
    return target !== undefined && onWord(target, before);
  };
  for (const c of script.commands) {
    const words = c.words;
    for (let i = 0; i < words.length; i++) if (check(words[i], words, i)) return true;
    for (const a of c.assigns) if (check(a.value)) return true;
  }
  for (const r of script.redirects) if (check(r.target)) return true;
  return false;
}

function judgeScript(
  script: Script,
  families: readonly RuleFamily[],
  hit: Hit,
  depth: number,
  onWord?: QuotedWordCheck,
): Judgement {
  const a = analyse(script);
  if (runFamilies(a, families, hit)) return true;
  if (onWord && quotedWords(script, onWord)) return true;
  for (const s of nestedScripts(a)) {
    const r = judgeCommand(s, hit, depth + 1, onWord);
    if (r !== false) return r;
  }
  // Code written to a file and run: a shell script as a command line, anything else as
  // the inline code of an interpreter (`python -c TEXT`), so socket, spawn, autostart and
  // secret checks see it.
  // Code fed to a shell or interpreter on stdin (`echo 'rm -rf ~' | sh`, `bash <<EOF`) too.
  const programs = writtenPrograms(a.cmds);
  if (a.pipes.length > 0 || script.redirects.length > 0) programs.push(...stdinPrograms(a));
  for (const p of programs) {
    if (depth + 1 > MAX_NESTED_SCRIPTS)
      return hit("shell.limit", `scripts nested over ${MAX_NESTED_SCRIPTS} deep`);
    if (!p.shell)
      for (const line of shellCalls(p.text)) {
        const r = judgeCommand(line, hit, depth + 1, onWord);
        if (r !== false) return r;
      }
    const r = p.shell
      ? judgeCommand(p.text, hit, depth + 1, onWord)
      : judgeScript(
          inlineScript(p.text),
          p.fed ? FED_CODE_FAMILIES : families,
          hit,
          depth + 1,
          onWord,
        );
    if (r !== false) return r;
  }
  return false;
}

/** A script of one command running `text` as interpreter code. */
function inlineScript(text: string): Script {
  const words = ["python3", "-c", text].map(literalWord);
  const sc: SimpleCommand = { words, assigns: [], redirects: [], raw: text };
  return { commands: [sc], pipelines: [], functions: [], redirects: [], vars: [], assigns: [] };
}

/**
 * Judges an exec tool's argv: the program and its arguments are literal words (a `|` or `;`
 * inside one is data), so no parsing — the same behaviour families run on the one command,
 * plus argument injection (code-running options, find's -exec), and scripts handed to a
 * shell (`sh -c …`) are parsed and judged as command lines.
 */
export function judgeArgv(program: string, args: readonly string[], hit: Hit): Judgement {
  const words = [program, ...args].map(literalWord);
  const sc: SimpleCommand = {
    words,
    assigns: [],
    redirects: [],
    raw: [program, ...args].join(" "),
  };
  const script: Script = {
    commands: [sc],
    pipelines: [],
    functions: [],
    redirects: [],
    vars: [],
    assigns: [],
  };
  return judgeScript(script, ARGV_FAMILIES, hit, 0);
}

export type { RuleId };
