import { z } from "zod";
import { DEFENCE_SECTIONS } from "../inspect/sections.js";

export const ActionSchema = z.enum(["read", "execute"]);

const PatternSchema = z
  .string()
  .min(1, "a pattern cannot be empty")
  .max(512, "a pattern is at most 512 characters");

export const ToolRuleSchema = z.strictObject({
  pattern: PatternSchema,
  actions: z.array(ActionSchema).min(1, "a rule needs at least one action"),
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
  // inspection, secrets, pinning, sampling, roots, approval (server → client defences)
  ...DEFENCE_SECTIONS,
});
export type PolicyDocument = z.infer<typeof PolicySchema>;
