import { DepthExceededError } from "../../protocol/errors.js";
import { type Check, PASS, type Verdict } from "../types.js";

/**
 * Refuses a message nested deeper than `maxDepth`. The depth was measured on the bytes
 * by a loop (scanMessage), so a depth bomb cannot overflow the stack here or later.
 */
export function depthCheck(options: { maxDepth: number }): Check {
  const { maxDepth } = options;
  if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) {
    throw new TypeError(
      `Expected the \`maxDepth\` option to be a positive integer, got ${maxDepth}`,
    );
  }
  return {
    name: "depth",
    passesClean: (view) => view.depth <= maxDepth,
    inspect(frame): Verdict {
      if (frame.depth <= maxDepth) return PASS;
      return { ok: false, error: new DepthExceededError(frame.depth, maxDepth) };
    },
  };
}
