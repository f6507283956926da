import { z } from "zod";

/** `approval:` section: how the shim asks a human about calls whose rule effect is `ask`. */
export const ApprovalConfigSchema = z.strictObject({
  /** How long to wait for the user's answer; no answer is a refusal. */
  timeoutSeconds: z.number().int().min(1).max(3600).default(120),
});
export type ApprovalConfig = z.infer<typeof ApprovalConfigSchema>;
