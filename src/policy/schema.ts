import { z } from "zod";
import { DEFENCE_SECTIONS } from "../inspect/sections.js";
import { RateLimitsSchema } from "../ratelimit/config.js";
import { SanitizerConfigSchema } from "../sanitizer/config.js";
import { ConditionSchema } from "./condition-schema.js";

export const ActionSchema = z.enum(["read", "execute"], {
  error: (issue) => `unknown action ${JSON.stringify(issue.input)}; expected read or execute`,
});

/**
 * What a rule does when it applies. Kept as one list so a new effect (e.g. `ask`,
 * issue 7) is one entry here plus its handling in evaluate.ts.
 */
export const RULE_EFFECTS = ["allow", "deny", "ask"] as const;
export const RuleEffectSchema = z
  .enum(RULE_EFFECTS)
  .describe(
    "allow (the default), deny, or ask (a human approves each call); deny overrides ask, ask overrides allow",
  );

const PatternSchema = z
  .string()
  .min(1, "a pattern cannot be empty")
  .max(512, "a pattern is at most 512 characters");

/** Argument conditions: argument name → condition; every one must hold. */
export const WhenSchema = z
  .record(z.string().min(1), ConditionSchema)
  .describe("argument conditions: argument name → condition; all must hold");

export const ToolRuleSchema = z.strictObject({
  pattern: PatternSchema.describe(
    'tool name; `*` matches any run of characters; "server:tool" names a namespaced tool',
  ),
  actions: z
    .array(ActionSchema)
    .min(1, "a rule needs at least one action")
    .describe("read: see the tool; execute: call it (execute implies read)"),
  effect: RuleEffectSchema.optional(),
  when: WhenSchema.optional(),
  /** OAuth scopes a token must carry for this rule to grant (HTTP mode; 403 insufficient_scope). */
  scopes: z
    .array(z.string().min(1))
    .optional()
    .describe("HTTP mode: OAuth scopes the caller's token must carry for this rule to allow"),
});
export type ToolRule = z.infer<typeof ToolRuleSchema>;

/** Resources and prompts are only ever read. */
const ReadOnlyActions = z
  .array(
    z.enum(["read"], {
      error: (issue) =>
        `unknown action ${JSON.stringify(issue.input)}; resources and prompts take read`,
    }),
  )
  .min(1, "a rule needs at least one action")
  .optional();

export const ResourceRuleSchema = z.strictObject({
  pattern: PatternSchema.describe(
    "resource URI glob: `*` matches within one path segment, `**` across segments",
  ),
  actions: ReadOnlyActions,
  effect: RuleEffectSchema.optional(),
});
export type ResourceRule = z.infer<typeof ResourceRuleSchema>;

export const PromptRuleSchema = z.strictObject({
  pattern: PatternSchema.describe("prompt name; `*` matches any run of characters"),
  actions: ReadOnlyActions,
  effect: RuleEffectSchema.optional(),
  when: WhenSchema.optional(),
});
export type PromptRule = z.infer<typeof PromptRuleSchema>;

/** Requests a server sends to the client that the policy can gate. */
export const SERVER_REQUEST_METHODS = [
  "sampling/createMessage",
  "elicitation/create",
  "roots/list",
] as const;
export type ServerRequestMethod = (typeof SERVER_REQUEST_METHODS)[number];

const EffectSchema = z.enum(["allow", "deny"]);

export const ServerRequestsSchema = z
  .strictObject({
    "sampling/createMessage": EffectSchema.optional(),
    "elicitation/create": EffectSchema.optional(),
    "roots/list": EffectSchema.optional(),
  })
  .describe("server → client requests: allow or deny per method");

export const PrincipalEntrySchema = z.strictObject({
  roles: z.array(z.string().min(1)).default([]),
  tools: z.array(ToolRuleSchema).default([]),
  resources: z.array(ResourceRuleSchema).default([]),
  prompts: z.array(PromptRuleSchema).default([]),
  server_requests: ServerRequestsSchema.optional(),
});
export type PrincipalEntry = z.infer<typeof PrincipalEntrySchema>;

export const PolicySchema = z.strictObject({
  version: z.union([z.literal("1"), z.literal(1)]).transform(() => "1" as const),
  mode: z
    .enum(["enforce", "monitor"])
    .default("enforce")
    .describe("monitor: log what would be blocked and forward it (roll-out)"),
  defaults: z
    .strictObject({
      effect: EffectSchema.default("deny").describe("decision when no rule applies"),
      // Unset: sampling and elicitation are refused, roots/list allowed (docs/policy.md says why).
      server_requests: EffectSchema.optional().describe(
        "decision for sampling/elicitation/roots requests no entry names (unset: deny sampling and elicitation, allow roots/list)",
      ),
      list: z
        .enum(["visible", "callable"])
        .default("visible")
        .describe(
          "visible: lists show every tool the caller may read or execute; callable: only tools it may execute",
        ),
      resource_uris: z
        .enum(["strict", "lenient"])
        .default("strict")
        .describe(
          "strict: refuse resource URIs with backslashes, dot segments or encoded separators; lenient: %2f/%5c/%2e inside a segment are data",
        ),
    })
    .default({ effect: "deny", list: "visible", resource_uris: "strict" }),
  principals: z.record(z.string().min(1), PrincipalEntrySchema).default({}),
  sanitizer: SanitizerConfigSchema.optional(),
  rate_limits: RateLimitsSchema.optional(),
  // inspection, secrets, pinning, sampling, roots, approval (server → client defences)
  ...DEFENCE_SECTIONS,
});
export type PolicyDocument = z.infer<typeof PolicySchema>;
