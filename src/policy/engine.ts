import { getLimits } from "../config/limits.js";
import { type CompiledPolicy, compilePolicy } from "./compile.js";
import { evaluatePolicy } from "./evaluate.js";
import { loadPolicyFile, parsePolicy } from "./load.js";
import type { PolicyDocument } from "./schema.js";
import type { AccessRequest, Decision, PolicyEngine } from "./types.js";

/**
 * The YAML RBAC policy engine (seed format): deny by default, principals with roles,
 * wildcard tool patterns, actions. Compiled once; `evaluate` does no parsing.
 *
 * @example
 * const engine = YamlPolicyEngine.fromFile("policies/developer.yaml");
 * engine.evaluate({ principal, action: "execute", target: { kind: "tool", name: "read_file" } });
 */
export class YamlPolicyEngine implements PolicyEngine {
  readonly document: PolicyDocument;
  readonly source: string;
  #compiled: CompiledPolicy;

  constructor(document: PolicyDocument, source = "<policy>") {
    this.document = document;
    this.source = source;
    this.#compiled = compilePolicy(document);
  }

  static fromFile(file: string, maxBytes = getLimits().maxPolicyFileBytes): YamlPolicyEngine {
    return new YamlPolicyEngine(loadPolicyFile(file, maxBytes), file);
  }

  static fromString(text: string, source = "<policy>"): YamlPolicyEngine {
    return new YamlPolicyEngine(parsePolicy(text, source), source);
  }

  evaluate(request: AccessRequest): Decision {
    try {
      return evaluatePolicy(this.#compiled, request);
    } catch (err) {
      // No safe decision is a deny.
      return { effect: "deny", reasons: [], errors: [String(err)] };
    }
  }
}
