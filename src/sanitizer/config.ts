import { z } from "zod";
import { FIELD_KINDS } from "./kinds.js";
import { LOCKED_RULES, RULE_IDS, type RuleId, type RuleMode } from "./rules.js";

const RuleIdSchema = z.enum(RULE_IDS as [RuleId, ...RuleId[]]);

const lockedKept = (r: Partial<Record<RuleId, RuleMode>>) =>
  Object.keys(r).every((k) => !LOCKED_RULES.has(k as RuleId) || r[k as RuleId] === "block");
const LOCKED_MESSAGE = `the scan limits (${[...LOCKED_RULES].join(", ")}) cannot be relaxed`;
const RuleModesSchema = z
  .partialRecord(RuleIdSchema, z.enum(["block", "monitor", "off"]))
  .default({})
  .refine(lockedKept, { message: LOCKED_MESSAGE });

/**
 * Per-tool settings: field kinds by argument name or dotted path (`files.*.content`); rule
 * modes for the whole tool (`rules`) and for one argument (`fieldRules`, same keys as
 * `fields`). The most specific setting wins: field, then tool, then the global `rules`.
 */
export const SanitizerToolSchema = z.strictObject({
  fields: z.record(z.string().min(1).max(256), z.enum(FIELD_KINDS)).default({}),
  rules: RuleModesSchema,
  fieldRules: z.record(z.string().min(1).max(256), RuleModesSchema).default({}),
});

/**
 * The `sanitizer:` section of the policy file.
 *
 * @example
 * sanitizer:
 *   roots: [/srv/project]
 *   sensitivePaths: [/opt/vault, .env]
 *   allowedHosts: ["localhost:8080"]
 *   tools:
 *     run_query: { fields: { sql: text } }
 *   rules:
 *     ssrf.internal-address: monitor
 */
export const SanitizerConfigSchema = z.strictObject({
  /** Off only by an explicit choice; the CLI logs loudly when it is. */
  enabled: z.boolean().default(true),
  /** When set, every path must resolve inside one of these directories. */
  roots: z.array(z.string().min(1).max(4096)).max(256).default([]),
  /** Extra sensitive places: absolute prefixes (`/opt/vault`) or names found anywhere (`.env`). */
  sensitivePaths: z.array(z.string().min(1).max(4096)).max(1024).default([]),
  /** Hosts (`name` or `name:port`) allowed although internal (a local dev server, say). */
  allowedHosts: z.array(z.string().min(1).max(512)).max(1024).default([]),
  /** Per-tool field kinds, keyed by tool name (`*` at the end matches a prefix). */
  tools: z.record(z.string().min(1).max(256), SanitizerToolSchema).default({}),
  /** Per-rule mode: block (default), monitor (log only) or off. */
  rules: RuleModesSchema,
});
export type SanitizerTool = z.infer<typeof SanitizerToolSchema>;
export type SanitizerConfig = z.infer<typeof SanitizerConfigSchema>;
export type SanitizerConfigInput = z.input<typeof SanitizerConfigSchema>;

/** The configuration used when the policy has no `sanitizer:` section. */
export const DEFAULT_SANITIZER_CONFIG: SanitizerConfig = Object.freeze(
  SanitizerConfigSchema.parse({}),
) as SanitizerConfig;

/** The mode of one rule under a configuration. */
export function ruleMode(config: SanitizerConfig, rule: RuleId): RuleMode {
  return config.rules[rule] ?? "block";
}
