import { PassThrough, Writable } from "node:stream";
import type { SessionDefences } from "../../gateway/types.js";
import type { PolicyCheckCommon } from "../../pipeline/checks/policy-report.js";
import type { Check } from "../../pipeline/types.js";
import type { PolicyEngine } from "../../policy/types.js";
import { LineDecoder } from "../../protocol/framing.js";
import { idKeyFromRaw } from "../../protocol/jsonrpc.js";
import { scanMessage } from "../../protocol/scan.js";
import { StdioBridge } from "../stdio.js";
import type { Channel, ChannelContext, MessageInfo } from "./channel.js";
import type { ClientSink } from "./sink.js";

/** The stdio server each HTTP session gets a child of. */
export interface ChildCommand {
  command: string;
  args?: readonly string[];
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface ChildChannelOptions {
  policyEngine: PolicyEngine;
  checks: readonly Check[];
  serverChecks: readonly Check[];
  policy?: PolicyCheckCommon;
  serverName?: string;
  /** The gateway's defences for this session (run by the child's bridge, as in stdio mode). */
  defences?: SessionDefences;
}

const CR_OR_LF = /[\r\n]/g;

/**
 * An MCP session served by a stdio child of its own, run by the stdio shim's machinery
 * (StdioBridge: spawn, checks, reaping, escalation). The child speaks one stream, so its
 * messages are routed back by content: a response to the POST that carried its request,
 * progress to the POST whose request named the token, anything else to the GET stream
 * (or, when none is open, the most recent POST still streaming).
 */
export class ChildChannel implements Channel {
  readonly #c: ChannelContext;
  readonly #input = new PassThrough();
  readonly #byId = new Map<string, ClientSink>();
  readonly #byProgress = new Map<string, ClientSink>();
  readonly #streams = new Set<ClientSink>();
  readonly #done: Promise<number>;
  #listener: ClientSink | undefined;
  #closed = false;

  constructor(c: ChannelContext, child: ChildCommand, o: ChildChannelOptions) {
    this.#c = c;
    const decoder = new LineDecoder(c.context.limits.maxLineBytes);
    const output = new Writable({
      write: (chunk: Buffer, _enc, callback) => {
        const waits: Promise<void>[] = [];
        for (const line of decoder.push(chunk)) {
          if (line.kind !== "line") continue; // the bridge only writes lines within the limit
          const sink = this.#route(line.bytes);
          if (sink) waits.push(sink.drain());
        }
        // Backpressure: the bridge pauses the child until slow clients have taken their share.
        Promise.all(waits).then(() => callback(), callback);
      },
    });
    const principal = c.context.principal;
    const bridge = new StdioBridge({
      command: child.command,
      ...(child.args ? { args: child.args } : {}),
      ...(child.env ? { env: child.env } : {}),
      ...(child.cwd ? { cwd: child.cwd } : {}),
      policyEngine: o.policyEngine,
      authenticator: { authenticate: () => principal },
      limits: c.context.limits,
      checks: o.checks,
      serverChecks: o.serverChecks,
      logger: c.logger,
      audit: c.audit,
      input: this.#input,
      output,
      forwardSignals: false,
      ...(o.policy !== undefined ? { policy: o.policy } : {}),
      ...(o.serverName !== undefined ? { serverName: o.serverName } : {}),
      ...(o.defences !== undefined ? { defences: o.defences } : {}),
    });
    this.#done = bridge.run().then(
      (code) => code,
      (err: unknown) => {
        c.logger.error({ err, session: c.sessionId }, "session child failed");
        return 1;
      },
    );
    void this.#done.then((code) => {
      this.#closed = true;
      c.logger.info({ session: c.sessionId, code }, "session child exited");
      for (const s of this.#streams) s.end();
      this.#listener?.end();
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Resolves with the child's exit code. */
  get exited(): Promise<number> {
    return this.#done;
  }

  #route(line: Buffer): ClientSink | undefined {
    const scan = scanMessage(line);
    if (scan.method === undefined && scan.rawId !== undefined) {
      const key = idKeyFromRaw(scan.rawId);
      const sink = this.#byId.get(key);
      if (sink) {
        this.#byId.delete(key);
        for (const [token, s] of this.#byProgress) if (s === sink) this.#byProgress.delete(token);
        this.#streams.delete(sink);
        sink.send(line, { final: true });
        return sink;
      }
      // Its POST is gone (the client left): a response belongs to nobody else.
      this.#c.logger.debug(
        { session: this.#c.sessionId, id: scan.rawId },
        "response for a closed request dropped",
      );
      return undefined;
    }
    if (scan.method === "notifications/progress") {
      const token = progressTokenOf(line);
      const sink = token === undefined ? undefined : this.#byProgress.get(token);
      if (sink && !sink.closed) {
        sink.send(line);
        return sink;
      }
    }
    const target = this.#listener && !this.#listener.closed ? this.#listener : this.#latestStream();
    if (!target) {
      this.#c.logger.debug(
        { session: this.#c.sessionId, method: scan.method },
        "no open stream for a server message; dropped",
      );
      return undefined;
    }
    target.send(line);
    return target;
  }

  #latestStream(): ClientSink | undefined {
    let last: ClientSink | undefined;
    for (const s of this.#streams) if (!s.closed) last = s;
    return last;
  }

  async post(body: Buffer, sink: ClientSink, info: MessageInfo): Promise<void> {
    if (this.#closed) {
      sink.fail(404, JSON.stringify({ error: "session_ended" }));
      return;
    }
    if (info.kind === "request" && info.rawId !== undefined) {
      const key = idKeyFromRaw(info.rawId);
      this.#byId.set(key, sink);
      this.#streams.add(sink);
      if (info.progressToken !== undefined) this.#byProgress.set(info.progressToken, sink);
      const token = info.progressToken;
      sink.onClose(() => {
        this.#streams.delete(sink);
        if (this.#byId.get(key) === sink) this.#byId.delete(key);
        if (token !== undefined && this.#byProgress.get(token) === sink)
          this.#byProgress.delete(token);
      });
    }
    // Valid JSON has no raw line breaks except as whitespace: make it one line for the child.
    const line =
      body.includes(10) || body.includes(13)
        ? Buffer.from(body.toString("utf8").replace(CR_OR_LF, " "))
        : body;
    this.#input.write(line);
    this.#input.write("\n");
    if (info.kind !== "request") sink.accepted();
  }

  notify(line: string): void {
    const target = this.#listener && !this.#listener.closed ? this.#listener : this.#latestStream();
    target?.send(line);
  }

  async listen(sink: ClientSink): Promise<void> {
    if (this.#listener && !this.#listener.closed) {
      // One server stream per session (spec: the server must not send a message on several streams).
      sink.fail(
        409,
        JSON.stringify({ error: "conflict", error_description: "a server stream is already open" }),
      );
      return;
    }
    this.#listener = sink;
    sink.startStream();
    await new Promise<void>((resolve) => sink.onClose(resolve));
  }

  async terminate(): Promise<number> {
    // Answer now; the bridge reaps the child in the background (EOF, grace, SIGTERM, SIGKILL).
    if (!this.#input.writableEnded) this.#input.end();
    return 200;
  }

  async close(): Promise<void> {
    // Client EOF for the bridge: it ends the child's stdin, then escalates if the child stays.
    if (!this.#input.writableEnded) this.#input.end();
    await this.#done;
  }
}

/** The progress token of a notifications/progress line, as an id-like key. */
function progressTokenOf(line: Buffer): string | undefined {
  try {
    const token = (JSON.parse(line.toString("utf8")) as { params?: { progressToken?: unknown } })
      .params?.progressToken;
    return typeof token === "string" || typeof token === "number"
      ? JSON.stringify(token)
      : undefined;
  } catch {
    return undefined;
  }
}
