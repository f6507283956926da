/**
 * Every bound the shim enforces, in one place. Defaults are chosen so that nothing a
 * peer SDK accepts is refused, and nothing can grow memory without bound.
 */
export interface Limits {
  /** Max bytes of one newline-delimited JSON-RPC line (both directions). */
  maxLineBytes: number;
  /** Max bytes of one HTTP request body. */
  maxHttpBodyBytes: number;
  /** Max serialized bytes of one tools/call argument value. */
  maxArgumentBytes: number;
  /** Max serialized bytes of all tools/call arguments together. */
  maxArgumentsTotalBytes: number;
  /** Max nesting depth of arrays and objects in one message. */
  maxDepth: number;
  /** Max bytes the sanitizer scans in one message; beyond it the message is refused. */
  sanitizerMaxScanBytes: number;
  /** Max bytes of a policy file. */
  maxPolicyFileBytes: number;
  /** Max client requests forwarded and not yet answered; beyond it requests get an error. */
  maxConcurrentRequests: number;
  /** Upstream transport timeout in milliseconds. */
  transportTimeoutMs: number;
  /** Timeout of one Redis operation in milliseconds. */
  redisOperationTimeoutMs: number;
  /** Fall back to a per-process limiter when Redis fails (fail-open is an explicit choice). */
  redisFailOpen: boolean;
  /** Grace after stdin EOF before SIGTERM, and again before SIGKILL, in milliseconds. */
  targetShutdownTimeoutMs: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  // The official SDK's stdio reader refuses lines over 10 MiB: a longer line cannot work anyway.
  maxLineBytes: 10 * MIB,
  maxHttpBodyBytes: 10 * MIB,
  maxArgumentBytes: 8 * MIB,
  maxArgumentsTotalBytes: 10 * MIB,
  // MCP messages, including tool schemas, stay far below 64 levels; bombs go far above.
  maxDepth: 64,
  sanitizerMaxScanBytes: 1 * MIB,
  maxPolicyFileBytes: 10 * MIB,
  maxConcurrentRequests: 10_000,
  transportTimeoutMs: 30_000,
  redisOperationTimeoutMs: 5_000,
  redisFailOpen: false,
  // The SDK's own client waits 2 s before each escalation step.
  targetShutdownTimeoutMs: 2_000,
});

type LimitKey = keyof Limits;

/** Environment variable names; GUARDIAN_* are the seed's names and stay supported. */
export const LIMIT_ENV: Readonly<Record<LimitKey, string>> = Object.freeze({
  maxLineBytes: "GUARDIAN_MAX_STDIO_LINE_BYTES",
  maxHttpBodyBytes: "GUARDIAN_MAX_HTTP_BODY_BYTES",
  maxArgumentBytes: "GUARDIAN_MAX_ARGUMENT_BYTES",
  maxArgumentsTotalBytes: "GUARDIAN_MAX_ARGUMENTS_TOTAL_BYTES",
  maxDepth: "GUARDIAN_MAX_NESTING_DEPTH",
  sanitizerMaxScanBytes: "GUARDIAN_SANITIZER_MAX_SCAN_BYTES",
  maxPolicyFileBytes: "GUARDIAN_MAX_POLICY_FILE_BYTES",
  maxConcurrentRequests: "GUARDIAN_MAX_CONCURRENT_REQUESTS",
  transportTimeoutMs: "GUARDIAN_TRANSPORT_TIMEOUT_MS",
  redisOperationTimeoutMs: "GUARDIAN_REDIS_OPERATION_TIMEOUT_MS",
  redisFailOpen: "GUARDIAN_REDIS_FAIL_OPEN",
  targetShutdownTimeoutMs: "GUARDIAN_TARGET_SHUTDOWN_TIMEOUT_MS",
});

/** A limit value that failed validation; the message says what was expected and what came. */
export class LimitError extends Error {
  override readonly name = "LimitError";
}

function validateLimit(key: LimitKey, value: unknown, source: string): number | boolean {
  if (key === "redisFailOpen") {
    if (typeof value === "boolean") return value;
    if (value === "true" || value === "1") return true;
    if (value === "false" || value === "0") return false;
    throw new LimitError(`Expected ${source} to be true or false, got ${JSON.stringify(value)}`);
  }
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 1) {
    throw new LimitError(
      `Expected ${source} to be a positive integer, got ${JSON.stringify(value)}`,
    );
  }
  return n;
}

function assign(target: Limits, key: LimitKey, value: unknown, source: string): void {
  (target as unknown as Record<LimitKey, number | boolean>)[key] = validateLimit(
    key,
    value,
    source,
  );
}

/** Reads overrides from the environment (GUARDIAN_* names). Unset variables are ignored. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<Limits> {
  const out: Partial<Limits> = {};
  for (const key of Object.keys(LIMIT_ENV) as LimitKey[]) {
    const name = LIMIT_ENV[key];
    const raw = env[name];
    if (raw !== undefined && raw !== "") assign(out as Limits, key, raw, name);
  }
  return out;
}

/** Merges and validates overrides on top of a base; throws LimitError naming the bad key. */
export function resolveLimits(base: Readonly<Limits>, ...overrides: Partial<Limits>[]): Limits {
  const out: Limits = { ...base };
  for (const o of overrides) {
    for (const [key, value] of Object.entries(o)) {
      if (!(key in DEFAULT_LIMITS)) throw new LimitError(`Unknown limit \`${key}\``);
      if (value !== undefined) assign(out, key as LimitKey, value, `the \`${key}\` limit`);
    }
  }
  return out;
}

let configured: Partial<Limits> = {};

/**
 * Sets process-wide limits for every bridge created afterwards (the seed's
 * `configure_limits`). Precedence: defaults < environment < configureLimits() < options
 * passed to a bridge (the CLI's flags). Returns the limits now in force.
 *
 * @example configureLimits({ maxLineBytes: 4 * 1024 * 1024, redisFailOpen: true })
 */
export function configureLimits(overrides: Partial<Limits>): Readonly<Limits> {
  resolveLimits(DEFAULT_LIMITS, overrides); // validate before keeping anything
  configured = { ...configured, ...overrides };
  return getLimits();
}

/** The process-wide limits: defaults, then environment, then configureLimits(). */
export function getLimits(env: NodeJS.ProcessEnv = process.env): Readonly<Limits> {
  return resolveLimits(DEFAULT_LIMITS, limitsFromEnv(env), configured);
}

/** Forgets configureLimits() overrides (tests). */
export function resetLimits(): void {
  configured = {};
}
