import type { AuditSink } from "../../audit/audit.js";
import type { Logger } from "../../audit/logger.js";
import type { Limits } from "../../config/limits.js";
import type { PolicyCheckCommon } from "../../pipeline/checks/policy-report.js";
import { compose } from "../../pipeline/compose.js";
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
  /** The whole client → server chain (upstream mode). */
  clientChecks: readonly Check[];
  /** The checks after size, depth and policy (a child's bridge adds those itself). */
  extraChecks: readonly Check[];
  /** Extra server → client checks after size and depth (child mode). */
  extraServerChecks: readonly Check[];
  /** The whole server → client chain (upstream mode). */
  serverChecks: readonly Check[];
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
  const c: ChannelContext = {
    sessionId: id,
    context,
    tools,
    clientPipeline: compose(d.clientChecks),
    serverPipeline: compose(d.serverChecks),
    logger: d.logger.child({ session: id }),
    audit: sessionAudit(d.audit, id, () => record.principal),
  };
  if ("request" in d.upstream) {
    record.channel = new HttpChannel(c, d.upstream, d.limits.maxHttpBodyBytes);
  } else {
    record.channel = new ChildChannel(c, d.upstream, {
      policyEngine: d.policyEngine,
      checks: d.extraChecks,
      serverChecks: d.extraServerChecks,
      ...(d.policy !== undefined ? { policy: d.policy } : {}),
      ...(d.serverName !== undefined ? { serverName: d.serverName } : {}),
    });
  }
  return record;
}
