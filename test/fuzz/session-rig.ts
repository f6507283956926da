import { Writable } from "node:stream";
import { pino } from "pino";
import { NULL_AUDIT } from "../../src/audit/audit.js";
import type { Logger } from "../../src/audit/logger.js";
import { getLimits, type Limits, resolveLimits } from "../../src/config/limits.js";
import { compose } from "../../src/pipeline/compose.js";
import { clientChecks, serverChecks } from "../../src/pipeline/default-checks.js";
import type { Check, Context } from "../../src/pipeline/types.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { LineDecoder } from "../../src/protocol/framing.js";
import { Session } from "../../src/session/session.js";

const POLICY = `
version: "1"
defaults: { effect: deny }
principals:
  tester:
    tools:
      - pattern: "echo"
        actions: [read, execute]
`;

/** A pino logger whose records land in an array (level as number, msg, fields). */
export function captureLogger(): { logger: Logger; records: Array<Record<string, unknown>> } {
  const records: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split("\n")) if (line) records.push(JSON.parse(line));
      cb();
    },
  });
  return { logger: pino({ level: "debug" }, stream), records };
}

export interface Rig {
  session: Session;
  clientDecoder: LineDecoder;
  serverDecoder: LineDecoder;
  /** Lines the shim wrote to the client. */
  toClient: string[];
  /** Lines the shim wrote to the server. */
  toServer: string[];
  records: Array<Record<string, unknown>>;
  limits: Limits;
  /** Feeds raw bytes from the client. */
  clientBytes(chunk: Buffer): void;
  serverBytes(chunk: Buffer): void;
}

/**
 * A whole session with the real default pipelines, in memory. With `answer`, a fake server
 * answers every request it receives with an empty result (echoing the id token).
 */
export function sessionRig(
  options: { limits?: Partial<Limits>; answer?: boolean; extra?: Check[] } = {},
): Rig {
  const limits = resolveLimits(getLimits(), options.limits ?? {});
  const policyEngine = YamlPolicyEngine.fromString(POLICY);
  const { logger, records } = captureLogger();
  const toClient: string[] = [];
  const toServer: string[] = [];
  const context: Context = {
    principal: { id: "tester", roles: new Set() },
    limits,
    now: () => Date.now(),
    tools: new Map(),
  };
  const serverDecoder = new LineDecoder(limits.maxLineBytes);
  const clientDecoder = new LineDecoder(limits.maxLineBytes);
  const session: Session = new Session({
    clientPipeline: compose(clientChecks({ limits, policyEngine, extra: options.extra ?? [] })),
    serverPipeline: compose(serverChecks({ limits })),
    context,
    logger,
    audit: NULL_AUDIT,
    output: {
      toClient: (line) => {
        toClient.push(line.toString());
      },
      toServer: (line) => {
        const text = line.toString();
        toServer.push(text);
        if (!options.answer) return;
        const msg = JSON.parse(text) as { id?: unknown; method?: unknown };
        if (msg.id !== undefined && typeof msg.method === "string") {
          const reply = `{"jsonrpc":"2.0","id":${JSON.stringify(msg.id)},"result":{}}`;
          queueMicrotask(() => session.fromServer({ kind: "line", bytes: Buffer.from(reply) }));
        }
      },
    },
  });
  return {
    session,
    clientDecoder,
    serverDecoder,
    toClient,
    toServer,
    records,
    limits,
    clientBytes(chunk) {
      for (const line of clientDecoder.push(chunk)) session.fromClient(line);
    },
    serverBytes(chunk) {
      for (const line of serverDecoder.push(chunk)) session.fromServer(line);
    },
  };
}

/** Errors the session logged as internal (a throw escaped a check or the router). */
export function internalErrors(records: Array<Record<string, unknown>>): unknown[] {
  return records.filter((r) => (r.level as number) >= 50);
}
