import type { Readable, Writable } from "node:stream";

/** How a server process ended. */
export interface ServerExit {
  /** Its exit code, when it exited by itself. */
  exitCode?: number;
  /** The signal that ended it. */
  signal?: NodeJS.Signals;
  /** Why it never started (ENOENT, EACCES): the spawn error's message. */
  startError?: string;
}

/**
 * An MCP server's child process as the stdio bridge drives it: stdin and stdout are the
 * protocol pipes (stderr is the server's own business), `exited` settles once it ended
 * or could not start, and never rejects.
 */
export interface ServerProcess {
  readonly stdin: Writable;
  readonly stdout: Readable;
  readonly exited: Promise<ServerExit>;
  kill(signal: NodeJS.Signals): void;
  /**
   * Called once when the bridge takes the process over (a process started before the
   * bridge existed), after the bridge installed its own signal handlers: returns the
   * signal already relayed to the server, if any, so the bridge escalates if the server
   * ignores it.
   */
  adopt?(): NodeJS.Signals | undefined;
}
