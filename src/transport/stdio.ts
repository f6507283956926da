import { finished, type Readable, type Writable } from "node:stream";
import { type AuditSink, NULL_AUDIT } from "../audit/audit.js";
import { createLogger, type Logger } from "../audit/logger.js";
import { LocalAuthenticator } from "../auth/local.js";
import type { Authenticator } from "../auth/types.js";
import { getLimits, type Limits, resolveLimits } from "../config/limits.js";
import type { SessionDefences } from "../gateway/types.js";
import type { PolicyCheckCommon } from "../pipeline/checks/policy-report.js";
import { compose } from "../pipeline/compose.js";
import { clientChecks, serverChecks } from "../pipeline/default-checks.js";
import type { Check, Context, Principal } from "../pipeline/types.js";
import type { PolicyEngine } from "../policy/types.js";
import { GROWABLE_FROM_BYTES, LineDecoder } from "../protocol/framing.js";
import { GrowableBuffer } from "../protocol/growable-buffer.js";
import { Session } from "../session/session.js";
import { LineWriter } from "./line-writer.js";
import type { ServerExit, ServerProcess } from "./server-process.js";
import { openStdin } from "./stdin.js";

export interface StdioBridgeOptions {
  /** The MCP server to run: executable and arguments (no shell). */
  command: string;
  args?: readonly string[];
  /**
   * The server, already started (the CLI starts it while it loads the checks): the bridge
   * drives it instead of spawning `command`, which then only names it in logs. Nothing it
   * wrote and nothing the client sent may have been read before `run()`.
   */
  server?: ServerProcess;
  policyEngine: PolicyEngine;
  /** Who the agent acts as; default: LocalAuthenticator("local-user"). */
  authenticator?: Authenticator;
  /** Namespace of this server's tools in policy patterns. */
  serverName?: string;
  /** Overrides on top of getLimits() (defaults, environment, configureLimits()). */
  limits?: Partial<Limits>;
  /** Extra client → server checks after policy (sanitizer, rate limiter), in order. */
  checks?: readonly Check[];
  /** Extra server → client checks after size and depth. */
  serverChecks?: readonly Check[];
  logger?: Logger;
  audit?: AuditSink;
  /** Environment of the server; default: this process's environment. */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** The client side; default: stdin (see openStdin) / process.stdout. */
  input?: Readable;
  output?: Writable;
  /** Relay SIGINT, SIGTERM and SIGHUP to the server (default true). */
  forwardSignals?: boolean;
  /** Signals the shim handles itself and does not relay (SIGHUP when it reloads the policy). */
  keepSignals?: readonly NodeJS.Signals[];
  /** Monitor mode and its logger for the policy check. */
  policy?: PolicyCheckCommon;
  /** Called with the session once it exists, so the shim can originate messages. */
  onSession?: (session: Session) => void;
  /**
   * The gateway's defences for this session: their checks run after `checks` and
   * `serverChecks`, their policy options replace `policy`, and the session is bound to them.
   */
  defences?: SessionDefences;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

/**
 * The stdio shim: owns the MCP server's child process and pumps newline-delimited
 * JSON-RPC between the client (this process's stdin/stdout) and the child through the
 * checks. `run()` resolves with the exit code to use: the child's, or 128 + signal.
 *
 * @example
 * const bridge = new StdioBridge({ command: "npx", args: ["@modelcontextprotocol/server-memory"],
 *   policyEngine: YamlPolicyEngine.fromFile("policies/developer.yaml") });
 * process.exitCode = await bridge.run();
 */
/**
 * Waits (bounded) until the server has answered what the client sent before its EOF, so
 * that `printf '…' | mcp-aegis …` in a script gets its answers: many servers quit on EOF
 * without finishing requests in flight.
 */
async function waitForAnswers(session: Session, maxMs: number): Promise<void> {
  const deadline = Date.now() + maxMs;
  while (session.pendingCount > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** How long a shim whose server never started waits for the client's first request. */
const START_FAILURE_WAIT_MS = 3000;

/** Resolves once `done()` holds (polled), `input` ends, or START_FAILURE_WAIT_MS pass. */
function untilAnswered(done: () => boolean, input: Readable): Promise<void> {
  return new Promise((resolve) => {
    const deadline = Date.now() + START_FAILURE_WAIT_MS;
    const finish = () => {
      clearInterval(poll);
      input.off("end", finish);
      resolve();
    };
    const poll = setInterval(() => {
      if (done() || Date.now() >= deadline) finish();
    }, 10);
    if (input.readableEnded) finish();
    else input.once("end", finish);
  });
}

/**
 * Starts the server with execa (cross-spawn's resolution of `npx.cmd` on Windows), loaded
 * on first use: a CLI run that started its server early never loads it.
 */
async function spawnServer(o: StdioBridgeOptions): Promise<ServerProcess> {
  const { execa } = await import("execa");
  const child = execa(o.command, [...(o.args ?? [])], {
    stdin: "pipe",
    stdout: "pipe",
    stderr: "inherit",
    buffer: false,
    reject: false,
    env: o.env ?? process.env,
    extendEnv: false,
    cwd: o.cwd,
    // The shim escalates itself (stdin EOF → grace → SIGTERM → grace → SIGKILL).
    forceKillAfterDelay: false,
    // Kill the child if this process exits by any path, so there is never an orphan.
    cleanup: true,
    windowsHide: true,
  });
  const exited = child.then((r): ServerExit => {
    if (r.failed && r.exitCode === undefined && r.signal === undefined) {
      return { startError: r.originalMessage ?? r.shortMessage };
    }
    if (r.signal !== undefined) return { signal: r.signal };
    return { exitCode: r.exitCode ?? 1 };
  });
  return {
    stdin: child.stdin as Writable,
    stdout: child.stdout as Readable,
    exited,
    kill: (signal) => {
      child.kill(signal);
    },
  };
}

export class StdioBridge {
  readonly limits: Readonly<Limits>;
  readonly #o: StdioBridgeOptions;
  readonly #logger: Logger;
  readonly #audit: AuditSink;

  constructor(options: StdioBridgeOptions) {
    if (typeof options.command !== "string" || options.command === "") {
      throw new TypeError(
        `Expected the \`command\` option to be a non-empty string, got ${JSON.stringify(options.command)}`,
      );
    }
    this.#o = options;
    this.limits = resolveLimits(getLimits(), options.limits ?? {});
    this.#logger = options.logger ?? createLogger("info");
    this.#audit = options.audit ?? NULL_AUDIT;
  }

  async run(): Promise<number> {
    const o = this.#o;
    const logger = this.#logger;
    // The real stdin of a pipe is read in place (no chunk per read); a given input as a stream.
    const stdin = o.input ? undefined : openStdin();
    const input = o.input ?? stdin?.stream ?? process.stdin;
    const output = o.output ?? process.stdout;

    // Spawn first: the client's initialize timer is already running.
    const child = o.server ?? (await spawnServer(o));
    const childStdin = child.stdin;
    const childStdout = child.stdout;

    const principal: Principal = await (o.authenticator ?? new LocalAuthenticator()).authenticate(
      {},
    );
    const tools = new Map<string, Readonly<Record<string, unknown>>>();
    const context: Context = {
      principal,
      limits: this.limits,
      now: () => Date.now(),
      tools,
      ...(o.serverName !== undefined ? { serverName: o.serverName } : {}),
    };
    // Refusals answer the client's own lines, so a full client output holds the client too.
    const toClient = new LineWriter(output, [childStdout, input]);
    const toServer = new LineWriter(childStdin, input);
    let childGone = false;
    // Lines written to the client: a server that never started still answers its initialize.
    let answered = 0;
    const d = o.defences;
    const policy = d?.policy ?? o.policy;
    const session = new Session({
      clientPipeline: compose(
        clientChecks({
          limits: this.limits,
          policyEngine: o.policyEngine,
          extra: [...(o.checks ?? []), ...(d?.checks ?? [])],
          ...(policy ? { policy } : {}),
        }),
      ),
      serverPipeline: compose(
        serverChecks({
          limits: this.limits,
          extra: [...(o.serverChecks ?? []), ...(d?.serverChecks ?? [])],
        }),
      ),
      context,
      tools,
      logger,
      audit: this.#audit,
      output: {
        toClient: (line) => {
          answered += 1;
          toClient.write(line);
        },
        // A forwarded line is never read again: a long one's memory goes back once the
        // server has it, not at the next garbage collection.
        toServer: (line) => {
          if (childGone) return;
          if (
            typeof line !== "string" &&
            line.length >= GROWABLE_FROM_BYTES &&
            GrowableBuffer.owns(line)
          )
            toServer.write(line, () => GrowableBuffer.release(line));
          else toServer.write(line);
        },
      },
    });

    d?.bind(session);
    o.onSession?.(session);

    const clientDecoder = new LineDecoder(this.limits.maxLineBytes, undefined, {
      reusedChunks: stdin !== undefined,
    });
    const serverDecoder = new LineDecoder(this.limits.maxLineBytes);
    childStdout.on("data", (chunk: Buffer) => {
      for (const line of serverDecoder.push(chunk)) session.fromServer(line);
    });
    // finished() also settles for a stream that ended before run() (an early server).
    const childStdoutDone = new Promise<void>((resolve) => {
      finished(childStdout, () => resolve());
    });
    childStdin.on("error", (err) => logger.debug({ err }, "server stdin closed"));

    const onInput = (chunk: Buffer) => {
      for (const line of clientDecoder.push(chunk)) session.fromClient(line);
    };
    if (stdin) stdin.start(onInput);
    else input.on("data", onInput);

    // Client EOF: hand the server EOF, then escalate if it does not leave.
    let escalation: NodeJS.Timeout | undefined;
    const onInputEnd = () => {
      for (const line of clientDecoder.end()) session.fromClient(line);
      void session
        .idle()
        .then(() => waitForAnswers(session, this.limits.targetShutdownTimeoutMs))
        .then(() => {
          toServer.end();
          const grace = this.limits.targetShutdownTimeoutMs;
          escalation = setTimeout(() => {
            logger.info(
              { graceMs: grace },
              "server still running after stdin EOF; sending SIGTERM",
            );
            child.kill("SIGTERM");
            escalation = setTimeout(() => {
              logger.warn({ graceMs: grace }, "server ignored SIGTERM; sending SIGKILL");
              child.kill("SIGKILL");
            }, grace);
            escalation.unref();
          }, grace);
          escalation.unref();
        });
    };
    input.once("end", onInputEnd);
    output.on("error", (err) => {
      // The client went away (EPIPE): shut down as on EOF.
      logger.info({ err }, "client output closed");
      input.off("data", onInput);
      stdin?.stop();
      onInputEnd();
    });

    const signals =
      o.forwardSignals === false
        ? []
        : (["SIGINT", "SIGTERM", "SIGHUP"] as const).filter((s) => !o.keepSignals?.includes(s));
    // A server that ignores the signal must not outlive the shim.
    const escalate = (signal: NodeJS.Signals) => {
      if (signal === "SIGHUP" || escalation) return;
      escalation = setTimeout(() => {
        logger.warn(
          { signal, graceMs: this.limits.targetShutdownTimeoutMs },
          "server ignored the signal; sending SIGKILL",
        );
        child.kill("SIGKILL");
      }, this.limits.targetShutdownTimeoutMs);
      escalation.unref();
    };
    const relay = (signal: NodeJS.Signals) => {
      logger.info({ signal }, "relaying signal to the server");
      child.kill(signal);
      escalate(signal);
    };
    for (const s of signals) process.on(s, relay);
    // An early server's signal relay hands over only now: removing the last listener of a
    // signal would drop one that arrived but was not dispatched yet.
    const earlySignal = child.adopt?.();
    if (earlySignal) escalate(earlySignal);

    const result = await child.exited;
    childGone = true;
    await childStdoutDone;
    for (const line of serverDecoder.end()) session.fromServer(line);
    await session.idle();
    let code: number;
    if (result.startError !== undefined) code = 127;
    else if (result.signal) code = 128 + (SIGNAL_NUMBERS[result.signal] ?? 0);
    else code = result.exitCode ?? 1;
    const startFailure =
      result.startError === undefined
        ? undefined
        : `mcp-aegis could not start the MCP server "${o.command}": ${result.startError}`;
    session.failPending(startFailure ?? `the MCP server exited (code ${code})`);
    if (answered === 0) {
      // A server that never started, or died before answering anything, usually goes before
      // the client's initialize arrives: answer it (and any request) with what went wrong, so
      // the client shows it instead of "Connection closed". Bounded: until one answer, the
      // client's EOF, or START_FAILURE_WAIT_MS.
      await untilAnswered(() => answered > 0, input);
      await session.idle();
    }
    if (escalation) clearTimeout(escalation);
    for (const s of signals) process.off(s, relay);
    input.off("data", onInput);
    stdin?.stop();
    input.off("end", onInputEnd);
    // Never started (ENOENT, EACCES): say so on stderr; the client got error answers.
    if (startFailure !== undefined)
      logger.error({ command: o.command, reason: result.startError }, startFailure);
    logger.info({ code, signal: result.signal }, "MCP server exited");
    this.#audit.flush();
    await toClient.flush();
    return code;
  }
}
