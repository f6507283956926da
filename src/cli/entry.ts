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

const early = startEarly();
// V8's young generation stays at its starting size (as with V8's --optimize-for-size): loading
// the code used to grow it to 8 MB and load doubled it again, so a shim streaming messages
// grew to 100-116 MB where it now stays near 70 (300,000-message soak, same run, same rate).
// Set before loading rather than after: 5 MB less at idle and at the 64 MB argument's peak
// (2.96-2.98x the message against 3.00-3.08x), for about 4 ms of start-up in three
// interleaved runs of 15 (it was ~17 ms when the bundle was larger). A node flag the user
// gives wins.
if (!/semi-space/.test(`${process.env.NODE_OPTIONS ?? ""} ${process.execArgv.join(" ")}`))
  setFlagsFromString("--semi-space-growth-factor=1");
const { main } = await import("./main.js");
await main(early);
