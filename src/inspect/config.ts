import { z } from "zod";

/** What to do with a finding: remove the hidden part, refuse the message, or only record it. */
export const FindingActionSchema = z.enum(["strip", "block", "log"]);
export type FindingAction = z.infer<typeof FindingActionSchema>;

/**
 * `inspection:` section of the policy: scanning of what the server sends (tool
 * definitions, results, prompts, resources, logs, errors, sampling requests).
 */
export const InspectionConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /** ANSI escape sequences: stripped by default (harmless once removed). */
  ansi: FindingActionSchema.default("strip"),
  /** Invisible Unicode (tags, zero-width, bidi): stripped by default. */
  invisible: FindingActionSchema.default("strip"),
  /** Instruction-injection markers in tool definitions (the tool is hidden when blocked). */
  injection: z.enum(["block", "log"]).default("block"),
  /** Instruction-injection markers in results, prompts, resources, logs and sampling. */
  injectionInResults: z.enum(["block", "log"]).default("block"),
});
export type InspectionConfig = z.infer<typeof InspectionConfigSchema>;

/** `sampling:` section: what a server may ask the client's model. */
export const SamplingConfigSchema = z.strictObject({
  /** `includeContext: allServers` leaks other servers' context to this one. */
  allowAllServersContext: z.boolean().default(false),
  /** Refuse sampling requests entirely. */
  deny: z.boolean().default(false),
});
export type SamplingConfig = z.infer<typeof SamplingConfigSchema>;

/** `roots:` section: the client's roots/list answer is narrowed to these (file:// URIs or paths). */
export const RootsConfigSchema = z.strictObject({
  allow: z.array(z.string().min(1)).min(1, "list at least one root"),
});
export type RootsConfig = z.infer<typeof RootsConfigSchema>;
