import { type Analysis, argTexts, type Hit, writeTargets } from "../facts.js";
import { SHELLS } from "../resolve.js";
import { hooksOutside } from "./config-set.js";

/** Files that run code at login, on a schedule, on ssh or git events (GTFOBins, MITRE T1546/T1053/T1098). */
const AUTOSTART =
  /(?:^|\/)(?:\.(?:bashrc|bash_profile|bash_login|bash_logout|profile|zshrc|zprofile|zshenv|zlogin|kshrc|cshrc|tcshrc)|authorized_keys2?|\.ssh\/rc|rc\.local)$|^\/etc\/(?:profile(?:\.d\/.*)?|bash\.bashrc|zsh\/.*|environment|cron[^/]*(?:\/.*)?|anacrontab|init\.d\/.*|systemd\/.*|xdg\/autostart\/.*|ld\.so\.preload)$|\/\.config\/(?:fish\/config\.fish|systemd\/user\/.*|autostart\/.*)$|\/(?:Library\/LaunchAgents|Library\/LaunchDaemons)\/|\/var\/spool\/cron|(?:^|\/)\.git\/hooks\/|\/\.(?:bashrc|zshrc|profile)\.d\//;

/** The same places, found inside a longer word (an option value or inline code). */
const AUTOSTART_ANYWHERE =
  /(?:~|\$HOME|\/home\/[\w.-]+|\/root)\/\.(?:bashrc|bash_profile|bash_login|profile|zshrc|zprofile|zshenv|zlogin)\b|authorized_keys|\/etc\/cron|\/var\/spool\/cron|\.git\/hooks\/|\/etc\/(?:profile\.d|systemd|init\.d|rc\.local|ld\.so\.preload)|\.config\/(?:autostart|systemd\/user)|Library\/Launch(?:Agents|Daemons)/;
const READERS = new Set(
  "cat less more head tail grep egrep fgrep rg ag ls stat file wc diff cmp source . bat test [ [[ md5sum sha1sum sha256sum realpath readlink dirname basename cd echo printf git".split(
    " ",
  ),
);

/**
 * A web shell: server-side code that runs what a request sends (`<?php system($_GET['c']) ?>`,
 * `eval($_POST[…])`, JSP `Runtime.getRuntime().exec(request.getParameter(…))`, ASP
 * `Execute(Request(…))`, `include($_GET[…])`). No build or test step writes one (MITRE T1505.003).
 */
const WEB_SHELL =
  /\b(?:system|exec|shell_exec|passthru|popen|proc_open|pcntl_exec|eval|assert|create_function|call_user_func|include|include_once|require|require_once)\s*\(?[^;)]{0,40}\$_(?:GET|POST|REQUEST|COOKIE|SERVER)\b|`[^`]{0,40}\$_(?:GET|POST|REQUEST|COOKIE)\b|\.exec\s*\(\s*request\.getParameter\s*\(|\b(?:Execute|Eval)\s*\(?\s*Request\s*[.([]/;
const REQUEST_INPUT = /\$_[GPRCS]|getParameter|Request/;

/** The script of `sh -c SCRIPT` (also `-lc`, `-ec`): the word after the option. */
function scriptWord<W extends { text?: string }>(args: readonly W[]): W | undefined {
  for (let i = 0; i < args.length - 1; i++) {
    const t = args[i]?.text ?? "";
    if (!t.startsWith("-")) return undefined;
    if (/^-[a-zA-Z]*c[a-zA-Z]*$/.test(t)) return args[i + 1];
  }
  return undefined;
}

/**
 * shell.persistence: code planted to run later — writing (redirect, tee, cp, sed -i …) to
 * shell rc files, authorized_keys, cron, systemd units, launch agents or git hooks;
 * installing a crontab; enabling a unit; loading a launch agent; pointing git at a hooks dir.
 */
export function persistence(a: Analysis, hit: Hit): boolean {
  for (const c of a.script.commands)
    if (c.raw.length > 16 && REQUEST_INPUT.test(c.raw) && WEB_SHELL.test(c.raw))
      return hit("shell.persistence", "server code that runs request input (a web shell)");
  let pager = false;
  for (const c of a.cmds) {
    // Lines after a pager are keystrokes at its prompt: less's `sFILE` saves its input there
    // (less(1) "s filename"; GTFOBins less, file write).
    const first = c.sc.words[0]?.text ?? "";
    if (pager && first.length > 1 && first[0] === "s" && AUTOSTART.test(first.slice(1).trim()))
      return hit("shell.persistence", c.sc.raw);
    if (c.r.name === "less" || c.r.name === "more") pager = true;
    for (const w of writeTargets(c))
      if (AUTOSTART.test(w)) return hit("shell.persistence", c.sc.raw);
    // Any other program handed an autostart file (`iconv -o ~/.profile`, `find -fprintf
    // …/crontabs/root`, `python -c 'open("/etc/cron.d/x","w")'`) is taken to write it;
    // programs that only read or list stay allowed (`source ~/.bashrc`, `cat ~/.zshrc`).
    // A shell's `-c` script is judged as a command line of its own (nested), where a write
    // to the file is seen: `zsh -c 'source ~/.zshrc && nvm use 20'` only reads it. Its other
    // words still count (`ash -c 'echo 'KEY' >~/.profile'`, quoting broken).
    const script = SHELLS.has(c.r.name) ? scriptWord(c.r.args) : undefined;
    if (
      !READERS.has(c.r.name) &&
      c.r.args.some((w) => w !== script && AUTOSTART_ANYWHERE.test(w.text ?? w.raw))
    )
      return hit("shell.persistence", c.sc.raw);
    const n = c.r.name;
    const t = argTexts(c.r);
    if (n === "crontab" && !t.every((x) => x === "-l" || x.startsWith("-u")))
      return hit("shell.persistence", c.sc.raw);
    if (n === "at" || n === "batch") return hit("shell.persistence", c.sc.raw);
    if (n === "systemctl" && (t.includes("enable") || t.includes("link")))
      return hit("shell.persistence", c.sc.raw);
    if (
      n === "launchctl" &&
      (t.includes("load") || t.includes("bootstrap") || t.includes("submit"))
    )
      return hit("shell.persistence", c.sc.raw);
    if (n === "git" && hooksOutside(t)) return hit("shell.persistence", c.sc.raw);
    if (n === "ssh-copy-id") return hit("shell.persistence", c.sc.raw);
  }
  return false;
}
