import type { Analysis, Cmd } from "./facts.js";
import { argTexts, isShellOrInterpreter, readsProgramFromStdin, SHELLS } from "./resolve.js";

/** A program the script writes to a file and then runs. */
export interface WrittenProgram {
  /** The text written. */
  readonly text: string;
  /** Run by a shell (`sh f`, `source f`, `./f.sh`): judge it as a command line. */
  readonly shell: boolean;
  /** Fed on stdin (a here-document): a script, not a one-liner smuggled into `-c`. */
  readonly fed?: boolean;
}

const base = (p: string) => p.replace(/\/+$/, "").split("/").pop() ?? p;
const OUT = /^(?:>|>>|>\||&>|&>>)$/;

/** Text a command writes and the files it writes it to: `echo/printf … > f`, `cat > f <<EOF`, `tee f <<EOF`. */
function writes(c: Cmd): { text: string; files: string[] } | undefined {
  const n = c.r.name;
  const files = c.sc.redirects
    .filter((r) => OUT.test(r.op) && r.target?.text !== undefined)
    .map((r) => r.target?.text as string);
  if (n === "tee")
    for (const w of c.r.args) if (w.text && !w.text.startsWith("-")) files.push(w.text);
  if (files.length === 0) return undefined;
  if (n === "echo" || n === "printf") {
    const args = [...argTexts(c.r)];
    while (n === "echo" && /^-[neE]+$/.test(args[0] ?? "")) args.shift();
    return { text: args.join(" "), files };
  }
  if (n === "cat" || n === "tee") {
    const doc = c.sc.redirects.find((r) => r.body !== undefined);
    if (doc?.body !== undefined) return { text: doc.body, files };
  }
  return undefined;
}

/** Build and run tools that take a source file (`go run f.go`, `gcc f.c`, `java F.java`). */
const RUNNERS = new Set(
  "go gcc cc clang g++ c++ rustc javac java kotlinc kotlin dotnet swift deno bun tsx ts-node source .".split(
    " ",
  ),
);

/** A file run directly is a shell script unless its `#!` line names something else. */
const SHELL_SCRIPT = /^(?!#!)|^#!\S*\/(?:env\s+)?(?:ba|z|da|k)?sh\b/;

/** Does `c` run one of `files`, and is it a shell doing so? */
function runs(c: Cmd, files: ReadonlySet<string>, text: string): { shell: boolean } | undefined {
  const prog = c.r.program?.text ?? "";
  if (prog.includes("/") && files.has(base(prog))) return { shell: SHELL_SCRIPT.test(text) };
  const n = c.r.name;
  if (!isShellOrInterpreter(n) && !RUNNERS.has(n)) return undefined;
  if (!c.r.args.some((w) => files.has(base(w.text ?? "")))) return undefined;
  return { shell: SHELLS.has(n) || n === "source" || n === "." };
}

/**
 * Programs a script writes and runs (`echo '…' > /tmp/x.go; go run /tmp/x.go`, `cat > s.sh
 * <<EOF … EOF; sh s.sh`): the text is judged as the code it is, so writing code to a file
 * first hides nothing that inline code (`python -c`) would show.
 */
export function writtenPrograms(cmds: readonly Cmd[]): WrittenProgram[] {
  const out: WrittenProgram[] = [];
  const pending: Array<{ text: string; files: Set<string> }> = [];
  for (const c of cmds) {
    for (const p of pending) {
      const r = runs(c, p.files, p.text);
      if (r) out.push({ text: p.text, shell: r.shell });
    }
    const w = writes(c);
    if (w) pending.push({ text: w.text, files: new Set(w.files.map(base)) });
  }
  return out;
}

/** printf's and `echo -e`'s common escapes, so `printf 'id\nrm -rf ~' | sh` reads as two lines. */
const unescapeText = (s: string) =>
  s.replace(/\\([nt\\])/g, (_, c: string) => (c === "n" ? "\n" : c === "t" ? "\t" : "\\"));

/** The literal text echo or printf prints (undefined when some word is dynamic). */
function printed(c: Cmd): string | undefined {
  const n = c.r.name;
  if (n !== "echo" && n !== "printf") return undefined;
  if (c.r.args.some((w) => w.text === undefined)) return undefined;
  const args = [...argTexts(c.r)];
  let escapes = n === "printf";
  while (n === "echo" && /^-[neE]+$/.test(args[0] ?? ""))
    escapes ||= (args.shift() as string).includes("e");
  const text = args.join(" ");
  return escapes ? unescapeText(text) : text;
}

/** Literal text on a command's stdin: a here-string or here-document. */
function redirectedText(c: Cmd): string | undefined {
  for (const r of c.sc.redirects) {
    const text = r.op === "<<<" ? r.target?.text : r.op.startsWith("<<") ? r.body : undefined;
    if (text !== undefined) return text;
  }
  return undefined;
}

/** `xargs rm -rf <<< /`: xargs appends what it reads to the command it runs. */
function xargsCommand(c: Cmd, text: string): string {
  const words = text.split(/\s+/).filter((x) => x !== "");
  const quoted = words.map((x) => `'${x.replace(/'/g, "'\\''")}'`);
  return [c.r.program?.raw ?? "", ...c.r.args.map((w) => w.raw), ...quoted].join(" ");
}

/** What `c` runs given literal `text` on its stdin, if it runs it. */
function fedProgram(c: Cmd, text: string): WrittenProgram | undefined {
  if (readsProgramFromStdin(c.r)) return { text, shell: SHELLS.has(c.r.name), fed: true };
  if (c.r.wrappers[c.r.wrappers.length - 1] === "xargs")
    return { text: xargsCommand(c, text), shell: true };
  return undefined;
}

/**
 * Programs handed to a shell or interpreter on its standard input, as literal text: a
 * here-document or here-string (`bash <<EOF … EOF`, `sh <<< 'rm -rf ~'`) or what echo or
 * printf prints into it (`echo 'rm -rf ~' | sh`). The text is what it runs, so it is judged
 * as `sh -c TEXT` (or `python -c TEXT`) would be; for xargs, as the command it completes.
 */
export function stdinPrograms(a: Analysis): WrittenProgram[] {
  const out: WrittenProgram[] = [];
  for (const c of a.cmds) {
    if (c.sc.redirects.length === 0) continue;
    const text = redirectedText(c);
    const p = text === undefined ? undefined : fedProgram(c, text);
    if (p) out.push(p);
  }
  for (const { stages } of a.pipes)
    for (let i = 1; i < stages.length; i++) {
      const before = stages[i - 1] as readonly Cmd[];
      if (before.length !== 1) continue;
      const text = printed(before[0] as Cmd);
      if (text === undefined) continue;
      for (const c of stages[i] as readonly Cmd[]) {
        const p = fedProgram(c, text);
        if (p) out.push(p);
      }
    }
  return out;
}

/**
 * Command lines a script hands to a shell as a literal (`os.system("rm -rf ~")`,
 * `subprocess.run("curl … | sh", shell=True)`, `execSync('…')`, `system("…")`): judged as
 * command lines, since the script's own checks see only a call. The match starts at the
 * call's name and a string runs to its closing quote, so a long script costs one pass.
 */
const SHELL_CALL =
  /\b(?:system|popen|execSync|exec|spawnSync|check_output|check_call|call|run|getoutput|getstatusoutput|shell_exec|passthru)\s*\(\s*(["'`])((?:(?!\1)[^\\\n]|\\.){1,4096})\1/g;

export function shellCalls(code: string): string[] {
  if (!code.includes("(")) return [];
  const out: string[] = [];
  for (const m of code.matchAll(SHELL_CALL)) if (m[2] !== undefined) out.push(m[2]);
  return out;
}
