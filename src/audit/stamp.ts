import type { AuditSink, DecisionRecord, ResponseRecord } from "./audit.js";

/**
 * An audit sink that adds fixed fields to every record (e.g. `transport: "http"`), so
 * both modes' records say where they came from without each writer knowing.
 */
export function stampAudit(base: AuditSink, fields: Readonly<Record<string, string>>): AuditSink {
  return {
    decision(record: DecisionRecord) {
      base.decision({ ...record, ...fields });
    },
    response(record: ResponseRecord) {
      base.response({ ...record, ...fields });
    },
    flush: () => base.flush(),
  };
}
