import { getLimits } from "../config/limits.js";
import { type CompiledPolicy, compilePolicy } from "./compile.js";
import { DecisionCache } from "./decision-cache.js";
import { evaluatePolicy, type TraceStep } from "./evaluate.js";
import { parsePolicySource, readPolicyText } from "./load.js";
import type { PolicyDocument } from "./schema.js";
import type { AccessRequest, Decision, PolicyEngine } from "./types.js";

/** A decision with the steps that led to it, for `mcp-aegis explain` and debugging. */
export interface Explanation {
  decision: Decision;
  trace: TraceStep[];
}

/**
 * The YAML policy engine: deny by default, principals with roles, wildcard tool
 * patterns, resource and prompt rules, deny rules, argument conditions. Compiled once;
 * `evaluate` does no parsing and denies on any error (fail closed).
 *
 * @example
 * const engine = YamlPolicyEngine.fromFile("policies/filesystem-readonly.yaml");
 * engine.evaluate({ principal, action: "execute", target: { kind: "tool", name: "read_file" } });
 */
export class YamlPolicyEngine implements PolicyEngine {
  readonly document: PolicyDocument;
  readonly source: string;
  readonly #compiled: CompiledPolicy;
  readonly #cache: DecisionCache;

  constructor(
    document: PolicyDocument,
    source = "<policy>",
    locate?: (path: ReadonlyArray<string | number>) => string | undefined,
  ) {
    this.document = document;
    this.source = source;
    this.#compiled = compilePolicy(document, locate);
    this.#cache = new DecisionCache(this.#compiled);
  }

  static fromFile(file: string, maxBytes = getLimits().maxPolicyFileBytes): YamlPolicyEngine {
    return YamlPolicyEngine.fromString(readPolicyText(file, maxBytes), file);
  }

  static fromString(text: string, source = "<policy>"): YamlPolicyEngine {
    const parsed = parsePolicySource(text, source);
    return new YamlPolicyEngine(parsed.document, source, parsed.locate);
  }

  /** `monitor` when the policy asks to report instead of enforce. */
  get mode(): "enforce" | "monitor" {
    return this.#compiled.mode;
  }

  /** Decisions on tools and prompts are remembered when no argument condition can change them. */
  evaluate(request: AccessRequest): Decision {
    try {
      return this.#cache.decide(request);
    } catch (err) {
      // No safe decision is a deny.
      return { effect: "deny", reasons: [], errors: [String(err)] };
    }
  }

  /** Evaluates and records every rule that matched the target's name and what it did. */
  explain(request: AccessRequest): Explanation {
    const trace: TraceStep[] = [];
    try {
      return { decision: evaluatePolicy(this.#compiled, request, trace), trace };
    } catch (err) {
      // No safe decision is a deny.
      return { decision: { effect: "deny", reasons: [], errors: [String(err)] }, trace };
    }
  }
}
