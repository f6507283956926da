import { z } from "zod";

export const ActionSchema = z.enum(["read", "execute"]);

const PatternSchema = z
  .string()
  .min(1, "a pattern cannot be empty")
  .max(512, "a pattern is at most 512 characters");

export const ToolRuleSchema = z.strictObject({
  pattern: PatternSchema,
  actions: z.array(ActionSchema).min(1, "a rule needs at least one action"),
  /** OAuth scopes a token must carry for this rule to grant (HTTP mode; 403 insufficient_scope). */
  scopes: z.array(z.string().min(1)).optional(),
});
export type ToolRule = z.infer<typeof ToolRuleSchema>;

export const PrincipalEntrySchema = z.strictObject({
  roles: z.array(z.string().min(1)).default([]),
  tools: z.array(ToolRuleSchema).default([]),
});
export type PrincipalEntry = z.infer<typeof PrincipalEntrySchema>;

export const PolicySchema = z.strictObject({
  version: z.union([z.literal("1"), z.literal(1)]).transform(() => "1" as const),
  defaults: z
    .strictObject({ effect: z.enum(["allow", "deny"]).default("deny") })
    .default({ effect: "deny" }),
  principals: z.record(z.string().min(1), PrincipalEntrySchema).default({}),
});
export type PolicyDocument = z.infer<typeof PolicySchema>;
