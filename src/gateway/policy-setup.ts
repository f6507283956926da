import type { AuditSink } from "../audit/audit.js";
import type { Logger } from "../audit/logger.js";
import type { Limits } from "../config/limits.js";
import { parserPreloadCheck } from "../pipeline/checks/parser-preload.js";
import { reportWouldBlock } from "../pipeline/checks/policy-report.js";
import { sanitizeCheck } from "../pipeline/checks/sanitize.js";
import { sanitizerSource } from "../pipeline/checks/sanitizer-source.js";
import type { Check } from "../pipeline/types.js";
import { PolicyStore } from "../policy/store.js";
import { DEFAULT_SANITIZER_CONFIG } from "../sanitizer/config.js";

/**
 * Reads the policy (refused at start with file:line:col when invalid) into a store that
 * hot reload updates, and warns when monitor mode is on.
 */
export function loadPolicyStore(
  o: { policy: string; monitor?: boolean },
  limits: Readonly<Limits>,
  logger: Logger,
): PolicyStore {
  const policy = PolicyStore.fromFile(o.policy, {
    maxBytes: limits.maxPolicyFileBytes,
    ...(o.monitor ? { monitor: true } : {}),
  });
  if (policy.monitor)
    logger.warn("monitor mode: the policy logs what it would block and forwards it");
  return policy;
}

/**
 * The sanitizer check configured from the policy store (read per call, so a hot reload
 * swaps its settings too), with its server-side companion that loads the bash parser when
 * a listed tool needs it; undefined with --no-sanitizer. Warns loudly when it is off.
 * The policy's monitor mode applies to the sanitizer as well, in every mode.
 */
export function sanitizerFor(
  policy: PolicyStore,
  o: { sanitizer?: boolean },
  logger: Logger,
  audit?: AuditSink,
): { check: Check; preload: Check } | undefined {
  const getConfig = () => policy.document.sanitizer ?? DEFAULT_SANITIZER_CONFIG;
  if (o.sanitizer === false || !getConfig().enabled) {
    logger.warn(
      { by: o.sanitizer === false ? "--no-sanitizer" : "policy sanitizer.enabled: false" },
      "ARGUMENT SANITIZER IS OFF: tool arguments reach the server unchecked",
    );
  }
  if (o.sanitizer === false) return undefined;
  const source = sanitizerSource(getConfig);
  const check = sanitizeCheck({
    getConfig,
    source,
    monitor: () => policy.monitor,
    // A would-block row per finding: the value's excerpt goes to stderr only, never the audit file.
    onMonitor: (f, tool, frame, ctx) =>
      reportWouldBlock({ logger, audit }, frame, ctx, {
        check: "sanitizer",
        rule: f.rule,
        reason: `argument ${f.path} of tool "${tool ?? "?"}" matches sanitizer rule ${f.rule} (monitor only, call forwarded)`,
        extra: { path: f.path },
      }),
  });
  return { check, preload: parserPreloadCheck({ sanitizer: source }) };
}
