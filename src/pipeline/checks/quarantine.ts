import type { Quarantine } from "../../inspect/quarantine.js";
import { AegisError, ErrorCode } from "../../protocol/errors.js";
import { type Check, PASS, type Verdict } from "../types.js";

/**
 * Refuses tools/call to a tool that a server → client check hid from tools/list (a
 * definition that changed since it was pinned, or a poisoned one): hiding alone would
 * not stop a client that cached the old list, or a model that guesses the name.
 */
export function quarantineCheck(o: { quarantine: Quarantine }): Check {
  if (!o?.quarantine) throw new TypeError("Expected quarantineCheck options {quarantine}");
  return {
    name: "quarantine",
    inspect(frame): Verdict {
      if (frame.direction !== "client-to-server" || frame.tool === undefined) return PASS;
      const entry = o.quarantine.get(frame.tool);
      if (!entry) return PASS;
      return {
        ok: false,
        error: new AegisError(ErrorCode.PolicyDenied, {
          check: entry.check,
          reason: `tool "${frame.tool}" is held back: ${entry.reason}`,
        }),
      };
    },
  };
}
