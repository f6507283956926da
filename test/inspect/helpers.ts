import type { AuditSink, DecisionRecord } from "../../src/audit/audit.js";
import { createLogger } from "../../src/audit/logger.js";
import { DEFAULT_LIMITS } from "../../src/config/limits.js";
import type { Context, Direction, Frame } from "../../src/pipeline/types.js";
import { readFrame } from "../../src/session/read-frame.js";

/** A frame from a message, as the session builds it (optionally answering a request). */
export function frameOf(
  message: unknown,
  direction: Direction,
  inReplyTo?: { method: string; tool?: string },
): Frame {
  const read = readFrame(Buffer.from(JSON.stringify(message)), direction);
  if (!("frame" in read)) throw new Error(`not a frame: ${read.kind}`);
  return inReplyTo ? { ...read.frame, inReplyTo } : read.frame;
}

export function contextOf(tools: Record<string, Record<string, unknown>> = {}): Context {
  return {
    principal: { id: "tester", roles: new Set(["dev"]) },
    limits: DEFAULT_LIMITS,
    now: () => 0,
    tools: new Map(Object.entries(tools)),
  };
}

/** A reporter that keeps audit records in memory and logs nowhere. */
export function memoryReporter(): {
  audit: AuditSink;
  logger: ReturnType<typeof createLogger>;
  records: DecisionRecord[];
} {
  const records: DecisionRecord[] = [];
  return {
    records,
    audit: { decision: (r) => records.push(r), response() {}, flush() {} },
    logger: createLogger("silent"),
  };
}

export function parsedOf(frame: Frame): Record<string, unknown> {
  return JSON.parse(frame.raw.toString("utf8")) as Record<string, unknown>;
}
