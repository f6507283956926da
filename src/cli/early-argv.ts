/**
 * Recognises the common stdio run (`mcp-aegis [options] -- <command…>`, or `--target`)
 * from argv alone, without commander, so the CLI can start the server before it loads
 * the checks. Anything it does not fully understand returns undefined: the normal path
 * then parses (and refuses) it as before, and nothing starts early.
 *
 * Commander stays the judge: the run compares its parse with this one and does not use
 * an early server whose command differs. test/cli/early-argv.test.ts keeps these tables
 * equal to the program's options.
 */

/** The root program's long options that take a value (commander `<value>`). */
export const EARLY_VALUE_OPTIONS: ReadonlySet<string> = new Set([
  "--target",
  "--policy",
  "--principal",
  "--roles",
  "--server-name",
  "--max-line-size",
  "--max-arg-size",
  "--max-depth",
  "--max-args-total-size",
  "--max-http-body-size",
  "--sanitizer-max-scan",
  "--max-policy-file-size",
  "--max-concurrent-requests",
  "--transport-timeout",
  "--redis-timeout",
  "--shutdown-grace",
  "--audit-log",
  "--rate-limit",
  "--rate-burst",
  "--redis-url",
  "--pin-file",
  "--log-level",
  "--mode",
  "--listen",
  "--upstream",
  "--jwks-uri",
  "--jwks-file",
  "--issuer",
  "--resource",
  "--authorization-server",
  "--roles-claim",
  "--allowed-origins",
  "--algorithms",
]);

/** The root program's flags without a value. --help and --version are left out on purpose. */
export const EARLY_FLAG_OPTIONS: ReadonlySet<string> = new Set([
  "--no-sanitizer",
  "--redis-fail-open",
  "--monitor",
  "--no-watch",
  "--no-auth",
]);

/**
 * Words commander dispatches as a subcommand even after `--` when they come first
 * (`mcp-aegis --policy p -- test` runs `test`): such a run is left to commander.
 */
export const EARLY_SUBCOMMANDS: ReadonlySet<string> = new Set([
  "check",
  "explain",
  "test",
  "verify",
  "help",
  "pin",
  "version",
  "init",
  "wrap",
  "unwrap",
  "audit",
]);

/** What an early start needs: the server's argv, or the unsplit --target line. */
export type EarlyRun = { argv: string[] } | { target: string };

/**
 * The server command of a plain stdio run, or undefined when argv is anything else
 * (a subcommand, --help, --version, HTTP mode, no --policy, an unknown option, a
 * command given without `--`, both forms at once).
 */
export function parseEarlyRun(args: readonly string[]): EarlyRun | undefined {
  let policy = false;
  let mode = "stdio";
  let target: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === "--") {
      const argv = args.slice(i + 1);
      const first = argv[0];
      if (target !== undefined || first === undefined || first === "") return undefined;
      if (EARLY_SUBCOMMANDS.has(first)) return undefined;
      return policy && mode === "stdio" ? { argv } : undefined;
    }
    if (EARLY_FLAG_OPTIONS.has(arg)) continue;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!EARLY_VALUE_OPTIONS.has(name)) return undefined;
    // Like commander, a value option takes the next word whatever it looks like.
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined) return undefined;
    if (name === "--policy") policy = true;
    else if (name === "--mode") mode = value;
    else if (name === "--target") target = value;
  }
  return policy && mode === "stdio" && target !== undefined ? { target } : undefined;
}
