import type { Limits } from "../config/limits.js";
import type { PolicyEngine } from "../policy/types.js";
import { depthCheck } from "./checks/depth.js";
import { listDuplicatesCheck } from "./checks/list-duplicates.js";
import { policyCheck } from "./checks/policy.js";
import type { PolicyCheckCommon } from "./checks/policy-report.js";
import { sizeCheck } from "./checks/size.js";
import type { Check } from "./types.js";

function sizeOptions(l: Readonly<Limits>) {
  return {
    maxLineBytes: l.maxLineBytes,
    maxArgumentBytes: l.maxArgumentBytes,
    maxArgumentsTotalBytes: l.maxArgumentsTotalBytes,
  };
}

export interface DefaultChecksOptions {
  limits: Readonly<Limits>;
  policyEngine: PolicyEngine;
  /** Checks placed after policy, in order (the sanitizer, then the rate limiter). */
  extra?: readonly Check[];
  /** Monitor mode and its logger for the policy check. */
  policy?: PolicyCheckCommon;
}

/** The client → server pipeline: size, depth, policy, then any extra checks. */
export function clientChecks(o: DefaultChecksOptions): Check[] {
  return [
    sizeCheck(sizeOptions(o.limits)),
    depthCheck(o.limits),
    policyCheck({ ...o.policy, engine: o.policyEngine }),
    ...(o.extra ?? []),
  ];
}

/**
 * The server → client pipeline: the same bounds apply to what the server sends, and a list
 * naming one item twice is refused before any check (pinning, filtering) reads it.
 */
export function serverChecks(o: { limits: Readonly<Limits>; extra?: readonly Check[] }): Check[] {
  return [
    sizeCheck(sizeOptions(o.limits)),
    depthCheck(o.limits),
    listDuplicatesCheck(),
    ...(o.extra ?? []),
  ];
}
