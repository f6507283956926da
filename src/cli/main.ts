import { CommanderError } from "commander";
import { LimitError } from "../config/limits.js";
import { CollectError } from "../pinning/collect.js";
import { PinFileError } from "../pinning/pin-file.js";
import { describePolicyError, PolicyLoadError } from "../policy/load.js";
import { CommandLineError } from "../transport/command.js";
import { buildPinProgram } from "./commands/pin.js";
import type { EarlyServer } from "./early-server.js";
import { EXIT } from "./exit-codes.js";
import { buildProgram, SHORT_USAGE } from "./program.js";
import { UsageError } from "./run.js";
import { answerStartupFailure } from "./startup-answer.js";

/** Names commander dispatches to a subcommand when it meets them as the first operand. */
const SUBCOMMANDS = new Set([
  ...["check", "explain", "test", "verify", "help", "pin", "version"],
  ...["init", "wrap", "unwrap", "audit"],
]);

/**
 * Takes the server command after `--` out of argv: commander would run our `test` (or
 * `check`, `verify`, …) subcommand for a server of that name. Left alone when a subcommand
 * comes before the `--` (its own arguments follow it).
 */
export function splitServerArgv(argv: readonly string[]): { argv: string[]; server?: string[] } {
  const dash = argv.indexOf("--", 2);
  if (dash === -1 || argv.slice(2, dash).some((a) => SUBCOMMANDS.has(a)))
    return { argv: [...argv] };
  return { argv: argv.slice(0, dash + 1), server: argv.slice(dash + 1) };
}

/** Exits once stdout and stderr have taken everything written (never with writes pending). */
function exitAfterFlush(code: number): void {
  process.exitCode = code;
  let waiting = 2;
  const done = () => {
    waiting -= 1;
    if (waiting === 0) process.exit(code);
  };
  process.stdout.write("", done);
  process.stderr.write("", done);
}

/**
 * Runs the CLI on process.argv. `early` is the server entry.ts already started for a
 * stdio run; if the run does not take it (a refused start), it is killed before exiting.
 */
export async function main(early?: EarlyServer): Promise<void> {
  const words = process.argv.slice(2);
  // Bare `mcp-aegis` (a usage error) and `mcp-aegis help`: a short usage, not 75 lines.
  if (words.length === 0 || (words.length === 1 && words[0] === "help")) {
    (words.length === 0 ? process.stderr : process.stdout).write(SHORT_USAGE);
    exitAfterFlush(words.length === 0 ? EXIT.USAGE : EXIT.OK);
    return;
  }
  // `pin` is parsed as its own program: the shim's required --policy does not apply to it.
  const isPin = process.argv[2] === "pin";
  const split = splitServerArgv(process.argv);
  // Set once the shim's own run starts: its start-up errors also answer the client.
  let running = false;
  const program = (
    isPin
      ? buildPinProgram(exitAfterFlush)
      : buildProgram(exitAfterFlush, early, split.server, () => {
          running = true;
        })
  ).exitOverride();
  try {
    await program.parseAsync(isPin ? process.argv.filter((_, i) => i !== 2) : split.argv);
    await early?.discard();
  } catch (err) {
    await early?.discard();
    if (err instanceof CommanderError) {
      // --help and --version are successes; anything else is a usage error.
      exitAfterFlush(err.exitCode === 0 ? EXIT.OK : EXIT.USAGE);
      return;
    }
    if (err instanceof PolicyLoadError) {
      process.stderr.write(`mcp-aegis: ${describePolicyError(err)}\n${err.message}\n`);
      if (running) await answerStartupFailure(`${describePolicyError(err)}: ${err.message}`);
      exitAfterFlush(EXIT.USAGE);
      return;
    }
    if (
      err instanceof UsageError ||
      err instanceof LimitError ||
      err instanceof CommandLineError ||
      err instanceof PinFileError
    ) {
      process.stderr.write(`mcp-aegis: ${err.message}\n`);
      if (running) await answerStartupFailure(err.message);
      exitAfterFlush(EXIT.USAGE);
      return;
    }
    if (err instanceof CollectError) {
      process.stderr.write(
        `mcp-aegis ${isPin ? "pin" : (process.argv[2] ?? "")}: ${err.message}\n`,
      );
      exitAfterFlush(EXIT.FAILED);
      return;
    }
    process.stderr.write(
      `mcp-aegis: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    exitAfterFlush(EXIT.FAILED);
  }
}
