import { type Analysis, type Cmd, type Hit, operands } from "../facts.js";

/**
 * What an intruder does to a host once a command runs, named after MITRE ATT&CK: switching
 * its defences off (T1562: firewall, antivirus, SELinux, audit), dumping its credential
 * stores (T1003: SAM/SECURITY hives, lsass), mining on it (T1496), creating or promoting
 * accounts (T1136/T1098), planting Windows autostarts (T1547/T1053/T1543), destroying its
 * recovery (T1490) and clearing its logs (T1070.001). A coding agent does none of these;
 * the programs are matched by name in any case, with or without `.exe`.
 */
export function hostTamper(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    // Most commands are none of these: decide by name before building the argument list.
    if (!TAMPER_NAME.test(c.r.name) && !c.sc.raw.includes("stratum+")) continue;
    const n = c.r.name.toLowerCase().replace(/\.exe$/, "");
    // As written: cmd.exe keeps the backslashes bash would remove (`HKLM\SAM`, `C:\*`).
    const t = c.r.args.map((w) => w.raw.replace(/^(["'])(.*)\1$/s, "$2").toLowerCase());
    const line = t.join(" ");
    const rule = judge(n, t, line, c) ?? (POWERSHELL.has(n) ? judgePowerShell(line, c) : undefined);
    if (rule !== undefined) return hit(rule, c.sc.raw);
  }
  return false;
}

const POWERSHELL = new Set(["powershell", "pwsh"]);
/** Every program name `judge` or `judgePowerShell` looks at (any case, optional `.exe`). */
const TAMPER_NAME =
  /^(?:net1?|netsh|ufw|ip6?tables|setenforce|auditctl|systemctl|service|sc|set-mppreference|add-mppreference|reg|schtasks|new-service|procdump(?:64)?|rundll32|mimikatz|pypykatz|secretsdump\.py|lazagne|ntdsutil|vssadmin|wbadmin|bcdedit|format|del|erase|rd|rmdir|wevtutil|clear-eventlog|clear-disk|format-volume|i?cacls|find|new-itemproperty|set-itemproperty|xmrig|xmr-stak|minerd|cpuminer|cgminer|bfgminer|t-rex|nbminer|ethminer|powershell|pwsh)(?:\.exe)?$/i;

/** PowerShell's script, statement by statement, each judged by its first word (the cmdlet). */
function judgePowerShell(line: string, c: Cmd): TamperRule | undefined {
  const script = line.replace(
    /^(?:-(?!c\b|command\b)\w+(?:\s+(?:bypass|hidden|unrestricted))?\s+)*(?:-c(?:ommand)?\s+)?/,
    "",
  );
  for (const stmt of script.split(/[;\n|]/)) {
    const [head = "", ...rest] = stmt
      .trim()
      .replace(/^["'&({]+/, "")
      .split(/\s+/);
    const r = judge(head.replace(/\.exe$/, ""), rest, rest.join(" "), c);
    if (r !== undefined) return r;
  }
  return undefined;
}

type TamperRule =
  | "shell.tamper"
  | "shell.privilege"
  | "shell.persistence"
  | "shell.destructive"
  | "shell.anti-forensics";

const AUTOSTART_KEY = /\\(?:run|runonce|runservices|winlogon|image file execution options)\b/;
const CRED_HIVE = /^(?:hklm|hkey_local_machine)\\(?:sam|security|system)$/;
const SECURITY_UNITS =
  /^(?:firewalld|ufw|iptables|nftables|apparmor|auditd|selinux|falcon-sensor|clamav-daemon|wazuh-agent|osqueryd|crowdstrike|sentinelone|windefend|mpssvc|sense|wdnissvc)(?:\.service)?$/;

function judge(n: string, t: readonly string[], line: string, c: Cmd): TamperRule | undefined {
  switch (n) {
    case "net":
    case "net1":
      if (t[0] === "user" && t.includes("/add")) return "shell.privilege";
      if (t[0] === "user" && t.some((x) => x === "/active:yes")) return "shell.privilege";
      if (t[0] === "localgroup" && t.includes("/add")) return "shell.privilege";
      if (t[0] === "stop" && SECURITY_UNITS.test(t[1] ?? "")) return "shell.tamper";
      return undefined;
    case "netsh":
      return /firewall.*\b(?:off|disable)\b/.test(line) ? "shell.tamper" : undefined;
    case "ufw":
      return t[0] === "disable" ? "shell.tamper" : undefined;
    case "iptables":
    case "ip6tables":
      // Flushing every rule, or opening the default policy: the firewall is gone.
      return t.some((x) => x === "-f" || x === "--flush") ||
        /-p (?:input|forward) accept/.test(line)
        ? "shell.tamper"
        : undefined;
    case "setenforce":
      return t[0] === "0" || t[0] === "permissive" ? "shell.tamper" : undefined;
    case "auditctl":
      return /-e 0|-d\b|-D\b/i.test(line) ? "shell.tamper" : undefined;
    case "systemctl":
    case "service":
    case "sc":
      if (
        (t.includes("stop") || t.includes("disable") || t.includes("mask")) &&
        t.some((x) => SECURITY_UNITS.test(x))
      )
        return "shell.tamper";
      if (n === "sc" && t[0] === "create") return "shell.persistence";
      return undefined;
    case "set-mppreference":
    case "add-mppreference":
      return /-disable\w+|-exclusion\w+/.test(line) ? "shell.tamper" : undefined;
    case "reg":
      if (t[0] === "save" && CRED_HIVE.test(t[1] ?? "")) return "shell.tamper";
      if (t[0] === "add" && AUTOSTART_KEY.test(line)) return "shell.persistence";
      if (t[0] === "add" && /fdenytsconnections|disableantispyware|enablelua/.test(line))
        return "shell.tamper";
      return undefined;
    // PowerShell's registry writes (`New-ItemProperty -Path HKCU:\…\CurrentVersion\Run`).
    case "new-itemproperty":
    case "set-itemproperty":
      return AUTOSTART_KEY.test(line) ? "shell.persistence" : undefined;
    case "schtasks":
      return t.includes("/create") ? "shell.persistence" : undefined;
    case "new-service":
      return "shell.persistence";
    case "procdump":
    case "procdump64":
      return /lsass/.test(line) ? "shell.tamper" : undefined;
    case "rundll32":
      return /comsvcs(?:\.dll)?,?\s*minidump/.test(line) ? "shell.tamper" : undefined;
    case "mimikatz":
    case "pypykatz":
    case "secretsdump.py":
    case "lazagne":
      return "shell.tamper";
    case "ntdsutil":
      return /\bifm\b/.test(line) ? "shell.tamper" : undefined;
    case "vssadmin":
      return t[0] === "delete" || t[0] === "resize" ? "shell.destructive" : undefined;
    case "wbadmin":
      return t[0] === "delete" ? "shell.destructive" : undefined;
    case "bcdedit":
      return /recoveryenabled\s+no|bootstatuspolicy\s+ignoreallfailures/.test(line)
        ? "shell.destructive"
        : undefined;
    case "format":
      return operands(c.r).some((w) => /^[a-z]:$/i.test(w.text ?? ""))
        ? "shell.destructive"
        : undefined;
    // PowerShell's disk wipes: the mkfs and dd of Windows (Storage module cmdlets).
    case "clear-disk":
      return "shell.destructive";
    case "format-volume":
      return "shell.destructive";
    case "del":
    case "erase":
    case "rd":
    case "rmdir":
      // cmd.exe's recursive delete of a drive root or the Windows tree.
      return t.includes("/s") && t.some((x) => /^[a-z]:\\(?:\*|windows\\?)?$/.test(x))
        ? "shell.destructive"
        : undefined;
    case "wevtutil":
      return t[0] === "cl" || t[0] === "clear-log" ? "shell.anti-forensics" : undefined;
    case "clear-eventlog":
      return "shell.anti-forensics";
    case "icacls":
    case "cacls":
      return /\/grant\s+(?:everyone|\*s-1-1-0|users):\(?f/.test(line)
        ? "shell.privilege"
        : undefined;
    case "find":
      // Hunting setuid programs to escalate through (`find / -perm -4000`).
      return /-perm\s+[-/]?(?:u=s|4000|6000|2000|g=s)/.test(line) ? "shell.privilege" : undefined;
  }
  // Miners: by name, or any program handed a mining pool URL.
  if (/^(?:xmrig|xmr-stak|minerd|cpuminer|cgminer|bfgminer|t-rex|nbminer|ethminer)$/.test(n))
    return "shell.tamper";
  if (/\bstratum\+(?:tcp|ssl|tls):\/\//.test(line)) return "shell.tamper";
  return undefined;
}
