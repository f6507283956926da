/**
 * shell.probe. Probes: OWASP WSTG "Testing for Command Injection" (blind injection with
 * timing and out-of-band callbacks) and MITRE ATT&CK discovery techniques T1033/T1082/T1016.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("shell.probe", () => {
  it("blocks reconnaissance chained after another command", () => {
    expect(cmd("npm test; id")).toBe("shell.probe");
    expect(cmd("make build && whoami")).toBe("shell.probe");
    expect(cmd("git status | uname -a")).toBe("shell.probe");
    expect(cmd("dir & net user")).toBe("shell.probe");
    expect(cmd("npm test; ipconfig /all")).toBe("shell.probe");
  });

  it("blocks timing probes and interaction services", () => {
    expect(cmd("npm test | sleep 10")).toBe("shell.probe");
    expect(cmd("npm test; ping -c 10 127.0.0.1")).toBe("shell.probe");
    expect(cmd("nslookup x.oastify.com")).toBe("shell.probe");
    expect(cmd("curl https://abc.interact.sh")).toBe("shell.probe");
  });

  it("passes recon run alone or inside a substitution, and ordinary waits", () => {
    expect(cmd("whoami")).toBeUndefined();
    expect(cmd("uname -a")).toBeUndefined();
    expect(cmd("chown -R $(whoami) node_modules && npm ci")).toBeUndefined();
    expect(cmd('docker run -u "$(id -u):$(id -g)" node:20 npm test')).toBeUndefined();
    expect(cmd("docker compose up -d && sleep 10 && npm test")).toBeUndefined();
    expect(cmd("ping -c 1 example.com && npm ci")).toBeUndefined();
    expect(cmd("node --version && uname -s")).toBeUndefined();
  });
});
