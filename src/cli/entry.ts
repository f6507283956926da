/**
 * The CLI's entry, kept tiny: start-up time is the client's initialize timer. For a plain
 * stdio run it starts the MCP server first, then loads the CLI (commander, policy, checks:
 * about a megabyte of code to compile), so the server boots meanwhile; the client's bytes
 * wait unread until the checks are ready. Everything else loads the CLI straight away.
 */
import { splitCommandLine } from "../transport/command.js";
import { parseEarlyRun } from "./early-argv.js";
import { EarlyServer } from "./early-server.js";
import { childEnv } from "./env.js";

/** The server of a plain stdio run, started now; undefined for anything else. */
function startEarly(): EarlyServer | undefined {
  // Windows needs execa's resolution of `npx.cmd` and friends: no early start there.
  if (process.platform === "win32") return undefined;
  const run = parseEarlyRun(process.argv.slice(2));
  if (run === undefined) return undefined;
  try {
    const argv = "argv" in run ? run.argv : splitCommandLine(run.target);
    return new EarlyServer(argv, childEnv(process.env));
  } catch {
    // A --target the normal path will refuse, or arguments spawn cannot take: the normal
    // path tries again and reports it.
    return undefined;
  }
}

const early = startEarly();
const { main } = await import("./main.js");
await main(early);
