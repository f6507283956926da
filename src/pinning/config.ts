import { z } from "zod";

/**
 * `pinning:` section of the policy. With it (or with `--pin-file`), the first tool
 * definitions and instructions a server shows are pinned; later changes are blocked
 * (`onChange: block`) or only reported (`warn`, monitor mode).
 */
export const PinningConfigSchema = z.strictObject({
  enabled: z.boolean().default(true),
  onChange: z.enum(["block", "warn"]).default("block"),
  /** Pin file; relative paths are relative to the policy file. Default: `<policy>.pins.json`. */
  file: z.string().min(1).optional(),
});
export type PinningConfig = z.infer<typeof PinningConfigSchema>;
