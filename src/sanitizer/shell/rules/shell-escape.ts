import { type Analysis, argTexts, type Cmd, type Hit, operands } from "../facts.js";
import { isShellOrInterpreter, programName, readsProgramFromStdin, SHELLS } from "../resolve.js";
import { hostEscape } from "./containers.js";
import { promptInArgv, startsShell } from "./launchers.js";

/**
 * Shells beyond the POSIX family that GTFOBins lists as spawning an interactive prompt.
 * Together with SHELLS they are what "a shell" means below.
 */
const MORE_SHELLS = new Set(["yash", "posh", "sash", "elvish", "rc", "nu", "xonsh", "rbash"]);
export const isShell = (name: string) => SHELLS.has(name) || MORE_SHELLS.has(name);

/**
 * A word naming a shell by absolute path, anywhere inside it (`/bin/sh`, `system("/bin/bash")`,
 * `--exec=/usr/bin/zsh`, `:!/bin/sh`), or the TeX and editor spellings of "run a shell"
 * (`--shell-escape`, `\write18`, `:!sh`, `:shell`, `:terminal`).
 */
const SHELL_PATH =
  /(?:^|^--?[A-Za-z]+|(?<!#)[^\w.-]|(?<=(?:^|\/)\.\.))\/(?:usr\/)?(?:local\/)?s?bin\/(?:ba|z|da|k|c|tc|fi|a|ya|po|sa|r)?sh\b/;
const SHELL_ESCAPE =
  /--shell-escape\b|\\(?:immediate)?\\?write18\b|^(?::|\\)?!\s*\/?\w*sh\b|^:(?:sh(?:ell)?|terminal)\b/;
/**
 * Inline code calling a process function with a bare shell, by name (`os.execute('sh')`,
 * `system('reset; exec sh')`, `callCommand "sh"`, `(term "sh")`, `Command::new("bash")`): a
 * shell with no script is a prompt. A string that only names a shell (`.shell = "bash"` in
 * a jq filter, `subprocess.run('sh build.sh')`) passes.
 */
const SHELL_CALL =
  /(?:\b(?:system|exec[lvpe]*|execute|popen\d?|spawn(?:Sync)?|callCommand|run|call|Popen|term|ansi-term|shell_exec|passthru|proc_open|pcntl_exec|check_call|check_output|getoutput|execSync|execFileSync|new)\b|::new)\s*\(?\s*\[?\s*['"`](?:reset;\s*)?(?:exec\s+)?(?:ba|z|da|k|c|tc|fi|a)?sh(?:\s+-[ilps]+)*['"`]/;

const SH = "(?:\\S*\\/)?(?:ba|z|da|k|c|tc|fi|a)?sh";
/**
 * One argv word that starts a shell with no script, for the program to run (`gem open -e
 * 'sh -c sh'`, `--editor 'bash -i'`, an option that runs its value set to a shell:
 * `--on-download-error=sh`), a bare `spawn sh` or
 * `exec sh` in inline code (`expect -c 'spawn sh;interact'`), or an ssh ProxyCommand that
 * is a shell (`-o 'ProxyCommand sh -c …'`). Options naming a language (`shfmt -ln=bash`)
 * or the shell for scripts (`--script-shell=zsh`), and `sh -c 'npm test'`, pass.
 */
const SHELL_WORD = new RegExp(
  `^(?:${SH}(?:\\s+-[ilps]+)+|${SH}\\s+-c\\s+['"]?${SH}['"]?|--?(?=[\\w-]*(?:exec|cmd|command|run|hook|editor|pager|program|action|handler|on-))(?![\\w-]*shell)[\\w-]+=(?:exec=)?${SH})\\s*$` +
    `|\\b(?:spawn|exec)\\s+${SH}\\s*(?:$|[;&|<>)'"])` +
    `|ProxyCommand[\\s=]+['"]?(?:[^'"]*[;&|]\\s*)?${SH}\\b`,
  "i",
);

/**
 * Programs that only look at a file named as an operand: `ls -l /bin/sh`, `file /bin/bash`,
 * `ldd /bin/sh` inspect the shell, they do not start it. The account tools take a login
 * shell as the value of `-s` (`useradd -s /bin/bash dev`, `chsh -s /bin/zsh`).
 */
const INSPECTORS = new Set(
  (
    "ls file stat ldd readlink realpath which whereis type cat head tail wc md5sum sha1sum " +
    "sha256sum sha512sum cksum strings objdump nm readelf diff cmp grep test [ dpkg " +
    "apt-file update-alternatives chsh useradd usermod adduser shellcheck echo printf du"
  ).split(" "),
);

/**
 * An environment assignment, on the command or through `env`/`sudo`, whose value starts a
 * shell: `VISUAL='/bin/sh -s --' less`, `RESTIC_PASSWORD_COMMAND='/bin/sh …' restic`,
 * `PAGER='sh -c …' man`. The program runs the value when it opens an editor, pager or
 * helper. Variables naming the shell to use for scripts (`SHELL`, `CONFIG_SHELL`) pass.
 */
export function runsShellValue(c: Cmd): string | undefined {
  const at = c.r.program ? c.sc.words.indexOf(c.r.program) : c.sc.words.length;
  const pairs: Array<[string, string]> = c.sc.assigns.map((x) => [
    x.name,
    x.value?.text ?? x.value?.raw ?? "",
  ]);
  for (const w of c.sc.words.slice(0, Math.max(at, 0))) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.text ?? "");
    if (m) pairs.push([m[1] as string, m[2] as string]);
  }
  for (const [name, value] of pairs) {
    if (/SHELL$/i.test(name)) continue;
    if (SHELL_PATH.test(value) || /^(?:ba|z|da|k)?sh\s+-/.test(value)) return `${name}=${value}`;
  }
  return undefined;
}

/**
 * The shell's stdin is a terminal or another descriptor (a socket, say): `</dev/tty`,
 * `0<&2`, `0>&$REPLY`. Its program then comes from whoever is at the other end.
 */
function stdinIsTerminal(c: Cmd): boolean {
  // From the source text too: tree-sitter-bash splits `0>&$REPLY` into odd pieces.
  // `xargs -o` reopens the terminal as the command's stdin.
  const xargsTty =
    c.r.wrappers.includes("xargs") &&
    c.sc.words.some((w) => w.text === "--open-tty" || /^-[a-zA-Z]*o$/.test(w.text ?? ""));
  return (
    xargsTty ||
    /(?:^|\s)0[<>]&|<&/.test(c.sc.raw) ||
    c.sc.redirects.some(
      (r) =>
        (r.op === "<" && /^\/dev\/(?:tty|pts|console)/.test(r.target?.text ?? "")) ||
        (r.op === "<" && /^(?:\$\(\s*tty\s*\)|`\s*tty\s*`)$/.test(r.target?.raw ?? "")) ||
        r.op === "<&" ||
        (r.op === ">&" && r.target !== undefined && r.target.text === undefined),
    )
  );
}

/**
 * A shell started with no script: an interactive prompt (`xargs /bin/sh`, `bash -i`,
 * `sh </dev/tty`). In a command line a bare `bash` just reads an empty stdin, so there it
 * counts only when launched through a wrapper, asked to be interactive or wired to a
 * terminal, or named by path; in an argv (no shell around it) it always does.
 */
function interactiveShell(c: Cmd, piped: boolean, inArgv: boolean): boolean {
  if (!isShell(c.r.name)) return false;
  const forced = c.r.args.some((w) => /^-[a-zA-Z]*i[a-zA-Z]*$/.test(w.text ?? ""));
  // `/bin/sh` on a line of its own is what GTFOBins types into a program's prompt (`!/bin/sh`).
  const byPath = (c.r.program?.text ?? "").includes("/");
  if (!inArgv && c.r.wrappers.length === 0 && !forced && !byPath && !stdinIsTerminal(c))
    return false;
  // tree-sitter-bash reads `sh 0<&2` as `sh` with the word `0` and the redirect `<&2`.
  const fdWord = stdinIsTerminal(c) && operands(c.r).every((w) => /^\d$/.test(w.text ?? ""));
  if (!MORE_SHELLS.has(c.r.name) && !readsProgramFromStdin(c.r) && !fdWord) return false;
  if (MORE_SHELLS.has(c.r.name) && operands(c.r).length > 0) return false;
  // `… | sh` is download-exec's or obfuscation's business; `sh < script.sh` runs a file.
  if (piped && !stdinIsTerminal(c)) return false;
  const fromFile = c.sc.redirects.some((r) => r.op === "<" || r.op === "<<" || r.op === "<<<");
  return !fromFile || stdinIsTerminal(c);
}

/** Programs that start a command inside a container or a pod. */
const CONTAINER_RUNNERS = new Set(["docker", "podman", "nerdctl", "kubectl", "oc"]);

/**
 * Beyond a host mount or namespace (hostEscape), what gives a container this machine:
 * privileges, its network or UTS namespace, devices, the Docker socket, its root as a
 * volume, or a pod spec asking for the same.
 */
const HOST_SHARING =
  /^--(?:privileged|uts=host|net(?:work)?=host|cap-add|device|security-opt)\b|docker\.sock|^\/(?::|$)|"(?:privileged|hostPID|hostNetwork|hostIPC|hostPath)"/;

function sharesHost(c: Cmd): boolean {
  const t = argTexts(c.r);
  return hostEscape(t) || t.some((a) => HOST_SHARING.test(a));
}

/**
 * Subcommands that print code for a shell rather than run one (`gh completion -s bash`,
 * `starship init zsh`, `direnv hook bash`, `mise activate zsh`, `brew shellenv bash`), or
 * take a package or topic name (`brew install bash`, `pip install sh`, `apt-get install -y
 * zsh`).
 */
const DATA_SUBCOMMANDS = new Set(
  "completion completions init hook activate shellenv install add i pull search show info view uninstall remove".split(
    " ",
  ),
);
/** Programs that read a shell's name as a topic, language or file type (`man bash`, `rg -t sh`). */
const NAMING_PROGRAMS = new Set(
  "man tldr info whatis apropos command hash rg fd bat pygmentize highlight shfmt semgrep ast-grep sg enry".split(
    " ",
  ),
);
/**
 * The shell word is data: a name after a code-generating or package subcommand, for a
 * program that names topics or languages, or (a `bare` name) the value of a long option
 * (`--lang bash`, `--profile zsh`). Short options stay judged: GTFOBins' `-x sh`, `-f sh`
 * run it.
 */
const namesShellAsData = (c: Cmd, shell: Cmd["r"]["args"][number], bare: boolean): boolean => {
  if (NAMING_PROGRAMS.has(c.r.name)) return true;
  let before: string | undefined;
  for (const w of c.r.args) {
    if (w === shell) return bare && before !== undefined && /^--[a-z][\w-]*$/.test(before);
    if (DATA_SUBCOMMANDS.has(w.text ?? "")) return true;
    before = w.text;
  }
  return false;
};

/**
 * shell.shell-escape: a program made to start a shell — GTFOBins' "shell" function. An
 * interactive shell (no script) started directly or through any wrapper (`strace -o x
 * /bin/sh`, `setarch -3 /bin/sh`, `nohup sh`), or a word of a non-shell program that
 * names a shell by path or asks for a shell escape (`vi -c ':!/bin/sh'`, `gdb -ex
 * '!/bin/sh'`, `php -r 'system("/bin/sh")'`, `tar … --checkpoint-action=exec=/bin/sh`,
 * `latex --shell-escape`). `bash -c 'npm test'`, `sh ./configure` and `ls -l /bin/sh` pass.
 */
export function shellEscape(inArgv: boolean) {
  return (a: Analysis, hit: Hit): boolean => {
    const piped = new Set<Cmd["sc"]>();
    for (const { stages } of a.pipes)
      for (let i = 1; i < stages.length; i++) for (const c of stages[i] ?? []) piped.add(c.sc);
    for (const c of a.cmds) {
      if (interactiveShell(c, piped.has(c.sc), inArgv)) return hit("shell.shell-escape", c.sc.raw);
      if (
        inArgv &&
        promptInArgv(
          c.r.name,
          operands(c.r).length,
          isShellOrInterpreter(c.r.name) &&
            !isShell(c.r.name) &&
            readsProgramFromStdin(c.r) &&
            // an action instead of a prompt (`node --test`, `node --run build`)
            !c.r.args.some((w) => /^(?:-[vVh]|--version|--help|--test|--run)$/.test(w.text ?? "")),
        )
      )
        return hit("shell.shell-escape", c.r.name);
      // Programs whose default, with no command given, is a shell (`script`, `capsh --`).
      const launcher = startsShell(c);
      if (launcher !== undefined) return hit("shell.shell-escape", launcher);
      const env = runsShellValue(c);
      if (env !== undefined) return hit("shell.shell-escape", env);
      if (isShell(c.r.name) || INSPECTORS.has(c.r.name)) continue;
      const words = inArgv ? c.r.args : c.r.args.filter((w) => w.text !== undefined);
      for (const w of words) {
        const t = w.text ?? w.raw;
        if (
          SHELL_PATH.test(t) ||
          SHELL_ESCAPE.test(t) ||
          (t.length > 6 && t.includes("sh") && SHELL_CALL.test(t))
        )
          return hit("shell.shell-escape", t);
        if (inArgv && t.includes("sh") && SHELL_WORD.test(t) && !namesShellAsData(c, w, false))
          return hit("shell.shell-escape", t);
        // `$SHELL` handed to a program that runs its operands in a shell (`ssh host $SHELL`).
        if (inArgv && t.charCodeAt(0) === 36 && /^\$(?:SHELL|\{SHELL\})$/.test(t))
          return hit("shell.shell-escape", t);
        // An argv operand that is a shell's name: the program runs it (`cabal exec -- sh`).
        // A container runner runs it in the container (its `-c` script is judged as a
        // command all the same), unless the container shares this machine: then, in a
        // command line too, it is a shell on this machine (`docker run --privileged -it
        // alpine sh`).
        const runner = CONTAINER_RUNNERS.has(c.r.name);
        if (
          (inArgv || runner) &&
          isShell(programName(w)) &&
          t === programName(w) &&
          (inArgv ? !(runner && !sharesHost(c)) : sharesHost(c)) &&
          !namesShellAsData(c, w, true)
        )
          return hit("shell.shell-escape", t);
      }
    }
    return false;
  };
}
