import { type Command, Option } from "commander";
import type { Limits } from "../config/limits.js";
import { positiveInt } from "./options.js";

/** A command-line flag that sets one limit (the flags with a longer history live in program.ts). */
interface LimitFlag {
  readonly flags: string;
  readonly key: keyof Limits;
  readonly description: string;
  /** Takes no value: present means true. */
  readonly boolean?: boolean;
}

/** One flag for every limit not already on the program, so each is settable from the CLI. */
export const LIMIT_FLAGS: readonly LimitFlag[] = Object.freeze([
  {
    flags: "--max-args-total-size <bytes>",
    key: "maxArgumentsTotalBytes",
    description: "max bytes of all tools/call arguments together",
  },
  {
    flags: "--max-http-body-size <bytes>",
    key: "maxHttpBodyBytes",
    description: "max bytes of one HTTP request body",
  },
  {
    flags: "--sanitizer-max-scan-size <bytes>",
    key: "sanitizerMaxScanBytes",
    description: "max bytes the sanitizer scans in one message",
  },
  {
    flags: "--max-policy-file-size <bytes>",
    key: "maxPolicyFileBytes",
    description: "max bytes of the policy file",
  },
  {
    flags: "--max-concurrent-requests <n>",
    key: "maxConcurrentRequests",
    description: "max requests in flight each way; beyond it requests get an error",
  },
  {
    flags: "--transport-timeout <ms>",
    key: "transportTimeoutMs",
    description: "upstream transport timeout",
  },
  {
    flags: "--redis-operation-timeout <ms>",
    key: "redisOperationTimeoutMs",
    description: "timeout of one Redis operation",
  },
  {
    flags: "--redis-fail-open",
    key: "redisFailOpen",
    description: "fall back to a per-process limiter when Redis fails",
    boolean: true,
  },
  {
    flags: "--shutdown-timeout <ms>",
    key: "targetShutdownTimeoutMs",
    description: "grace after stdin EOF before SIGTERM, and again before SIGKILL",
  },
]);

const optionOf = (f: LimitFlag) => new Option(f.flags, f.description);

/** Adds the limit flags the program does not define yet (another module may own one). */
export function addLimitFlags(program: Command): Command {
  for (const f of LIMIT_FLAGS) {
    const option = optionOf(f);
    if (program.options.some((o) => o.long === option.long)) continue;
    program.addOption(f.boolean ? option : option.argParser(positiveInt));
  }
  return program;
}

/** The limits the flags of a parsed command line set. */
export function limitsFromFlags(opts: Readonly<Record<string, unknown>>): Partial<Limits> {
  const out: Record<string, unknown> = {};
  for (const f of LIMIT_FLAGS) {
    const value = opts[optionOf(f).attributeName()];
    if (value !== undefined) out[f.key] = value;
  }
  return out as Partial<Limits>;
}
