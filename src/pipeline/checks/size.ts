import { PayloadTooLargeError } from "../../protocol/errors.js";
import { type Check, PASS, type Verdict } from "../types.js";
import { jsonByteSize } from "./json-size.js";

export interface SizeCheckOptions {
  maxLineBytes: number;
  maxArgumentBytes: number;
  maxArgumentsTotalBytes: number;
}

/**
 * Refuses a message larger than the line limit, and a tools/call whose single argument
 * value or whose arguments together exceed their limits. Measures nothing when the whole
 * line is already under the argument limits (the common case).
 */
export function sizeCheck(options: SizeCheckOptions): Check {
  for (const [k, v] of Object.entries(options)) {
    if (!Number.isSafeInteger(v) || v < 1) {
      throw new TypeError(`Expected the \`${k}\` option to be a positive integer, got ${v}`);
    }
  }
  const { maxLineBytes, maxArgumentBytes, maxArgumentsTotalBytes } = options;
  return {
    name: "size",
    // A response names no tool: only the line limit applies.
    passesClean: (view) => view.bytes <= maxLineBytes,
    inspect(frame): Verdict {
      const size = frame.raw.length;
      if (size > maxLineBytes) {
        return {
          ok: false,
          error: new PayloadTooLargeError(
            `message of ${size} bytes exceeds the ${maxLineBytes}-byte limit`,
            {
              bytes: size,
              limit: maxLineBytes,
            },
          ),
        };
      }
      if (frame.tool === undefined || size <= Math.min(maxArgumentBytes, maxArgumentsTotalBytes))
        return PASS;
      const args = (frame.parsed.message as { params?: { arguments?: unknown } }).params?.arguments;
      if (typeof args !== "object" || args === null) return PASS;
      let total = 0;
      for (const [key, value] of Object.entries(args)) {
        const n = jsonByteSize(value);
        total += n;
        if (n > maxArgumentBytes) {
          return {
            ok: false,
            error: new PayloadTooLargeError(
              `argument "${key}" of ${n} bytes exceeds the ${maxArgumentBytes}-byte limit`,
              { argument: key, bytes: n, limit: maxArgumentBytes },
            ),
          };
        }
      }
      if (total > maxArgumentsTotalBytes) {
        return {
          ok: false,
          error: new PayloadTooLargeError(
            `arguments of ${total} bytes exceed the ${maxArgumentsTotalBytes}-byte limit`,
            { bytes: total, limit: maxArgumentsTotalBytes },
          ),
        };
      }
      return PASS;
    },
  };
}
