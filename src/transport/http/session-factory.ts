import type { AuditSink } from "../../audit/audit.js";
import type { Logger } from "../../audit/logger.js";
import type { Limits } from "../../config/limits.js";
import type { SessionDefencesFactory } from "../../gateway/types.js";
import type { PolicyCheckCommon } from "../../pipeline/checks/policy-report.js";
import { compose } from "../../pipeline/compose.js";
import { clientChecks, serverChecks } from "../../pipeline/default-checks.js";
import type { Check, Context, Principal } from "../../pipeline/types.js";
import type { PolicyEngine } from "../../policy/types.js";
import type { ChannelContext } from "./channel.js";
import { ChildChannel, type ChildCommand } from "./child-channel.js";
import { HttpChannel } from "./http-channel.js";
import { type SessionRecord, sessionAudit } from "./registry.js";
import type { UpstreamClient } from "./upstream-client.js";

/** What every new session is built from (fixed when the proxy is built). */
export interface SessionDeps {
  limits: Readonly<Limits>;
  logger: Logger;
  audit: AuditSink;
  policyEngine: PolicyEngine;
  policy?: PolicyCheckCommon;
  serverName?: string;
  /** The checks after size, depth and policy given to the proxy itself. */
  extraChecks: readonly Check[];
  /** Extra server → client checks after size and depth given to the proxy itself. */
  extraServerChecks: readonly Check[];
  /** The gateway's per-session defences (after the ones above). */
  defences?: SessionDefencesFactory;
  upstream: UpstreamClient | ChildCommand;
}

/**
 * A new MCP session for `principal`: its context (which reads the latest principal of the
 * record, so a refreshed token's roles apply), its audit stamped with session and client
 * id, and its channel: an upstream relay or a stdio child of its own.
 */
export function createSession(id: string, principal: Principal, d: SessionDeps): SessionRecord {
  const tools = new Map<string, Readonly<Record<string, unknown>>>();
  // The channel is set below; the context reads the latest principal through the record.
  const record = {
    id,
    subject: principal.id,
    principal,
    lastSeen: Date.now(),
    active: 0,
  } as SessionRecord;
  const context: Context = {
    get principal() {
      return record.principal;
    },
    limits: d.limits,
    now: () => Date.now(),
    tools,
    ...(d.serverName !== undefined ? { serverName: d.serverName } : {}),
  };
  const set = d.defences?.();
  const policy = set?.policy ?? d.policy;
  const extra = [...d.extraChecks, ...(set?.checks ?? [])];
  const extraServer = [...d.extraServerChecks, ...(set?.serverChecks ?? [])];
  const c: ChannelContext = {
    sessionId: id,
    context,
    tools,
    // The whole chains, used in upstream mode (a child's bridge builds its own from `set`).
    clientPipeline: compose(
      clientChecks({
        limits: d.limits,
        policyEngine: d.policyEngine,
        extra,
        ...(policy !== undefined ? { policy } : {}),
      }),
    ),
    serverPipeline: compose(serverChecks({ limits: d.limits, extra: extraServer })),
    logger: d.logger.child({ session: id }),
    audit: sessionAudit(d.audit, id, () => record.principal),
  };
  if ("request" in d.upstream) {
    const channel = new HttpChannel(c, d.upstream, d.limits.maxHttpBodyBytes);
    // `ask` approvals go out on the stream of the POST that needs one.
    set?.bind(channel);
    record.channel = channel;
  } else {
    record.channel = new ChildChannel(c, d.upstream, {
      policyEngine: d.policyEngine,
      checks: d.extraChecks,
      serverChecks: d.extraServerChecks,
      ...(d.policy !== undefined ? { policy: d.policy } : {}),
      ...(d.serverName !== undefined ? { serverName: d.serverName } : {}),
      ...(set !== undefined ? { defences: set } : {}),
    });
  }
  // A reload tells this session which of its lists to fetch again.
  const unfollow = set?.onPolicyChange?.((line) => record.channel.notify(line));
  if (unfollow) record.unfollow = unfollow;
  return record;
}
