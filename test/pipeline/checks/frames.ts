import { getLimits } from "../../../src/config/limits.js";
import type { Context, Direction, Frame, Principal } from "../../../src/pipeline/types.js";
import { readFrame } from "../../../src/session/read-frame.js";

export function frameOf(line: string, direction: Direction, inReplyTo?: { method: string }): Frame {
  const r = readFrame(Buffer.from(line), direction);
  if (!("frame" in r)) throw new Error(`not a frame: ${line}`);
  return inReplyTo ? { ...r.frame, inReplyTo } : r.frame;
}

export function ctxOf(principal: Principal, serverName?: string): Context {
  return {
    principal,
    limits: getLimits(),
    now: () => 0,
    tools: new Map(),
    ...(serverName !== undefined ? { serverName } : {}),
  };
}

/** A logger that records what it is given (monitor mode reports through it). */
export function recordingLogger() {
  const records: Array<{ level: string; obj: Record<string, unknown>; msg: string }> = [];
  const at =
    (level: string) =>
    (obj: Record<string, unknown> | string, msg = "") =>
      records.push(typeof obj === "string" ? { level, obj: {}, msg: obj } : { level, obj, msg });
  const logger = { warn: at("warn"), info: at("info"), debug: at("debug"), error: at("error") };
  return { records, logger: logger as unknown as import("../../../src/audit/logger.js").Logger };
}

/** An audit sink that keeps the decision rows it is given. */
export function recordingAudit() {
  const decisions: import("../../../src/audit/audit.js").DecisionRecord[] = [];
  return {
    decisions,
    decision: (r: (typeof decisions)[number]) => void decisions.push(r),
    response() {},
    flush() {},
  };
}
