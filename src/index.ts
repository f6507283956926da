/**
 * mcp-aegis library API. Assemble a shim from swappable parts: an Authenticator (who?),
 * a PolicyEngine (allowed?), extra checks (safe? too much?), a transport.
 */

export type { ClientReply } from "./approval/channel.js";
// Server → client defences (issue 7): pinning, inspection, secrets, sampling, roots, approval.
export { LateChannel } from "./approval/channel.js";
export { ApprovalGate } from "./approval/gate.js";
export {
  type AuditSink,
  type DecisionRecord,
  FileAuditSink,
  NULL_AUDIT,
  type ResponseRecord,
} from "./audit/audit.js";
export { createLogger, type Logger, type LogLevel } from "./audit/logger.js";
export { JwtAuthenticator, type JwtAuthenticatorOptions } from "./auth/jwt.js";
export { LocalAuthenticator } from "./auth/local.js";
export { canonicalResourceUri } from "./auth/resource-uri.js";
export type { Authenticator, AuthInput } from "./auth/types.js";
export {
  configureLimits,
  DEFAULT_LIMITS,
  getLimits,
  LIMIT_ENV,
  LimitError,
  type Limits,
  limitsFromEnv,
  resetLimits,
  resolveLimits,
} from "./config/limits.js";
export { buildDefences, type Defences, type DefencesOptions } from "./gateway/defences.js";
export {
  type InspectionConfig,
  InspectionConfigSchema,
  type RootsConfig,
  type SamplingConfig,
} from "./inspect/config.js";
export type { Finding } from "./inspect/findings.js";
export { INJECTION_RULES } from "./inspect/injection.js";
export { Quarantine } from "./inspect/quarantine.js";
export { scanText } from "./inspect/scan-text.js";
export { PinStore } from "./pinning/pin-store.js";
export { depthCheck } from "./pipeline/checks/depth.js";
export { inspectContentCheck } from "./pipeline/checks/inspect-content.js";
export { listFilterCheck } from "./pipeline/checks/list-filter.js";
export { pinningCheck } from "./pipeline/checks/pinning.js";
export { type PolicyCheckOptions, policyCheck } from "./pipeline/checks/policy.js";
export type { PolicyCheckCommon } from "./pipeline/checks/policy-report.js";
export { quarantineCheck } from "./pipeline/checks/quarantine.js";
export { type RateLimitCheckOptions, rateLimitCheck } from "./pipeline/checks/rate-limit.js";
export { rootsChecks } from "./pipeline/checks/roots.js";
export { samplingCheck } from "./pipeline/checks/sampling.js";
export { type SanitizeCheckOptions, sanitizeCheck } from "./pipeline/checks/sanitize.js";
export { secretArgumentsCheck } from "./pipeline/checks/secret-arguments.js";
export { serverRequestCheck } from "./pipeline/checks/server-requests.js";
export { type SizeCheckOptions, sizeCheck } from "./pipeline/checks/size.js";
export { compose, type Pipeline } from "./pipeline/compose.js";
export { clientChecks, serverChecks } from "./pipeline/default-checks.js";
export type {
  Check,
  Context,
  Direction,
  Frame,
  Outcome,
  Principal,
  Verdict,
} from "./pipeline/types.js";
export { type Explanation, YamlPolicyEngine } from "./policy/engine.js";
export type { TraceStep } from "./policy/evaluate.js";
export { formatExplanation, type QuestionSpec, requestFromSpec } from "./policy/explain.js";
export {
  formatProblem,
  loadPolicyFile,
  PolicyLoadError,
  type PolicyProblem,
  type PolicySource,
  parsePolicy,
  parsePolicySource,
  readPolicyText,
} from "./policy/load.js";
export { isUnder, normalizePath } from "./policy/normalize.js";
export { type CompiledPattern, compilePattern, compileUriPattern } from "./policy/pattern.js";
export { METHOD_ACTIONS, questionFor } from "./policy/requests.js";
export {
  type PolicyDocument,
  PolicySchema,
  RULE_EFFECTS,
  SERVER_REQUEST_METHODS,
} from "./policy/schema.js";
export { type PolicySnapshot, PolicyStore, type ReloadResult } from "./policy/store.js";
export type {
  AccessRequest,
  Action,
  Decision,
  Effect,
  PolicyEngine,
  Target,
} from "./policy/types.js";
export { type PolicyWatchOptions, watchPolicy } from "./policy/watch.js";
export {
  AegisError,
  type AegisErrorData,
  CheckFailedError,
  DepthExceededError,
  ErrorCode,
  PayloadTooLargeError,
  PolicyDeniedError,
  RateLimitedError,
  toReply,
  UnauthorizedError,
} from "./protocol/errors.js";
export { type DecodedLine, LineDecoder } from "./protocol/framing.js";
export { type ScanResult, scanMessage } from "./protocol/scan.js";
export {
  type Rate,
  type RateLimitRule,
  RateLimitRuleSchema,
  type RateLimits,
  RateLimitsSchema,
} from "./ratelimit/config.js";
export { MemoryRateLimiter } from "./ratelimit/memory.js";
export { RedisRateLimiter, type RedisRateLimiterOptions } from "./ratelimit/redis.js";
export type { BucketRule, RateDecision, RateLimiter, TakeRequest } from "./ratelimit/types.js";
export {
  DEFAULT_SANITIZER_CONFIG,
  FIELD_KINDS,
  type FieldKind,
  type Finding as SanitizerFinding,
  RULE_IDS as SANITIZER_RULE_IDS,
  RULES as SANITIZER_RULES,
  type RuleId as SanitizerRuleId,
  type RuleMode as SanitizerRuleMode,
  Sanitizer,
  SanitizerBlockedError,
  type SanitizerConfig,
  SanitizerConfigSchema,
  type ScanOptions as SanitizerScanOptions,
  type ScanResult as SanitizerScanResult,
} from "./sanitizer/index.js";
export { loadShellParser } from "./sanitizer/shell/parser.js";
export { findSecrets, redactSecrets, SECRET_DETECTORS } from "./secrets/detectors.js";
export { Session, type SessionOptions } from "./session/session.js";
export type { SessionOutput } from "./session/types.js";
export { CommandLineError, splitCommandLine } from "./transport/command.js";
export type { ChildCommand } from "./transport/http/child-channel.js";
export type { GuardianProxyOptions } from "./transport/http/options.js";
export { GuardianProxy } from "./transport/http/proxy.js";
export type { ServerExit, ServerProcess } from "./transport/server-process.js";
export { StdioBridge, type StdioBridgeOptions } from "./transport/stdio.js";
export { type CanonicalUri, canonicalUri, type UriMode } from "./uri/resource-uri.js";
