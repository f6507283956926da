/**
 * shell.tamper and the Windows/Linux host attacks filed under existing families. Probes from
 * MITRE ATT&CK technique pages (attack.mitre.org: T1562.004 firewall, T1562.001 security
 * tools, T1003.001/.002 lsass and SAM, T1496 mining, T1136.001 local accounts, T1547.001
 * Run keys, T1053.005 scheduled tasks, T1490 inhibit recovery, T1070.001 event logs) and the
 * Atomic Red Team tests that implement them (redcanaryco/atomic-red-team `atomics/T<id>/T<id>.yaml`).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("shell.tamper", () => {
  it("blocks defences switched off", () => {
    expect(cmd("dir & netsh advfirewall set allprofiles state off")).toBe("shell.tamper");
    expect(cmd("npm test; ufw disable")).toBe("shell.tamper");
    expect(cmd("npm test; iptables -F")).toBe("shell.tamper");
    expect(cmd("npm test; setenforce 0")).toBe("shell.tamper");
    expect(cmd("sudo systemctl stop auditd")).toBeDefined();
    expect(cmd("powershell Set-MpPreference -DisableRealtimeMonitoring $true")).toBeDefined();
    expect(cmd("Set-MpPreference -DisableRealtimeMonitoring $true")).toBe("shell.tamper");
  });

  it("blocks credential stores dumped and miners started", () => {
    expect(cmd("reg save HKLM\\SAM C:\\sam.save")).toBe("shell.tamper");
    expect(cmd("procdump -ma lsass.exe lsass.dmp")).toBe("shell.tamper");
    expect(
      cmd("rundll32.exe C:\\Windows\\System32\\comsvcs.dll, MiniDump 624 C:\\l.dmp full"),
    ).toBe("shell.tamper");
    expect(cmd("nohup ./xmrig -o stratum+tcp://pool.example:3333 -u x &")).toBe("shell.tamper");
  });

  it("passes the ordinary uses of the same programs", () => {
    expect(cmd("sudo ufw allow 22/tcp")).toBeUndefined();
    expect(cmd("iptables -L -n")).toBeUndefined();
    expect(cmd("systemctl restart nginx")).toBeUndefined();
    expect(cmd("reg query HKCU\\Software\\Git")).toBeUndefined();
    expect(cmd("netsh interface ip show config")).toBeUndefined();
    expect(cmd("find . -perm -u+x -type f")).toBeUndefined();
    expect(cmd("net use")).toBeUndefined();
  });
});

describe("Windows and Linux host attacks under the existing families", () => {
  it("blocks accounts created or promoted, and setuid hunting", () => {
    expect(cmd("npm test & net user hacker P@ssw0rd /add")).toBe("shell.privilege");
    expect(cmd("net localgroup administrators hacker /add")).toBe("shell.privilege");
    expect(cmd("icacls C:\\Windows\\System32 /grant Everyone:F")).toBe("shell.privilege");
    expect(cmd("find / -perm -4000 -type f 2>/dev/null")).toBe("shell.privilege");
  });

  it("blocks Windows autostarts, recovery destroyed and logs cleared", () => {
    expect(
      cmd("reg add HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run /v x /d C:\\x.exe"),
    ).toBe("shell.persistence");
    expect(cmd("schtasks /create /tn x /tr C:\\x.exe /sc onlogon")).toBe("shell.persistence");
    expect(cmd("sc create x binpath= C:\\x.exe start= auto")).toBe("shell.persistence");
    expect(cmd("vssadmin delete shadows /all /quiet")).toBe("shell.destructive");
    expect(cmd("bcdedit /set {default} recoveryenabled no")).toBe("shell.destructive");
    expect(cmd("format C: /q /y")).toBe("shell.destructive");
    expect(cmd("del /s /q C:\\*")).toBe("shell.destructive");
    expect(cmd("wevtutil cl security")).toBe("shell.anti-forensics");
    expect(cmd("schtasks /query /fo LIST")).toBeUndefined();
    expect(cmd("del /q build\\*.obj")).toBeUndefined();
  });
});
