import type { FieldKind } from "./kinds.js";
import type { RuleId, RuleMode } from "./rules.js";

/**
 * Receives each rule that matched (and, for the shell rules, the offending part of the
 * value); returns true to stop scanning this value.
 */
export type Report = (rule: RuleId, part?: string) => boolean;

/** One rule that matched one value or key. */
export interface Finding {
  readonly rule: RuleId;
  /** JSON path of the value (`$.files[0].path`); for a key, the path of the key itself. */
  readonly path: string;
  /** The match was on an object key, not a value. */
  readonly inKey: boolean;
  readonly kind: FieldKind;
  /** The start of the offending string, escaped and truncated: safe to log. */
  readonly excerpt: string;
  readonly mode: Exclude<RuleMode, "off">;
}

export interface ScanOptions {
  tool?: string;
  /** The tool's definition from tools/list (its `inputSchema` guides field kinds). */
  toolDefinition?: Readonly<Record<string, unknown>>;
  /** Max bytes of non-free-text strings scanned per call; beyond it the call is refused. */
  maxScanBytes: number;
  /** Max bytes of any one string; beyond it the call is refused. */
  maxValueBytes: number;
  /** Explain mode: every finding goes here and the scan does not stop at the first block. */
  collect?: Finding[];
  /** Explain mode: told the kind of every string value and why it was chosen. */
  onKind?: (path: string, kind: FieldKind, reason: string) => void;
}

export interface ScanResult {
  /** The first finding of a rule in block mode: the call must be refused. */
  readonly blocked?: Finding;
  /** Findings of rules in monitor mode (logged, not refused). */
  readonly monitored: readonly Finding[];
  /** Bytes of string data the rules looked at. */
  readonly scannedBytes: number;
  /**
   * Set when a command value was met before the bash parser finished loading: the scan
   * stopped there, and must be run again once this settles (the sanitize check does).
   */
  readonly pendingParser?: Promise<void>;
}
