import { z } from "zod";

/**
 * `secrets:` section of the policy. Results and log notifications are redacted; tool
 * arguments that carry a credential are refused unless the tool is listed.
 */
export const SecretsConfigSchema = z.strictObject({
  /** Replace credentials in results, log notifications and sampling requests. */
  redact: z.boolean().default(true),
  /** What to do with a tools/call whose arguments carry a credential. */
  arguments: z.enum(["block", "log", "allow"]).default("block"),
  /** Tool patterns (`*` wildcard) allowed to receive credentials in their arguments. */
  allowArgumentsTo: z.array(z.string().min(1).max(512)).default([]),
});
export type SecretsConfig = z.infer<typeof SecretsConfigSchema>;
