import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  EARLY_FLAG_OPTIONS,
  EARLY_SUBCOMMANDS,
  EARLY_VALUE_OPTIONS,
  parseEarlyRun,
} from "../../src/cli/early-argv.js";
import { buildProgram } from "../../src/cli/program.js";

/** What commander makes of `args` for the root run: its command and options, or undefined. */
function commanderRun(
  args: readonly string[],
): { command: string[]; opts: Record<string, unknown> } | "not-run" | "refused" {
  let got: { command: string[]; opts: Record<string, unknown> } | undefined;
  const program = buildProgram(() => {})
    .exitOverride()
    .configureOutput({ writeOut: () => {}, writeErr: () => {} })
    // Replaces the action that would start the shim.
    .action((command: string[], opts: Record<string, unknown>) => {
      got = { command, opts };
    });
  for (const sub of program.commands) sub.exitOverride().action(() => {});
  try {
    program.parse(["node", "mcp-aegis", ...args]);
  } catch (err) {
    // Help and version are not runs; anything else is a refused command line.
    const code = (err as { code?: string }).code ?? "";
    return /helpDisplayed|version|commander\.help$/.test(code) ? "not-run" : "refused";
  }
  return got ?? "not-run";
}

describe("parseEarlyRun: the option tables", () => {
  it("list exactly the root program's options (value or flag), less --help and --version", () => {
    const values = new Set<string>();
    const flags = new Set<string>();
    for (const option of buildProgram(() => {}).options) {
      if (option.long === "--version") continue;
      // An optional value ([value]) would need commander's look-ahead rule: none exists.
      expect(option.optional, option.long).toBe(false);
      (option.required ? values : flags).add(option.long as string);
    }
    expect([...EARLY_VALUE_OPTIONS].sort()).toEqual([...values].sort());
    expect([...EARLY_FLAG_OPTIONS].sort()).toEqual([...flags].sort());
  });

  it("list every subcommand name and alias, and help", () => {
    const names = buildProgram(() => {}).commands.flatMap((c) => [c.name(), ...c.aliases()]);
    expect([...EARLY_SUBCOMMANDS].sort()).toEqual([...names, "help"].sort());
  });
});

describe("parseEarlyRun", () => {
  const POLICY = ["--policy", "p.yaml"];

  it("takes the command after -- unchanged, flags and a second -- included", () => {
    expect(parseEarlyRun([...POLICY, "--", "node", "s.js", "--policy", "x", "--", "-V"])).toEqual({
      argv: ["node", "s.js", "--policy", "x", "--", "-V"],
    });
  });

  it("takes --target's line, unsplit", () => {
    expect(parseEarlyRun([...POLICY, "--target", '"my server" --flag'])).toEqual({
      target: '"my server" --flag',
    });
    expect(parseEarlyRun(["--target=node s.js", "--policy=p.yaml"])).toEqual({
      target: "node s.js",
    });
  });

  it("skips options with their values, = forms and flags", () => {
    const args = [
      "--policy=p.yaml",
      "--roles",
      "a,b",
      "--monitor",
      "--no-sanitizer",
      "--log-level=warn",
      "--mode",
      "stdio",
      "--",
      "srv",
    ];
    expect(parseEarlyRun(args)).toEqual({ argv: ["srv"] });
  });

  it("lets a value option take the next word whatever it is, like commander", () => {
    expect(parseEarlyRun(["--principal", "--", ...POLICY, "--", "srv"])).toEqual({
      argv: ["srv"],
    });
  });

  it.each([
    ["no --policy", ["--", "srv"]],
    ["a subcommand", ["check", ...POLICY]],
    ["pin", ["pin", ...POLICY, "--", "srv"]],
    ["--help", ["--help", ...POLICY, "--", "srv"]],
    ["-h", ["-h", ...POLICY, "--", "srv"]],
    ["--version", ["--version"]],
    ["-V", [...POLICY, "-V", "--", "srv"]],
    ["HTTP mode", [...POLICY, "--mode", "http", "--", "srv"]],
    ["HTTP mode (=)", [...POLICY, "--mode=http", "--", "srv"]],
    ["an unknown mode", [...POLICY, "--mode", "tcp", "--", "srv"]],
    ["an unknown option", [...POLICY, "--polcy", "x", "--", "srv"]],
    ["a flag given a value", [...POLICY, "--monitor=yes", "--", "srv"]],
    ["a command without --", [...POLICY, "node", "s.js"]],
    ["nothing after --", [...POLICY, "--"]],
    ["an empty command", [...POLICY, "--", ""]],
    ["--target and --", [...POLICY, "--target", "a", "--", "b"]],
    ["a server named like a subcommand", [...POLICY, "--", "test", "x"]],
    ["a value option at the end", [...POLICY, "--roles"]],
    ["no command at all", POLICY],
  ])("leaves %s to the normal path", (_, args) => {
    expect(parseEarlyRun(args)).toBeUndefined();
  });

  it("never disagrees with commander about the command of a run it recognises", () => {
    const word = fc.constantFrom(
      "--",
      "--policy",
      "--policy=p.yaml",
      "--target",
      "--target=node s.js",
      "--mode",
      "--mode=http",
      "--mode=stdio",
      "http",
      "stdio",
      "--roles",
      "--monitor",
      "--no-watch",
      "--monitor=1",
      "--help",
      "-V",
      "--bogus",
      "check",
      "explain",
      "test",
      "help",
      "node",
      "s.js",
      "p.yaml",
      "-x",
      "",
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 9 }), (args) => {
        const early = parseEarlyRun(args);
        if (early === undefined) return;
        const run = commanderRun(args);
        // Commander may still refuse a value (the run then kills the early server), but
        // a run it accepts must be a stdio run of the same command.
        if (run === "refused") return;
        expect(run).not.toBe("not-run");
        if (run === "not-run") return;
        expect(run.opts.mode).toBe("stdio");
        expect(run.opts.policy).toBeDefined();
        if ("argv" in early) {
          expect(run.command).toEqual(early.argv);
          expect(run.opts.target).toBeUndefined();
        } else {
          expect(run.opts.target).toBe(early.target);
          expect(run.command).toEqual([]);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
