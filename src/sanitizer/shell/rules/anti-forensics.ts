import type { Analysis, Hit } from "../facts.js";

/** Files that hold a shell's or REPL's history. */
const HISTORY_FILE =
  /(?:^|\/)\.(?:bash|zsh|sh|ash|mysql|psql|python|node_repl|sqlite|lesshst|rediscli)_?history$|(?:^|\/)\.zhistory$|(?:^|\/)\.local\/share\/fish\/fish_history$/;
/**
 * The system's own records of who logged in and what ran (ATT&CK T1070.002): auth and
 * system logs, login records, the audit log, the journal. An app's own log under
 * /var/log (`nginx/error.log`) is not one of them.
 */
const SYSTEM_LOG =
  /^\/+(?:var\/+log\/+(?:auth\.log|secure|syslog|messages|kern\.log|wtmp|btmp|lastlog|faillog|utmp|audit(?:\/|$)|journal(?:\/|$))|(?:var\/+)?run\/+utmp$)/;
/** Commands that erase or overwrite a file's contents. */
const ERASERS = new Set(["shred", "rm", "truncate", "wipe", "srm", "unlink"]);
const HISTORY_VARS = new Set(["HISTFILE", "HISTSIZE", "HISTFILESIZE", "SAVEHIST"]);

/**
 * shell.anti-forensics: covering tracks (MITRE ATT&CK T1070.003) — `history -c`/`-w` of an
 * emptied list, `unset HISTFILE`, `HISTFILE=/dev/null`, `HISTSIZE=0`, `set +o history`, a
 * history file erased, truncated or overwritten (`shred ~/.bash_history`, `> ~/.bash_history`,
 * `ln -sf /dev/null ~/.bash_history`). An agent has no reason to hide what it ran.
 */
export function antiForensics(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    const t = c.r.args.map((w) => w.text ?? "");
    const n = c.r.name;
    if (n === "history" && t.some((x) => /^-[a-z]*c/.test(x) || x === "-d"))
      return hit("shell.anti-forensics", c.sc.raw);
    if (n === "unset" && t.some((x) => HISTORY_VARS.has(x)))
      return hit("shell.anti-forensics", c.sc.raw);
    if (n === "set" && t.some((x, i) => x === "+o" && t[i + 1] === "history"))
      return hit("shell.anti-forensics", c.sc.raw);
    for (const x of c.sc.assigns)
      if (hidesHistory(x.name, x.value?.text)) return hit("shell.anti-forensics", x.name);
    if (
      (ERASERS.has(n) || n === "ln" || n === "cp" || n === "mv") &&
      t.some((x) => HISTORY_FILE.test(x))
    )
      return hit("shell.anti-forensics", c.sc.raw);
    for (const r of c.sc.redirects) {
      const target = r.target?.text ?? "";
      if ((r.op === ">" || r.op === ">|") && (HISTORY_FILE.test(target) || SYSTEM_LOG.test(target)))
        return hit("shell.anti-forensics", c.sc.raw);
    }
    if (erasesSystemLog(n, t)) return hit("shell.anti-forensics", c.sc.raw);
  }
  return false;
}

/** `HISTFILE=/dev/null`, `HISTFILE=`, `HISTSIZE=0`. */
function hidesHistory(name: string, value: string | undefined): boolean {
  if (name === "HISTFILE") return value === "" || value === "/dev/null";
  return HISTORY_VARS.has(name) && value === "0";
}

/**
 * A system log erased, moved away or overwritten: any eraser or `mv` naming one; `cp`,
 * `install`, `ln` and `dd` only when it is the destination (reading a log to study it is
 * ordinary).
 */
function erasesSystemLog(n: string, t: readonly string[]): boolean {
  if (ERASERS.has(n) || n === "mv") return t.some((x) => SYSTEM_LOG.test(x));
  if (n === "cp" || n === "install" || n === "ln") {
    const ops = t.filter((x) => !x.startsWith("-"));
    return ops.length >= 2 && SYSTEM_LOG.test(ops[ops.length - 1] ?? "");
  }
  return n === "dd" && t.some((x) => x.startsWith("of=") && SYSTEM_LOG.test(x.slice(3)));
}
