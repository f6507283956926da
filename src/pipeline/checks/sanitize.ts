import type { SanitizerConfig } from "../../sanitizer/config.js";
import { SanitizerBlockedError } from "../../sanitizer/errors.js";
import type { Finding, Sanitizer, ScanOptions, ScanResult } from "../../sanitizer/sanitizer.js";
import { type Check, type Context, type Frame, PASS, type Verdict } from "../types.js";
import { sanitizerSource } from "./sanitizer-source.js";

export interface SanitizeCheckOptions {
  /** Read on every call, so a policy hot reload swaps the configuration. */
  getConfig: () => SanitizerConfig;
  /**
   * Told about every monitor-only finding, with the message it was found in (the gateway
   * logs it and writes a would-block audit row).
   */
  onMonitor?: (finding: Finding, tool: string | undefined, frame: Frame, ctx: Context) => void;
  /**
   * Whole-shim monitor mode (`--monitor`, `mode: monitor` in the policy): a blocking
   * finding is reported through `onMonitor` and the call forwarded. Read per call.
   */
  monitor?: () => boolean;
  /**
   * The compiled sanitizer to share with other checks (parserPreloadCheck); built from
   * getConfig when absent.
   */
  source?: () => Sanitizer | undefined;
}

/**
 * Refuses a client → server tools/call whose arguments (values or keys) break a sanitizer
 * rule in block mode. Anything else passes untouched. The sanitizer for a configuration is
 * compiled once and reused until `getConfig` returns a different object.
 *
 * @example
 * sanitizeCheck({ getConfig: () => policy.sanitizer ?? DEFAULT_SANITIZER_CONFIG })
 */
export function sanitizeCheck(options: SanitizeCheckOptions): Check {
  if (typeof options?.getConfig !== "function") {
    throw new TypeError(
      `Expected the \`getConfig\` option to be a function returning a SanitizerConfig, got ${typeof options?.getConfig}`,
    );
  }
  const { getConfig, onMonitor, monitor } = options;
  const current = options.source ?? sanitizerSource(getConfig);
  current(); // compile now, so a bad configuration fails at start rather than on the first call
  return {
    name: "sanitizer",
    inspect(frame, ctx): Verdict | Promise<Verdict> {
      // Notifications too: a tools/call without an id must not slip past the sanitizer.
      if (frame.direction !== "client-to-server" || frame.parsed.kind === "response") return PASS;
      if (frame.parsed.message.method !== "tools/call") return PASS;
      const s = current();
      if (!s) return PASS;
      const params = frame.parsed.message.params as { arguments?: unknown } | undefined;
      if (params?.arguments === undefined) return PASS;
      const definition = frame.tool === undefined ? undefined : ctx.tools.get(frame.tool);
      // Built by assignment: conditional spreads cost ~10% of the whole message path (profiled).
      const scanOptions: ScanOptions = {
        maxScanBytes: ctx.limits.sanitizerMaxScanBytes,
        maxValueBytes: ctx.limits.maxArgumentBytes,
      };
      if (frame.tool !== undefined) scanOptions.tool = frame.tool;
      if (definition !== undefined) scanOptions.toolDefinition = definition;
      const first = s.scan(params.arguments, scanOptions);
      // A command value met before the bash parser loaded: wait for it (a load failure
      // settles too, and then the command rules fail closed) and scan again.
      if (first.pendingParser) {
        const args = params.arguments;
        return first.pendingParser.then(() => decide(s.scan(args, scanOptions), frame, ctx));
      }
      return decide(first, frame, ctx);
    },
  };

  function decide(result: ScanResult, frame: Frame, ctx: Context): Verdict {
    const tool = frame.tool;
    {
      if (result.pendingParser) {
        // only if the parser reported ready and then was not: never pass unchecked
        return {
          ok: false,
          error: new SanitizerBlockedError(tool, {
            rule: "shell.parser-unavailable",
            path: "$",
            inKey: false,
            kind: "command",
            excerpt: '""',
            mode: "block",
          }),
        };
      }
      const frameTool = tool;
      if (onMonitor) for (const f of result.monitored) onMonitor(f, frameTool, frame, ctx);
      if (!result.blocked) return PASS;
      if (monitor?.() && !result.blocked.rule.startsWith("limit.")) {
        onMonitor?.({ ...result.blocked, mode: "monitor" }, frameTool, frame, ctx);
        return PASS;
      }
      return { ok: false, error: new SanitizerBlockedError(frameTool, result.blocked) };
    }
  }
}
