import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseListen } from "../../src/cli/run-http.js";
import { BIN, FIXTURES } from "../e2e/harness.js";

const POLICY = join(FIXTURES, "http", "policy.yaml");

function run(args: string[]) {
  return spawnSync(process.execPath, [BIN, "--mode", "http", "--policy", POLICY, ...args], {
    encoding: "utf8",
    timeout: 10_000,
  });
}

describe("mcp-aegis --mode http: usage errors exit 2 before listening", () => {
  it.each([
    [["--upstream", "http://127.0.0.1:1/mcp"], /exactly one of --jwks-uri and --jwks-file/],
    [["--upstream", "http://127.0.0.1:1/mcp", "--jwks-file", "x.json"], /--issuer/],
    [["--no-auth", "--listen", "0.0.0.0:0", "--upstream", "http://127.0.0.1:1/mcp"], /loopback/],
    [["--no-auth"], /exactly one server/],
    [
      ["--no-auth", "--upstream", "http://127.0.0.1:1/mcp", "--", "node", "x.js"],
      /exactly one server/,
    ],
    [["--no-auth", "--listen", "nope", "--upstream", "http://127.0.0.1:1/mcp"], /--listen/],
    [
      [
        "--jwks-file",
        "x.json",
        "--issuer",
        "i",
        "--resource",
        "https://r/mcp",
        "--algorithms",
        "HS256",
        "--upstream",
        "http://127.0.0.1:1/mcp",
      ],
      /Refusing the JWT algorithm/,
    ],
  ])("%j", (args, message) => {
    const r = run(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stdout).toBe("");
  });
});

describe("parseListen", () => {
  it("reads host:port, [v6]:port and a bare port", () => {
    expect(parseListen("127.0.0.1:8443")).toEqual({ host: "127.0.0.1", port: 8443 });
    expect(parseListen("[::1]:0")).toEqual({ host: "::1", port: 0 });
    expect(parseListen("9000")).toEqual({ host: "127.0.0.1", port: 9000 });
  });
});
