import { ApprovalConfigSchema } from "../approval/config.js";
import { PinningConfigSchema } from "../pinning/config.js";
import { SecretsConfigSchema } from "../secrets/config.js";
import { InspectionConfigSchema, RootsConfigSchema, SamplingConfigSchema } from "./config.js";

/**
 * Policy sections of the server → client defences, spread into the policy schema. Each
 * is optional; a missing section means its defaults (pinning and roots stay off unless
 * present, since they need a decision: where pins live, which roots to allow).
 */
export const DEFENCE_SECTIONS = {
  inspection: InspectionConfigSchema.optional(),
  secrets: SecretsConfigSchema.optional(),
  pinning: PinningConfigSchema.optional(),
  sampling: SamplingConfigSchema.optional(),
  roots: RootsConfigSchema.optional(),
  approval: ApprovalConfigSchema.optional(),
};
