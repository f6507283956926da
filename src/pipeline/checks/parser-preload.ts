import type { Sanitizer } from "../../sanitizer/sanitizer.js";
import { type Check, PASS } from "../types.js";

/**
 * On a tools/list result, starts loading the bash parser if a listed tool may be handed a
 * command (Sanitizer.foresee), so the parser's memory is spent only on servers that need
 * it and is ready before their first call. Never changes a message.
 *
 * @example
 * const source = sanitizerSource(() => config);
 * serverChecks.push(parserPreloadCheck({ sanitizer: source }));
 */
export function parserPreloadCheck(o: { sanitizer: () => Sanitizer | undefined }): Check {
  return {
    name: "parser-preload",
    inspect(frame) {
      if (frame.inReplyTo?.method !== "tools/list" || frame.parsed.kind !== "response") return PASS;
      const tools = (frame.parsed.message.result as { tools?: unknown } | undefined)?.tools;
      if (Array.isArray(tools)) o.sanitizer()?.foresee(tools);
      return PASS;
    },
    passesClean: (view) => view.inReplyTo.method !== "tools/list",
  };
}
