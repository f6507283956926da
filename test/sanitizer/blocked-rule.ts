import { DEFAULT_LIMITS } from "../../src/config/limits.js";
import { DEFAULT_SANITIZER_CONFIG } from "../../src/sanitizer/config.js";
import { Sanitizer } from "../../src/sanitizer/sanitizer.js";

const sanitizer = new Sanitizer(DEFAULT_SANITIZER_CONFIG);

/** The rule that blocks a call to `tool` with `args` under the defaults, or undefined. */
export const rule = (tool: string, args: Record<string, unknown>) =>
  sanitizer.scan(args, {
    tool,
    maxScanBytes: DEFAULT_LIMITS.sanitizerMaxScanBytes,
    maxValueBytes: DEFAULT_LIMITS.maxArgumentBytes,
  }).blocked?.rule;
