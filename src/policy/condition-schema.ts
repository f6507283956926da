import { z } from "zod";
import { normalizePath } from "./normalize.js";
import { re2 } from "./re2.js";

const OneOrMany = z.union([z.string(), z.array(z.string()).min(1)]);
const Scalar = z.union([z.string(), z.number(), z.boolean()]);

/** A regular expression in RE2 syntax: matched in linear time, so attacker input cannot make it slow. */
const RegexSchema = z
  .string()
  .max(1024, "a regular expression is at most 1024 characters")
  .superRefine((source, ctx) => {
    try {
      re2().compile(source);
    } catch (err) {
      ctx.addIssue({
        code: "custom",
        message: `bad regular expression (RE2 syntax): ${(err as Error).message}`,
      });
    }
  });

/** A path root: absolute (POSIX or a Windows drive), normalised when compiled. */
const RootSchema = OneOrMany.superRefine((value, ctx) => {
  for (const root of typeof value === "string" ? [value] : value) {
    if (normalizePath(root) === undefined) {
      ctx.addIssue({
        code: "custom",
        message: `"${root}" is not an absolute path (write /dir or C:\\dir)`,
      });
    }
  }
});

const OPERATORS = [
  "under",
  "not_under",
  "starts_with",
  "not_starts_with",
  "one_of",
  "not_one_of",
  "matches",
  "not_matches",
  "max_length",
  "max_items",
  "min",
  "max",
] as const;

/**
 * One argument condition. Every operator given must hold. A string operator applied to
 * an array applies to every element. No operator runs code or a backtracking regex.
 */
export const ConditionSchema = z
  .strictObject({
    under: RootSchema.optional().describe("path is one of these directories or inside one"),
    not_under: RootSchema.optional().describe("path is outside all of these directories"),
    starts_with: OneOrMany.optional().describe("string starts with one of these"),
    not_starts_with: OneOrMany.optional().describe("string starts with none of these"),
    one_of: z.array(Scalar).min(1).optional().describe("value equals one of these"),
    not_one_of: z.array(Scalar).min(1).optional().describe("value equals none of these"),
    matches: RegexSchema.optional().describe("RE2 regular expression found in the string"),
    not_matches: RegexSchema.optional().describe("RE2 regular expression not found"),
    max_length: z.int().nonnegative().optional().describe("at most this many characters"),
    max_items: z.int().nonnegative().optional().describe("an array of at most this many items"),
    min: z.number().optional().describe("a number at least this"),
    max: z.number().optional().describe("a number at most this"),
    ignore_case: z.boolean().optional().describe("compare strings case-insensitively"),
    optional: z.boolean().optional().describe("an absent argument passes (default: it fails)"),
  })
  .refine((c) => OPERATORS.some((op) => c[op] !== undefined), {
    message: `a condition needs at least one of: ${OPERATORS.join(", ")}`,
  });
export type Condition = z.infer<typeof ConditionSchema>;
