import { argTexts, type Cmd } from "../facts.js";

/**
 * The first word that is neither an option nor the value of one of `valued`, from `from`
 * on; undefined when every word is an option (the program then falls back to a shell).
 */
function firstOperand(t: readonly string[], valued: ReadonlySet<string>, from = 0): number {
  for (let i = from; i < t.length; i++) {
    const a = t[i] as string;
    if (a === "--") return i + 1 < t.length ? i + 1 : -1;
    if (a.startsWith("-") && a.length > 1) {
      if (valued.has(a)) i++;
      continue;
    }
    return i;
  }
  return -1;
}
const set = (s: string) => new Set(s.split(" "));
const SCREEN_VALUED = set("-S -c -s -t -T -e -p -h -L -Logfile -d -D -r -R -x");
const UNSHARE_VALUED = set("-S --setuid -G --setgid -R --root -w --wd --map-user --map-group");
const NSENTER_VALUED = set("-t --target -S --setuid -G --setgid");
const TMUX_VALUED = set("-S -L -f -T");
const SYSTEM_BIN = /^\/(?:usr\/)?(?:local\/)?s?bin\/?$/;

/**
 * Programs that start an interactive shell when given no command to run (their man pages;
 * GTFOBins "shell"): `script` without `-c`, `screen`/`tmux`/`byobu` without a command,
 * `unshare`, `nsenter`, `firejail` with only options, `chroot DIR`, `setarch ARCH`,
 * `sg GROUP`, `capsh --`/`--shell`, `systemd-run -S`, `machinectl shell`, `toolbox`/`distrobox
 * enter`, and `run-parts` over a system bin directory (it runs every program there).
 * `tmux new -d -s x 'npm run dev'`, `screen -ls` and ast-grep's `sg run …` start no shell.
 */
export function startsShell(c: Cmd): string | undefined {
  const n = c.r.name;
  const t = argTexts(c.r);
  const none = (valued: ReadonlySet<string>, from = 0) => firstOperand(t, valued, from) < 0;
  switch (n) {
    case "script":
      return t.some((a) => /^-[a-zA-Z]*c$/.test(a) || a.startsWith("--command")) ? undefined : n;
    case "screen":
    case "byobu":
      return none(SCREEN_VALUED) && !t.some((a) => /^-(?:ls|list|wipe|Q|X|v|version|help)$/.test(a))
        ? n
        : undefined;
    case "tmux":
      return none(TMUX_VALUED) && !t.some((a) => /^-[a-zA-Z]*[cV]$/.test(a)) ? n : undefined;
    case "unshare":
      return none(UNSHARE_VALUED) ? n : undefined;
    case "nsenter":
      return none(NSENTER_VALUED) ? n : undefined;
    case "firejail":
    case "newgrp":
      return none(new Set()) ? n : undefined;
    case "chroot":
    case "setarch": {
      // The first operand is the directory or architecture; nothing after it runs $SHELL.
      const first = firstOperand(t, new Set(["--userspec", "--groups"]));
      return first >= 0 && firstOperand(t, new Set(), first + 1) < 0 ? n : undefined;
    }
    case "sg":
      // sg GROUP [-c CMD]: one operand and no option is a shell in that group.
      return t.length === 1 && !(t[0] as string).startsWith("-") ? n : undefined;
    case "capsh":
      return t.some((a) => a === "--" || a.startsWith("--shell")) ? n : undefined;
    case "systemd-run":
      return t.some((a) => a === "-S" || a === "--shell") ? n : undefined;
    case "machinectl":
      return t.includes("shell") ? n : undefined;
    case "toolbox":
    case "distrobox":
      return t[0] === "enter" ? n : undefined;
    case "run-parts":
      return t.some((a) => SYSTEM_BIN.test(a)) ? n : undefined;
    default:
      return undefined;
  }
}

/**
 * Full-screen programs with a shell escape (`!sh` in a pager, `:!sh` in an editor, `S` in
 * ranger, `b` in ncdu, a debugger's `shell`, a serial terminal's `^A S`): as root, each
 * is a root shell one keystroke away (GTFOBins "sudo"). An agent cannot drive them, so
 * running one as root has no other use.
 */
const INTERACTIVE = set(
  "less more most pg man vi vim nvim view vimdiff rvim ex ed nano pico emacs joe jed mcedit " +
    "ne ncdu ranger mc nnn lf vifm htop top atop iftop minicom picocom cu gdb lldb ftp " +
    "tftp telnet irb jshell ghci ipython sqlite3 lynx w3m elinks links mutt neomutt",
);

export const isInteractive = (name: string) => INTERACTIVE.has(name);

/** Read-eval-print loops that take commands only from their prompt when given no operand. */
const REPLS = set(
  "irb pry ghci jjs tclsh wish cpan crash byebug kotlinc kotlin scala sbcl clisp ecl guile racket csi gsi swipl ftp gdb lldb",
);

/**
 * In an argv (no shell around it) a program started at its own prompt is a shell one
 * keystroke away (`system('sh')` in irb, `!sh` in cpan): an interpreter with no script, or a
 * REPL with no operand. Pagers and editors are left out: given a file, ordinary uses look
 * the same (`["less", "-R", "log.txt"]`).
 */
export function promptInArgv(
  name: string,
  operandCount: number,
  interpreterWithoutScript: boolean,
): boolean {
  return interpreterWithoutScript || (REPLS.has(name) && operandCount === 0);
}
