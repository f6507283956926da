/**
 * The CLI's entry, kept tiny: start-up time is the client's initialize timer. For a plain
 * stdio run it starts the MCP server first, then loads the CLI (commander, policy, checks:
 * about a megabyte of code to compile), so the server boots meanwhile; the client's bytes
 * wait unread until the checks are ready. Everything else loads the CLI straight away.
 */
import { setFlagsFromString } from "node:v8";
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

// Start-up (compiling a megabyte of code, building rule tables) keeps nearly everything it
// allocates, and V8 answers that by doubling the young generation to 8 MB, which the shim,
// idle most of its life, then holds: 72 MB resident instead of 61 (bench: idle RSS). Its
// messages leave little alive, so the young generation stays at its first size (as with
// V8's --optimize-for-size); CPU per message was unchanged within noise. A flag the user
// gives node wins.
if (!/semi-space/.test(`${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`))
  setFlagsFromString("--semi-space-growth-factor=1");

const early = startEarly();
const { main } = await import("./main.js");
await main(early);
