import type { SamplingConfig } from "../../inspect/config.js";
import { AegisError, ErrorCode } from "../../protocol/errors.js";
import { type Check, PASS, type Verdict } from "../types.js";

/**
 * Gates the server's sampling/createMessage requests: `includeContext: "allServers"` asks
 * the client to hand this server context from every other connected server, so it is
 * refused unless the policy allows it; `sampling.deny` refuses sampling altogether. The
 * messages and system prompt are scanned by the inspect check like any tool result.
 */
export function samplingCheck(o: { config: SamplingConfig }): Check {
  if (!o?.config) throw new TypeError("Expected samplingCheck options {config}");
  const { allowAllServersContext, deny } = o.config;
  return {
    name: "sampling",
    // Judges server requests only.
    passesClean: () => true,
    inspect(frame): Verdict {
      if (frame.direction !== "server-to-client" || frame.parsed.kind !== "request") return PASS;
      if (frame.parsed.message.method !== "sampling/createMessage") return PASS;
      let reason: string | undefined;
      if (deny) reason = "the policy does not allow this server to ask for sampling";
      else if (
        frame.parsed.message.params?.includeContext === "allServers" &&
        !allowAllServersContext
      )
        reason =
          'sampling with includeContext "allServers" would share other servers\' context with this one';
      if (reason === undefined) return PASS;
      return {
        ok: false,
        error: new AegisError(ErrorCode.PolicyDenied, { check: "sampling", reason }),
      };
    },
  };
}
