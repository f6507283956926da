import type { AuditSink } from "../../src/audit/audit.js";
import { getLimits } from "../../src/config/limits.js";
import { buildDefences } from "../../src/gateway/defences.js";
import { listFilterCheck } from "../../src/pipeline/checks/list-filter.js";
import { serverRequestCheck } from "../../src/pipeline/checks/server-requests.js";
import { compose } from "../../src/pipeline/compose.js";
import { clientChecks, serverChecks } from "../../src/pipeline/default-checks.js";
import type { Context } from "../../src/pipeline/types.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { Session } from "../../src/session/session.js";
import { captureLogger } from "./session-rig.js";

const POLICY = `version: "1"
defaults: { effect: deny }
principals:
  tester:
    tools:
      - { pattern: "echo", actions: [read, execute] }
      - { pattern: "list", actions: [read, execute] }
`;

/** Everything a session did that the client, the server, the audit log or the log could see. */
export interface Observed {
  toClient: string[];
  toServer: string[];
  audit: unknown[];
  log: unknown[];
}

/** Timing varies between two runs of the same thing: left out of what is compared. */
function untimed(record: object): Record<string, unknown> {
  const {
    durationMs: _d,
    rttMs: _r,
    time: _t,
    pid: _p,
    hostname: _h,
    ...rest
  } = record as Record<string, unknown>;
  return rest;
}

/**
 * A session with the defences the CLI builds from a policy without sections (content
 * inspection and credential redaction on, list filtering, server requests), in memory,
 * with the byte fast path on or off. Each call builds fresh state (quarantine, pins).
 */
export function fastPathSide(fastPath: boolean): {
  session: Session;
  seen: Observed;
  /** How many server messages went through the server pipeline (the fast path skips it). */
  serverRuns: () => number;
} {
  const limits = getLimits();
  const engine = YamlPolicyEngine.fromString(POLICY);
  const { logger, records } = captureLogger();
  const seen: Observed = { toClient: [], toServer: [], audit: [], log: records };
  const audit: AuditSink = {
    decision: (r) => seen.audit.push(untimed(r)),
    response: (r) => seen.audit.push(untimed(r)),
    flush: () => Promise.resolve(),
  };
  const defences = buildDefences({ sections: {}, argv: ["server"], audit, logger });
  const monitor = () => false;
  const context: Context = {
    principal: { id: "tester", roles: new Set() },
    limits,
    now: () => 0,
    tools: new Map(),
  };
  const serverPipeline = compose(
    serverChecks({
      limits,
      extra: [
        listFilterCheck({ engine, monitor, logger, audit }),
        serverRequestCheck({ engine, monitor, logger, audit }),
        ...defences.serverChecks,
      ],
    }),
  );
  let runs = 0;
  const counted: typeof serverPipeline = (frame, ctx) => {
    runs++;
    return serverPipeline(frame, ctx);
  };
  if (serverPipeline.passesClean) counted.passesClean = serverPipeline.passesClean;
  const session = new Session({
    clientPipeline: compose(
      clientChecks({ limits, policyEngine: engine, extra: defences.clientChecks }),
    ),
    serverPipeline: counted,
    context,
    tools: context.tools as Map<string, Readonly<Record<string, unknown>>>,
    logger,
    audit,
    output: {
      toClient: (l) => {
        seen.toClient.push(String(l));
      },
      toServer: (l) => {
        seen.toServer.push(String(l));
      },
    },
    fastPath,
  });
  return { session, seen, serverRuns: () => runs };
}

/** The log records without their timestamps and process fields. */
export function comparable(seen: Observed): Observed {
  return { ...seen, log: seen.log.map((r) => untimed(r as object)) };
}
