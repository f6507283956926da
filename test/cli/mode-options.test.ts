import { spawnSync } from "node:child_process";
import type { Option } from "commander";
import { describe, expect, it } from "vitest";
import { OPTION_RULES } from "../../src/cli/mode-options.js";
import { buildProgram } from "../../src/cli/program.js";
import { BIN } from "../e2e/harness.js";

// Walks commander's whole option table: each option, given in each way of running the
// shim, is either accepted (the run goes on to its next check) or refused naming the
// option and the mode. Nothing is started: every run lacks --policy or a server.

const OPTIONS = buildProgram(() => {}).options;

/** A valid value for an option (commander parses it before the action runs). */
function valueFor(o: Option): string[] {
  if (o.negate || (!o.required && !o.optional)) return [];
  if (o.argChoices) return [o.argChoices[0] as string];
  if (/bytes|<n>|<ms>/.test(o.flags)) return ["5"];
  if (o.long === "--upstream" || o.long === "--authorization-server")
    return ["http://127.0.0.1:1/mcp"];
  if (o.long === "--redis-url") return ["redis://127.0.0.1:1"];
  if (o.long === "--listen") return ["127.0.0.1:0"];
  return ["x"];
}

interface Usage {
  name: string;
  argv: string[];
  /** Whether an option is expected to be refused in this usage (from its help text and name). */
  refused(o: Option): boolean;
}

const httpOnly = (o: Option) => (o.description ?? "").startsWith("HTTP mode:");
const TOKEN_FLAGS = ["--jwks-uri", "--jwks-file", "--issuer", "--roles-claim", "--algorithms"];

const USAGES: Usage[] = [
  { name: "stdio", argv: [], refused: httpOnly },
  {
    name: "http with tokens",
    argv: ["--mode", "http"],
    refused: (o) => o.long === "--principal" || o.long === "--roles",
  },
  {
    name: "http --no-auth",
    argv: ["--mode", "http", "--no-auth"],
    refused: (o) => TOKEN_FLAGS.includes(o.long ?? ""),
  },
  {
    name: "http --upstream",
    argv: ["--mode", "http", "--no-auth", "--upstream", "http://127.0.0.1:1/mcp"],
    refused: (o) => o.long === "--shutdown-grace" || TOKEN_FLAGS.includes(o.long ?? ""),
  },
];

/** Runs the program's action on argv; resolves with the error it stopped on. */
async function stopReason(argv: string[]): Promise<string> {
  const program = buildProgram(() => {}).exitOverride();
  program.configureOutput({ writeErr: () => {}, writeOut: () => {} });
  try {
    await program.parseAsync(["node", "mcp-aegis", ...argv]);
    return "(ran)";
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

describe("no silent flags: the option table", () => {
  it("has a mode rule for every option commander knows, and none for an unknown one", () => {
    const keys = OPTIONS.map((o) => o.attributeName()).sort();
    expect(Object.keys(OPTION_RULES).sort()).toEqual(keys);
  });

  for (const usage of USAGES) {
    it(`every option in ${usage.name} mode is honoured or refused by name`, async () => {
      for (const o of OPTIONS) {
        const flag = o.long ?? o.flags;
        if (usage.argv.includes(flag)) continue;
        const reason = await stopReason([...usage.argv, flag, ...valueFor(o)]);
        const mentioned = reason.includes(`option '${flag}' is not used in`);
        expect({ flag, refused: mentioned }, reason).toEqual({
          flag,
          refused: usage.refused(o),
        });
        // A run that gets past the mode check stops at its next check, never at start.
        expect(reason).not.toBe("(ran)");
      }
    });
  }

  it("the built CLI exits 2 naming the option and the mode", () => {
    const r = spawnSync(
      process.execPath,
      [BIN, "--policy", "p.yaml", "--listen", "127.0.0.1:1", "--", "node", "-e", ""],
      { encoding: "utf8", timeout: 20_000 },
    );
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("option '--listen' is not used in stdio mode");
  });
});
