import { randomUUID } from "node:crypto";
import type { AuditSink, DecisionRecord, ResponseRecord } from "../../audit/audit.js";
import type { Principal } from "../../pipeline/types.js";
import type { Channel } from "./channel.js";

/** One MCP session behind the proxy, bound to the subject of the token that created it. */
export interface SessionRecord {
  /** The id the client carries in Mcp-Session-Id (minted here; the upstream's stays inside). */
  readonly id: string;
  /** The token subject that owns the session; another subject gets 404. */
  readonly subject: string;
  /** The caller's identity from the latest request (a refreshed token may change roles). */
  principal: Principal;
  channel: Channel;
  lastSeen: number;
  /** Open client requests and streams: an idle sweep never ends a busy session. */
  active: number;
  /** Stops following policy reloads (set when the session's defences follow them). */
  unfollow?: () => void;
  /** The legacy HTTP+SSE stream, for sessions opened with GET /sse. */
  legacy?: import("./sink.js").StreamSink;
}

/** Audit records of one session carry its id and the token's client id (never the token). */
export function sessionAudit(
  base: AuditSink,
  sessionId: string,
  principal: () => Principal,
): AuditSink {
  const extra = () => {
    const clientId = principal().attributes?.clientId;
    return clientId === undefined ? { session: sessionId } : { session: sessionId, clientId };
  };
  return {
    decision(record: DecisionRecord) {
      const r: DecisionRecord = { ...record, ...extra() };
      base.decision(r);
    },
    response(record: ResponseRecord) {
      const r: ResponseRecord = { ...record, ...extra() };
      base.response(r);
    },
    flush: () => base.flush(),
  };
}

/** Sessions by id, with a cap and an idle sweep. */
export class SessionRegistry {
  readonly #sessions = new Map<string, SessionRecord>();
  readonly #max: number;

  constructor(maxSessions: number) {
    this.#max = maxSessions;
  }

  get size(): number {
    return this.#sessions.size;
  }

  get full(): boolean {
    return this.#sessions.size >= this.#max;
  }

  newId(): string {
    return randomUUID();
  }

  add(record: SessionRecord): void {
    this.#sessions.set(record.id, record);
  }

  /** The session, if it exists and belongs to `subject` (else undefined: the caller answers 404). */
  find(id: string, subject: string): SessionRecord | "not-owner" | undefined {
    const r = this.#sessions.get(id);
    if (!r) return undefined;
    return r.subject === subject ? r : "not-owner";
  }

  delete(id: string): SessionRecord | undefined {
    const r = this.#sessions.get(id);
    this.#sessions.delete(id);
    return r;
  }

  /** Sessions idle for longer than `idleMs` with nothing open. */
  idle(now: number, idleMs: number): SessionRecord[] {
    return [...this.#sessions.values()].filter(
      (r) => r.active === 0 && (now - r.lastSeen > idleMs || r.channel.closed),
    );
  }

  all(): SessionRecord[] {
    return [...this.#sessions.values()];
  }
}
