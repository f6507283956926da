import { Command, Option } from "commander";
import { LOG_LEVELS } from "../audit/logger.js";
import { auditCommand } from "./commands/audit.js";
import { checkCommand } from "./commands/check.js";
import { explainCommand } from "./commands/explain.js";
import { initCommand } from "./commands/init.js";
import { testCommand } from "./commands/test.js";
import { verifyCommand } from "./commands/verify.js";
import { unwrapCommand, wrapCommand } from "./commands/wrap.js";
import type { EarlyServer } from "./early-server.js";
import { ignoredOptions } from "./mode-options.js";
import { commaList, positiveInt } from "./options.js";
import { type RunOptions, runShim, UsageError } from "./run.js";
import type { HttpRunOptions } from "./run-http.js";

declare const __VERSION__: string;

const VERSION = typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";

/** What bare `mcp-aegis` and `mcp-aegis help` print. */
export const SHORT_USAGE = `Usage: mcp-aegis --policy <file> [options] -- <server command> [args...]
       mcp-aegis <command> [options]
Commands: init, wrap, unwrap, audit, check, explain, test, verify, pin, version, help
Run "mcp-aegis --help" for every option, "mcp-aegis <command> --help" for one command.
`;

/** Commander's error and its "(Did you mean …?)" hint on one line. */
const ONE_LINE_ERRORS = {
  outputError: (text: string, write: (s: string) => void) =>
    write(`${text.trim().replace(/\s*\n\s*/g, " ")}\n`),
};

/**
 * Builds the commander program; `onExit` receives the exit code of the action. `early`
 * is a server already started for a stdio run (see entry.ts).
 */
export function buildProgram(
  onExit: (code: number) => void,
  early?: EarlyServer,
  /** The server command after `--`, taken out of argv before commander sees it (see main). */
  server?: string[],
  /** Called when the shim's own run starts (its start-up errors then also answer the client). */
  onRun?: () => void,
): Command {
  const program = new Command("mcp-aegis")
    .description(
      "Zero-trust security shim for MCP servers: every message passes size, depth and policy checks.",
    )
    .version(VERSION, "-V, --version")
    .usage('[options] --target "<command line>"\n       mcp-aegis [options] -- <command> [args...]')
    .option(
      "--target <command>",
      "command line of the MCP server (split like a shell, run without one)",
    )
    // Checked in runShim, not by commander: a required root option would be demanded of
    // the subcommands too.
    .option("--policy <file>", "YAML policy file (required)")
    .option(
      "--principal <name>",
      "local identity for policy evaluation (HTTP mode: only with --no-auth)",
      "local-user",
    )
    .option("--roles <a,b>", "comma-separated roles", commaList, [] as string[])
    .option(
      "--server-name <name>",
      'namespace of this server\'s tools in policy patterns (fs → "fs:read_file")',
    )
    .option("--max-line-size <bytes>", "max bytes of one JSON-RPC line", positiveInt)
    .option("--max-arg-size <bytes>", "max bytes of one tools/call argument value", positiveInt)
    .option("--max-depth <n>", "max nesting depth of a message", positiveInt)
    .option(
      "--max-args-total-size <bytes>",
      "max bytes of all tools/call arguments together",
      positiveInt,
    )
    .option(
      "--max-http-body-size <bytes>",
      "HTTP mode: max bytes of one HTTP request body",
      positiveInt,
    )
    .option(
      "--sanitizer-max-scan <bytes>",
      "max bytes the sanitizer scans in one message (beyond: refused)",
      positiveInt,
    )
    .option("--max-policy-file-size <bytes>", "max bytes of the policy file", positiveInt)
    .option(
      "--max-concurrent-requests <n>",
      "max requests in flight (beyond: error answers)",
      positiveInt,
    )
    .option(
      "--transport-timeout <ms>",
      "HTTP mode: deadline to read a request body and for the upstream to answer",
      positiveInt,
    )
    .option("--redis-timeout <ms>", "timeout of one Redis operation", positiveInt)
    .option(
      "--shutdown-grace <ms>",
      "grace after the server's stdin EOF before SIGTERM, and before SIGKILL (not with --upstream)",
      positiveInt,
    )
    .option("--audit-log <file>", "append one JSON line per decision to this file")
    .option("--no-sanitizer", "turn the argument sanitizer off (logged as a warning)")
    .option("--rate-limit <n>", "tool calls per minute per principal (burst n)", positiveInt)
    .option("--rate-burst <n>", "most calls back to back (default: --rate-limit)", positiveInt)
    .option("--redis-url <url>", "share rate-limit buckets through Redis (redis://host:port)")
    .option("--redis-fail-open", "if Redis fails, limit per process instead of refusing calls")
    .option(
      "--pin-file <file>",
      "pin tool definitions here (default with a pinning: section: beside the policy)",
    )
    .addOption(
      new Option("--log-level <level>", "stderr log level").choices(LOG_LEVELS).default("info"),
    )
    .addOption(new Option("--mode <mode>", "transport").choices(["stdio", "http"]).default("stdio"))
    .option("--monitor", "log what the policy would block, and forward it (roll-out)")
    .option(
      "--no-watch",
      "do not reload the policy when its file changes (SIGHUP still reloads it)",
    )
    .option("--listen <host:port>", "HTTP mode: address to listen on", "127.0.0.1:8443")
    .option("--upstream <url>", "HTTP mode: URL of a Streamable HTTP MCP server to protect")
    .option("--jwks-uri <url>", "HTTP mode: JWKS of the authorization server")
    .option("--jwks-file <path>", "HTTP mode: JWKS document on disk")
    .option("--issuer <iss>", "HTTP mode: expected token issuer")
    .option("--resource <url>", "HTTP mode: this proxy's canonical URL (the token audience)")
    .option(
      "--authorization-server <url>",
      "HTTP mode: authorization server for RFC 9728 metadata (repeatable; default: --issuer)",
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option("--roles-claim <claim>", "HTTP mode: token claim holding roles", "roles")
    .option(
      "--allowed-origins <a,b>",
      "HTTP mode: browser origins allowed besides loopback",
      commaList,
    )
    .option("--algorithms <a,b>", "HTTP mode: accepted JWT algorithms (default RS256)", commaList)
    .option(
      "--no-auth",
      "HTTP mode: no tokens; every caller is --principal (loopback only, logged)",
    )
    .argument("[command...]", "the MCP server command after --")
    .configureOutput(ONE_LINE_ERRORS)
    // Subcommands own their options: `explain --policy` is explain's, not the shim's.
    .enablePositionalOptions()
    .addCommand(initCommand(onExit))
    .addCommand(wrapCommand(onExit))
    .addCommand(unwrapCommand(onExit))
    .addCommand(auditCommand(onExit))
    .addCommand(checkCommand(onExit))
    .addCommand(explainCommand(onExit))
    .addCommand(testCommand(onExit))
    .addCommand(verifyCommand(onExit))
    .addCommand(
      // Parsed by its own program (main.ts); listed here so the help has one commands list.
      new Command("pin").description("pin a server's tool definitions (mcp-aegis pin --help)"),
    )
    .addCommand(
      new Command("version").description("print the version").action(() => {
        process.stdout.write(`${VERSION}\n`);
        onExit(0);
      }),
    )
    .action(async (command: string[], opts: RunOptions, cmd: Command) => {
      onRun?.();
      // An option the run would not honour is refused, never silently ignored.
      const given = cmd.options
        .filter((o) => cmd.getOptionValueSource(o.attributeName()) === "cli")
        .map((o) => ({ flag: o.long ?? o.flags, key: o.attributeName() }));
      const http = opts as Partial<HttpRunOptions>;
      const problems = ignoredOptions(given, {
        mode: opts.mode,
        upstream: http.upstream !== undefined,
        auth: http.auth !== false,
      });
      if (problems.length > 0) throw new UsageError(problems.join("; "));
      if (opts.mode === "http") {
        // Loaded only in HTTP mode, so stdio start-up never reads jose or the HTTP transport.
        const { runHttp } = await import("./run-http.js");
        onExit(await runHttp(opts as HttpRunOptions, server ?? command));
        return;
      }
      onExit(await runShim(opts, server ?? command, early));
    });
  for (const sub of program.commands) sub.configureOutput(ONE_LINE_ERRORS);
  return program;
}
