import type { Principal } from "../pipeline/types.js";
import { type CompiledPattern, compilePattern } from "../policy/pattern.js";
import { validateRule } from "./bucket.js";
import type { RateLimitRule, RateLimits } from "./config.js";
import type { BucketRule } from "./types.js";

/** A bucket a call is counted in. */
export interface RateBucket {
  /** Names the bucket among a principal's buckets; stable across reloads and shims. */
  readonly key: string;
  readonly rule: BucketRule;
  /** For messages: `tools matching "fs:write_*"` or `all calls`. */
  readonly label: string;
}

interface CompiledRule extends RateBucket {
  readonly pattern: CompiledPattern;
  readonly principals?: ReadonlySet<string>;
  readonly roles?: ReadonlySet<string>;
}

/** The rate limits compiled once per policy version. */
export interface CompiledRateLimits {
  /** Request methods that cost a token. */
  readonly methods: ReadonlySet<string>;
  /** The bucket for a call, or undefined when nothing limits it. */
  bucketFor(
    principal: Principal,
    method: string,
    tool?: string,
    server?: string,
  ): RateBucket | undefined;
}

function bucketRule(r: { per_minute: number; burst?: number | undefined }): BucketRule {
  const rule = { perMinute: r.per_minute, burst: r.burst ?? r.per_minute };
  validateRule(rule);
  return rule;
}

// The key names the pattern and the scope, not the rule's position, so that editing
// other rules keeps a bucket's state and every shim with the same rule shares it.
function ruleKey(r: RateLimitRule): string {
  let key = `tool=${r.pattern}`;
  if (r.principals) key += `;principals=${[...r.principals].sort().join(",")}`;
  if (r.roles) key += `;roles=${[...r.roles].sort().join(",")}`;
  return key;
}

function applies(rule: CompiledRule, principal: Principal): boolean {
  if (!rule.principals && !rule.roles) return true;
  if (rule.principals?.has(principal.id)) return true;
  if (rule.roles) for (const role of principal.roles) if (rule.roles.has(role)) return true;
  return false;
}

function matchesTool(rule: CompiledRule, tool: string, server: string | undefined): boolean {
  if (!rule.pattern.namespaced) return rule.pattern.matches(tool);
  return server !== undefined && rule.pattern.matches(`${server}:${tool}`);
}

/**
 * Compiles a `rate_limits:` section. A tools/call is counted in the first rule (in file
 * order) that applies to the caller and matches the tool, else in the default bucket;
 * other costed methods are counted in the default bucket.
 */
export function compileRateLimits(limits: RateLimits | undefined): CompiledRateLimits {
  const methods = new Set(limits?.methods ?? ["tools/call"]);
  const fallback: RateBucket | undefined = limits?.default
    ? { key: "default", rule: bucketRule(limits.default), label: "all calls" }
    : undefined;
  const rules: CompiledRule[] = (limits?.rules ?? []).map((r) => ({
    key: ruleKey(r),
    rule: bucketRule(r),
    label: `tools matching "${r.pattern}"`,
    pattern: compilePattern(r.pattern),
    ...(r.principals ? { principals: new Set(r.principals) } : {}),
    ...(r.roles ? { roles: new Set(r.roles) } : {}),
  }));
  return {
    methods,
    bucketFor(principal, method, tool, server) {
      if (!methods.has(method)) return undefined;
      if (method === "tools/call" && tool !== undefined) {
        for (const rule of rules) {
          if (applies(rule, principal) && matchesTool(rule, tool, server)) return rule;
        }
      }
      return fallback;
    },
  };
}
