export { type CompiledSanitizer, compileSanitizer } from "./compile.js";
export {
  DEFAULT_SANITIZER_CONFIG,
  ruleMode,
  type SanitizerConfig,
  type SanitizerConfigInput,
  SanitizerConfigSchema,
} from "./config.js";
export { SanitizerBlockedError } from "./errors.js";
export { FIELD_KINDS, type FieldKind, kindFromKey } from "./kinds.js";
export { RULE_IDS, RULES, type RuleId, type RuleMode } from "./rules.js";
export {
  type Finding,
  Sanitizer,
  type ScanOptions,
  type ScanResult,
} from "./sanitizer.js";
