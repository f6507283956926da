import type { Cmd } from "./facts.js";
import { argTexts, isShellOrInterpreter, SHELLS } from "./resolve.js";

/** A program the script writes to a file and then runs. */
export interface WrittenProgram {
  /** The text written. */
  readonly text: string;
  /** Run by a shell (`sh f`, `source f`, `./f.sh`): judge it as a command line. */
  readonly shell: boolean;
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
