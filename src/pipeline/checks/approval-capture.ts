import type { ApprovalGate } from "../../approval/gate.js";
import { type Check, PASS, type Verdict } from "../types.js";

/**
 * Reads the client's capabilities from its initialize request, so the approval gate
 * knows whether it may ask through elicitation. Never refuses anything.
 */
export function approvalCaptureCheck(o: { gate: ApprovalGate }): Check {
  if (!o?.gate) throw new TypeError("Expected approvalCaptureCheck options {gate}");
  return {
    name: "approval-capture",
    inspect(frame): Verdict {
      if (
        frame.direction === "client-to-server" &&
        frame.parsed.kind === "request" &&
        frame.parsed.message.method === "initialize"
      ) {
        o.gate.setClientCapabilities(frame.parsed.message.params?.capabilities);
      }
      return PASS;
    },
  };
}
