import type { AuditSink, DecisionRecord } from "../audit/audit.js";
import { NULL_AUDIT } from "../audit/audit.js";
import type { InspectionConfig } from "./config.js";
import type { Finding } from "./findings.js";
import type { FindingRecord, Reporter } from "./report.js";

/** What monitor mode turned from `block` into `log`/`warn`, as the policy configured it. */
export interface Softened {
  inspection: Pick<InspectionConfig, "ansi" | "invisible" | "injection" | "injectionInResults">;
  /** `secrets.arguments` was `block`. */
  secretArguments: boolean;
  /** `pinning.onChange` was `block`. */
  pinChanges: boolean;
}

/** Definitions (lists, server instructions) take `injection`; everything else `injectionInResults`. */
const DEFINITION_PATH = /^(?:tools|prompts|resources|resourceTemplates)\[|^instructions$/;

function wasBlock(f: Finding, s: Softened): boolean {
  if (f.action !== "log") return false;
  switch (f.kind) {
    case "ansi":
      return s.inspection.ansi === "block";
    case "invisible":
      return s.inspection.invisible === "block";
    case "injection":
      return DEFINITION_PATH.test(f.path)
        ? s.inspection.injection === "block"
        : s.inspection.injectionInResults === "block";
    case "secret":
      return s.secretArguments;
  }
}

/**
 * A reporter for the defences monitor mode softened: a row that only logged what the
 * policy, enforced, would have blocked becomes `"decision":"would-block"` with the rule
 * (`kind:rule` of each such finding, or `pinning.onChange`). Other rows pass unchanged.
 */
export function monitorReporter(r: Reporter, s: Softened): Reporter {
  if (r.audit === NULL_AUDIT) return r;
  const audit: AuditSink = {
    decision(record: DecisionRecord) {
      if (record.decision !== "allow") return r.audit.decision(record);
      const softened = ((record as FindingRecord).findings ?? []).filter((f) => wasBlock(f, s));
      const pinChange = s.pinChanges && record.check === "pinning" && "change" in record;
      if (!softened.length && !pinChange) return r.audit.decision(record);
      const rules = pinChange
        ? ["pinning.onChange"]
        : [...new Set(softened.map((f) => `${f.kind}:${f.rule}`))];
      r.audit.decision({ ...record, decision: "would-block", rule: rules.join(", ") });
    },
    response: (record) => r.audit.response(record),
    flush: () => r.audit.flush(),
  };
  return { audit, logger: r.logger };
}
