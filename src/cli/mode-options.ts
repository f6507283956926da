/** How the shim was started, as far as which options it can honour. */
export interface ModeUsage {
  mode: "stdio" | "http";
  /** HTTP mode with --upstream (no child process). */
  upstream: boolean;
  /** HTTP mode without --no-auth (tokens are checked). */
  auth: boolean;
}

/** Says where an option is ignored (a phrase after "is not used "), or undefined where it is honoured. */
type Rule = (u: ModeUsage) => string | undefined;

const EVERYWHERE: Rule = () => undefined;
const HTTP_ONLY: Rule = (u) => (u.mode === "http" ? undefined : "in stdio mode");
const TOKENS_ONLY: Rule = (u) =>
  u.mode !== "http" ? "in stdio mode" : u.auth ? undefined : "in HTTP mode with --no-auth";
// The local identity is the caller only when nobody presents a token.
const LOCAL_IDENTITY: Rule = (u) =>
  u.mode === "http" && u.auth
    ? "in HTTP mode with token authentication (the token names the caller; see --no-auth)"
    : undefined;
// Only a child process is shut down with a grace period.
const CHILD_ONLY: Rule = (u) =>
  u.mode === "http" && u.upstream ? "in HTTP mode with --upstream (there is no child)" : undefined;

/**
 * Every option of the shim (commander's attribute name) and where it is honoured. An
 * option missing here is refused in every mode (see test/cli/mode-options.test.ts, which
 * walks commander's option table), so a new flag cannot be silently ignored somewhere.
 */
export const OPTION_RULES: Readonly<Record<string, Rule>> = {
  version: EVERYWHERE,
  target: EVERYWHERE,
  policy: EVERYWHERE,
  principal: LOCAL_IDENTITY,
  roles: LOCAL_IDENTITY,
  serverName: EVERYWHERE,
  maxLineSize: EVERYWHERE,
  maxArgSize: EVERYWHERE,
  maxDepth: EVERYWHERE,
  maxArgsTotalSize: EVERYWHERE,
  maxHttpBodySize: HTTP_ONLY,
  sanitizerMaxScan: EVERYWHERE,
  maxPolicyFileSize: EVERYWHERE,
  maxConcurrentRequests: EVERYWHERE,
  transportTimeout: HTTP_ONLY,
  redisTimeout: EVERYWHERE,
  shutdownGrace: CHILD_ONLY,
  auditLog: EVERYWHERE,
  sanitizer: EVERYWHERE,
  rateLimit: EVERYWHERE,
  rateBurst: EVERYWHERE,
  redisUrl: EVERYWHERE,
  redisFailOpen: EVERYWHERE,
  pinFile: EVERYWHERE,
  logLevel: EVERYWHERE,
  mode: EVERYWHERE,
  monitor: EVERYWHERE,
  watch: EVERYWHERE,
  listen: HTTP_ONLY,
  upstream: HTTP_ONLY,
  jwksUri: TOKENS_ONLY,
  jwksFile: TOKENS_ONLY,
  issuer: TOKENS_ONLY,
  resource: HTTP_ONLY,
  authorizationServer: HTTP_ONLY,
  rolesClaim: TOKENS_ONLY,
  allowedOrigins: HTTP_ONLY,
  algorithms: TOKENS_ONLY,
  auth: HTTP_ONLY,
};

/**
 * The problems with the options given on the command line (`given`: flag and attribute
 * name) for this usage: one sentence per option the run would not honour.
 */
export function ignoredOptions(
  given: ReadonlyArray<{ flag: string; key: string }>,
  u: ModeUsage,
): string[] {
  const problems: string[] = [];
  for (const { flag, key } of given) {
    const rule = OPTION_RULES[key];
    const where = rule === undefined ? "in any mode (unknown to the mode table)" : rule(u);
    if (where !== undefined) problems.push(`option '${flag}' is not used ${where}`);
  }
  return problems;
}
