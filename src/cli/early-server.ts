import { type ChildProcess, spawn } from "node:child_process";
import type { ServerExit, ServerProcess } from "../transport/server-process.js";

/** Signals relayed to the server before the bridge runs; SIGHUP (policy reload) is not. */
const RELAYED = ["SIGINT", "SIGTERM"] as const;

/**
 * The MCP server, started by the CLI before it loads its checks so that the server boots
 * while the shim does (node:child_process: execa alone takes longer to load than a small
 * server takes to start). POSIX only: Windows needs execa's resolution of `npx.cmd`.
 *
 * Until a bridge adopts it: nobody reads the client's stdin nor the server's stdout, so
 * what either sends waits in its pipe (bounded: the writer blocks) and then goes through
 * every check; SIGINT and SIGTERM are relayed to the server; SIGHUP is ignored (no policy
 * is loaded yet to reload); and if this process exits, the server gets SIGKILL (it never
 * saw a client byte). Once adopted, an exit sends SIGTERM, as execa's `cleanup` does.
 */
export class EarlyServer implements ServerProcess {
  /** The command line it was started with (executable first). */
  readonly argv: readonly string[];
  readonly stdin: ChildProcess["stdin"] & {};
  readonly stdout: ChildProcess["stdout"] & {};
  readonly exited: Promise<ServerExit>;
  readonly #child: ChildProcess;
  #adopted = false;
  #discarded = false;
  #running = true;
  #relayed: NodeJS.Signals | undefined;
  readonly #onSignal = (signal: NodeJS.Signals) => {
    if (signal === "SIGHUP") return;
    this.#relayed = signal;
    this.kill(signal);
  };
  // A 'readable' listener keeps stdout's data buffered even through the resume() that
  // Node applies to the unread pipes of a child that exits (flushStdio): without it, what
  // a server wrote just before exiting would be thrown away before the bridge reads it.
  readonly #hold = () => {};
  readonly #onExit = () => {
    if (this.#running) this.kill(this.#adopted ? "SIGTERM" : "SIGKILL");
  };

  /** Starts `argv` with `env`; throws only on arguments spawn cannot take (a NUL byte). */
  constructor(argv: readonly string[], env: NodeJS.ProcessEnv) {
    const [command, ...args] = argv;
    if (command === undefined || command === "") throw new TypeError("no command to start");
    this.argv = [...argv];
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "inherit"], env });
    this.#child = child;
    this.stdin = child.stdin as EarlyServer["stdin"];
    this.stdout = child.stdout as EarlyServer["stdout"];
    this.stdout.on("readable", this.#hold);
    this.exited = new Promise<ServerExit>((resolve) => {
      const settle = (exit: ServerExit) => {
        this.#running = false;
        process.off("exit", this.#onExit);
        resolve(exit);
      };
      child.once("exit", (code, signal) =>
        settle(signal !== null ? { signal } : { exitCode: code ?? 1 }),
      );
      // Without a pid it never started; other errors (a failed kill) change nothing.
      child.on("error", (err) => {
        if (child.pid === undefined) settle({ startError: err.message });
      });
    });
    process.on("exit", this.#onExit);
    for (const s of [...RELAYED, "SIGHUP"] as const) process.on(s, this.#onSignal);
  }

  kill(signal: NodeJS.Signals): void {
    if (this.#running) this.#child.kill(signal);
  }

  /** The bridge takes over signals; returns the one already relayed, if any. */
  adopt(): NodeJS.Signals | undefined {
    if (this.#adopted || this.#discarded) throw new Error("the early server is already taken");
    this.#adopted = true;
    // The bridge's 'data' listener takes over: with no 'readable' listener left, it flows.
    this.stdout.off("readable", this.#hold);
    this.#releaseSignals();
    return this.#relayed;
  }

  /** Kills a server no bridge will take (the start was refused) and waits until it is gone. */
  async discard(): Promise<void> {
    if (this.#adopted) return;
    this.#discarded = true;
    this.#releaseSignals();
    this.kill("SIGKILL");
    await this.exited;
  }

  #releaseSignals(): void {
    for (const s of [...RELAYED, "SIGHUP"] as const) process.off(s, this.#onSignal);
  }
}
