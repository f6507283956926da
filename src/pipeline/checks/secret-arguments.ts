import { type Reporter, report } from "../../inspect/report.js";
import { mapStrings } from "../../inspect/walk.js";
import { AegisError, ErrorCode } from "../../protocol/errors.js";
import type { SecretsConfig } from "../../secrets/config.js";
import { findSecrets } from "../../secrets/detectors.js";
import { compileGlobs } from "../../secrets/glob.js";
import { type Check, PASS, type Verdict } from "../types.js";

const CHECK = "secrets";

/**
 * Refuses a tools/call whose arguments carry a credential (cloud key, token, private key,
 * JWT, connection string) unless the tool is listed in `secrets.allowArgumentsTo`: an
 * injected instruction that makes the model paste a key into a parameter goes nowhere.
 * The finding is logged by credential type and argument path, never by value.
 */
export function secretArgumentsCheck(o: { config: SecretsConfig; reporter: Reporter }): Check {
  if (!o?.config || !o.reporter)
    throw new TypeError("Expected secretArgumentsCheck options {config, reporter}");
  const allowed = compileGlobs(o.config.allowArgumentsTo);
  const mode = o.config.arguments;
  return {
    name: CHECK,
    inspect(frame, ctx): Verdict {
      if (
        mode === "allow" ||
        frame.direction !== "client-to-server" ||
        frame.parsed.kind !== "request"
      )
        return PASS;
      if (frame.parsed.message.method !== "tools/call" || frame.tool === undefined) return PASS;
      if (allowed(frame.tool)) return PASS;
      const found: Array<{ path: string; types: string[] }> = [];
      mapStrings(
        frame.parsed.message.params?.arguments,
        (text, path) => {
          const types = findSecrets(text);
          if (types.length) found.push({ path: path(), types: [...new Set(types)] });
          return text;
        },
        "arguments",
      );
      if (!found.length) return PASS;
      const what = found.map((f) => `${f.types.join("+")} in ${f.path}`).join(", ");
      const findings = found.flatMap((f) =>
        f.types.map((t) => ({
          kind: "secret" as const,
          rule: t,
          path: f.path,
          action: mode === "block" ? ("block" as const) : ("log" as const),
        })),
      );
      if (mode === "log") {
        report(o.reporter, frame, ctx, {
          check: CHECK,
          reason: `credential sent to tool "${frame.tool}": ${what}`,
          blocked: false,
          findings,
        });
        return PASS;
      }
      o.reporter.logger.warn(
        { check: CHECK, tool: frame.tool, findings },
        "refused a credential in tool arguments",
      );
      return {
        ok: false,
        error: new AegisError(ErrorCode.PolicyDenied, {
          check: CHECK,
          reason: `the arguments carry a credential (${what}); tool "${frame.tool}" is not allowed to receive secrets`,
        }),
      };
    },
  };
}
