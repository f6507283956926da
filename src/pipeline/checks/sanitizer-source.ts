import type { SanitizerConfig } from "../../sanitizer/config.js";
import { Sanitizer } from "../../sanitizer/sanitizer.js";

/**
 * The sanitizer for the configuration `getConfig` returns now (undefined while it is
 * disabled), compiled once per configuration object: a policy reload hands a new object.
 * The sanitize and parser-preload checks share one, so a policy is compiled once.
 */
export function sanitizerSource(getConfig: () => SanitizerConfig): () => Sanitizer | undefined {
  let cachedFor: SanitizerConfig | undefined;
  let sanitizer: Sanitizer | undefined;
  return () => {
    const config = getConfig();
    if (!config.enabled) return undefined;
    if (config !== cachedFor || sanitizer === undefined) {
      sanitizer = new Sanitizer(config);
      cachedFor = config;
    }
    return sanitizer;
  };
}
