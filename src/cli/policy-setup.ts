import type { Logger } from "../audit/logger.js";
import type { Limits } from "../config/limits.js";
import { listFilterCheck } from "../pipeline/checks/list-filter.js";
import { sanitizeCheck } from "../pipeline/checks/sanitize.js";
import { serverRequestCheck } from "../pipeline/checks/server-requests.js";
import type { Check } from "../pipeline/types.js";
import { PolicyStore } from "../policy/store.js";
import { DEFAULT_SANITIZER_CONFIG } from "../sanitizer/config.js";

/** Sent to clients after a policy reload so they fetch the (re-filtered) tool list. */
export const TOOLS_LIST_CHANGED = '{"jsonrpc":"2.0","method":"notifications/tools/list_changed"}';

/**
 * Reads the policy (refused at start with file:line:col when invalid) into a store that
 * hot reload updates, and warns when monitor mode is on. Shared by stdio and HTTP mode.
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
 * swaps its settings too), or undefined with --no-sanitizer. Warns loudly when it is off.
 * `followMonitor` makes the policy's monitor mode apply to the sanitizer as well.
 */
export function sanitizerFor(
  policy: PolicyStore,
  o: { sanitizer?: boolean },
  logger: Logger,
  followMonitor: boolean,
): Check | undefined {
  const getConfig = () => policy.document.sanitizer ?? DEFAULT_SANITIZER_CONFIG;
  if (o.sanitizer === false || !getConfig().enabled) {
    logger.warn(
      { by: o.sanitizer === false ? "--no-sanitizer" : "policy sanitizer.enabled: false" },
      "ARGUMENT SANITIZER IS OFF: tool arguments reach the server unchecked",
    );
  }
  if (o.sanitizer === false) return undefined;
  return sanitizeCheck({
    getConfig,
    ...(followMonitor ? { monitor: () => policy.monitor } : {}),
    onMonitor: (f, tool) =>
      logger.warn(
        { tool, rule: f.rule, path: f.path, value: f.excerpt },
        "sanitizer rule matched (monitor only, call forwarded)",
      ),
  });
}

/** The policy's server → client checks: list filtering, then server-request gating. */
export function policyServerChecks(policy: PolicyStore, logger: Logger): Check[] {
  const monitor = () => policy.monitor;
  return [
    listFilterCheck({ engine: policy, monitor, logger }),
    serverRequestCheck({ engine: policy, monitor, logger }),
  ];
}
