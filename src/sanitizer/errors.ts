import { AegisError, ErrorCode } from "../protocol/errors.js";
import { RULES } from "./rules.js";
import type { Finding } from "./sanitizer.js";

/**
 * A tools/call refused by the sanitizer. The reason names the rule and the JSON path and
 * quotes only a truncated excerpt, so logs and the audit trail never hold the whole value.
 */
export class SanitizerBlockedError extends AegisError {
  override name = "SanitizerBlockedError";
  readonly finding: Finding;

  constructor(tool: string | undefined, finding: Finding) {
    const where = finding.inKey ? `key at ${finding.path}` : finding.path;
    super(ErrorCode.SanitizerBlocked, {
      check: "sanitizer",
      reason: `${tool === undefined ? "tool call" : `tool "${tool}"`}: rule ${finding.rule} matched ${where} (${finding.kind} field, value ${finding.excerpt}): ${RULES[finding.rule]}`,
      rule: finding.rule,
      path: finding.path,
      ...(finding.inKey ? { inKey: true } : {}),
    });
    this.finding = finding;
  }
}
