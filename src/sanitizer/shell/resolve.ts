import type { Word } from "./words.js";

/** A simple command after wrappers (`sudo`, `env`, `timeout` …) are looked through. */
export interface Resolved {
  /** Basename of the program, lower-case (`/usr/bin/CURL` → `curl`); "" when dynamic. */
  readonly name: string;
  /** The program word itself. */
  readonly program: Word | undefined;
  /** Its arguments. */
  readonly args: readonly Word[];
  /** Wrappers looked through, outermost first (`sudo`, `env`). */
  readonly wrappers: readonly string[];
  /** Options given to `sudo`/`doas`/`su` (`-i`, `-s`), for the privilege rule. */
  readonly wrapperFlags: readonly string[];
  /** The args' literal texts (dynamic ones as their source spelling): see argTexts. */
  readonly texts: readonly string[];
}

/** Literal text of the args (dynamic ones as their source spelling). */
// Asked by most rule families of every command: made once, when the command is resolved.
export const argTexts = (r: Resolved): readonly string[] => r.texts;

/** Lower-case basename of a literal program word. */
export function programName(w: Word | undefined): string {
  if (w?.text === undefined) return "";
  const t = w.text;
  const slash = Math.max(t.lastIndexOf("/"), t.lastIndexOf("\\"));
  return (slash >= 0 ? t.slice(slash + 1) : t).toLowerCase();
}

/**
 * Wrappers that run their operand as a command, with the options that take a value
 * (from their man pages: coreutils env/nice/timeout/stdbuf/nohup, sudo(8), doas(1),
 * findutils xargs, util-linux setsid/ionice/flock/chroot, busybox(1)).
 */
const WRAPPERS: Readonly<Record<string, { valued: string; positional?: number }>> = {
  env: { valued: "-u --unset -C --chdir -S --split-string" },
  sudo: {
    valued:
      "-u --user -g --group -C --close-from -D --chdir -h --host -p --prompt -r --role -t --type -T --command-timeout -U --other-user",
  },
  doas: { valued: "-u -C" },
  nohup: { valued: "" },
  nice: { valued: "-n --adjustment" },
  ionice: { valued: "-c --class -n --classdata -p --pid" },
  timeout: { valued: "-s --signal -k --kill-after", positional: 1 },
  stdbuf: { valued: "-i --input -o --output -e --error" },
  xargs: {
    valued:
      "-a --arg-file -d --delimiter -E -e --eof -I -i --replace -L -l --max-lines -n --max-args -P --max-procs -s --max-chars --process-slot-var",
  },
  busybox: { valued: "" },
  command: { valued: "" },
  exec: { valued: "-a" },
  time: { valued: "-f --format -o --output" },
  setsid: { valued: "" },
  chroot: { valued: "--userspec --groups", positional: 1 },
  flock: { valued: "-w --timeout -E --conflict-exit-code", positional: 1 },
  unbuffer: { valued: "" },
  caffeinate: { valued: "-t -w" },
  torsocks: { valued: "" },
  proxychains: { valued: "-f" },
  proxychains4: { valued: "-f" },
  runuser: { valued: "-u --user -g --group" },
  // polkit's and systemd's sudo, and the container entrypoint ones (`gosu USER cmd`)
  pkexec: { valued: "--user" },
  run0: { valued: "-u --user -g --group -D --chdir --setenv --unit --property --description" },
  gosu: { valued: "", positional: 1 },
  "su-exec": { valued: "", positional: 1 },
  setpriv: { valued: "--reuid --regid --groups --inh-caps --ambient-caps --bounding-set" },
};

/** Wrappers that run their command as another user (root by default). */
export const ROOT_WRAPPERS = new Set([
  "sudo",
  "doas",
  "pkexec",
  "run0",
  "gosu",
  "su-exec",
  "runuser",
  "setpriv",
]);
const VALUED = new Map(Object.entries(WRAPPERS).map(([k, v]) => [k, new Set(v.valued.split(" "))]));

const MAX_WRAPPERS = 16;
/** WRAPPERS as a Map: looked up for every command word, where hasOwn on a record cost more. */
const WRAPPER_SPECS = new Map(Object.entries(WRAPPERS));

/**
 * Resolves the program a simple command runs. `command -v x` and `exec` without a command
 * only look things up, so they resolve to themselves.
 */
export function resolveCommand(words: readonly Word[]): Resolved {
  let i = 0;
  const wrappers: string[] = [];
  const wrapperFlags: string[] = [];
  for (let hops = 0; hops < MAX_WRAPPERS && i < words.length; hops++) {
    const name = programName(words[i]);
    const spec = WRAPPER_SPECS.get(name);
    const valued = VALUED.get(name);
    if (!spec || !valued) break;
    let j = i + 1;
    let positional = spec.positional ?? 0;
    let lookupOnly = false;
    while (j < words.length) {
      const t = words[j]?.text;
      // `env -i PATH="$PATH" bash …`: an assignment whose value expands is still one
      if (
        t === undefined &&
        (name === "env" || ROOT_WRAPPERS.has(name)) &&
        /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[j]?.raw ?? "")
      ) {
        j++;
        continue;
      }
      if (t === undefined) break;
      if (t === "--") {
        j++;
        break;
      }
      // `env A=b cmd`, `sudo VISUAL=… less`: assignments, not the program
      if ((name === "env" || ROOT_WRAPPERS.has(name)) && /^[A-Za-z_][A-Za-z0-9_]*=/.test(t)) {
        j++;
        continue;
      }
      if (t.startsWith("-") && t.length > 1) {
        if (name === "command" && /^-[a-z]*[vV]/.test(t)) lookupOnly = true;
        if (ROOT_WRAPPERS.has(name)) wrapperFlags.push(t);
        j += valued.has(t) ? 2 : 1;
        continue;
      }
      if (positional > 0) {
        positional--;
        j++;
        continue;
      }
      break;
    }
    if (lookupOnly || j >= words.length) break;
    wrappers.push(name);
    i = j;
  }
  const program = words[i];
  const args = words.slice(i + 1);
  return {
    name: programName(program),
    program,
    args,
    wrappers,
    wrapperFlags,
    texts: args.map((w) => w.text ?? w.raw),
  };
}

/** Shells: `-c STRING` runs STRING; no script operand reads the script from stdin. */
export const SHELLS = new Set([
  "sh",
  "bash",
  "dash",
  "zsh",
  "ksh",
  "ash",
  "mksh",
  "fish",
  "csh",
  "tcsh",
  "busybox",
]);
/** Interpreters that run code from stdin, `-c`/`-e` strings or a file. */
export const INTERPRETERS = new Set([
  "python",
  "python2",
  "python3",
  "perl",
  "ruby",
  "php",
  "node",
  "nodejs",
  "deno",
  "bun",
  "lua",
  "tclsh",
  "osascript",
  "pwsh",
  "powershell",
  "irb",
  "jshell",
  // GTFOBins also lists these as running inline code (`julia -e`, `Rscript -e`, `jrunscript -e`)
  "julia",
  "rscript",
  "groovy",
  "jrunscript",
  "scala",
  "elixir",
  "guile",
  "racket",
  "qjs",
  "gjs",
]);

const isVersioned = (n: string) => /^(python|perl|ruby|php|node)[0-9.]*$/.test(n);

/** True for a shell or script interpreter. */
export function isShellOrInterpreter(name: string): boolean {
  return SHELLS.has(name) || INTERPRETERS.has(name) || isVersioned(name);
}

/** The `-c` script of a shell invocation (`bash -lc '…'`, `sh -c …`), if any. */
export function shellScript(r: Resolved): Word | undefined {
  if (!SHELLS.has(r.name)) return undefined;
  for (let i = 0; i < r.args.length; i++) {
    const t = r.args[i]?.text;
    if (t === undefined) return undefined;
    if (!t.startsWith("-")) return undefined;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(t)) return r.args[i + 1];
  }
  return undefined;
}

/**
 * True when a shell or interpreter would read its program from stdin: no operand that
 * names a script or code (`sh`, `bash -s`, `python3 -`, `sudo bash`).
 */
export function readsProgramFromStdin(r: Resolved): boolean {
  if (!isShellOrInterpreter(r.name)) return false;
  for (let i = 0; i < r.args.length; i++) {
    const t = r.args[i]?.text;
    if (t === undefined) return false;
    if (t === "-" || t === "-s" || t === "--") return true;
    if (t.startsWith("-")) {
      if (/^-[a-zA-Z]*[ceEr]$/.test(t) || t === "--eval" || t === "--command") return false;
      if (/^-[mWX]$/.test(t)) return false; // python -m module
      continue;
    }
    return false;
  }
  return true;
}

/** The inline code of an interpreter (`python -c CODE`, `perl -e CODE`, `node -e`, `php -r`). */
export function inlineCode(r: Resolved): string | undefined {
  if (!isShellOrInterpreter(r.name) || SHELLS.has(r.name)) return undefined;
  for (let i = 0; i < r.args.length; i++) {
    const t = r.args[i]?.text;
    if (t === undefined) continue;
    if (/^-[a-zA-Z]*[ceEr]$/.test(t) || t === "--eval" || t === "-p" || t === "--print")
      return r.args[i + 1]?.text ?? r.args[i + 1]?.raw;
    const eq = /^--eval=(.*)$/s.exec(t);
    if (eq) return eq[1];
  }
  return undefined;
}
