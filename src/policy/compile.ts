import type { Principal } from "../pipeline/types.js";
import { type CompiledPattern, compilePattern } from "./pattern.js";
import type { PolicyDocument } from "./schema.js";
import type { Action, Effect } from "./types.js";

export interface CompiledRule {
  /** Stable id for audit and explain: `principals.<name>.tools[<i>]`. */
  readonly id: string;
  readonly pattern: CompiledPattern;
  readonly actions: ReadonlySet<Action>;
}

export interface CompiledEntry {
  readonly name: string;
  readonly roles: ReadonlySet<string>;
  readonly toolRules: readonly CompiledRule[];
}

export interface CompiledPolicy {
  readonly defaultEffect: Effect;
  readonly entries: readonly CompiledEntry[];
}

/** Compiles a validated policy once per load: patterns become matchers, lists become sets. */
export function compilePolicy(doc: PolicyDocument): CompiledPolicy {
  const entries = Object.entries(doc.principals).map(([name, entry]) => ({
    name,
    roles: new Set(entry.roles),
    toolRules: entry.tools.map((rule, i) => ({
      id: `principals.${name}.tools[${i}]`,
      pattern: compilePattern(rule.pattern),
      actions: new Set(rule.actions),
    })),
  }));
  return { defaultEffect: doc.defaults.effect, entries };
}

/** An entry covers a caller named by its key or holding one of its roles. */
export function covers(entry: CompiledEntry, principal: Principal): boolean {
  if (entry.name === principal.id) return true;
  for (const role of principal.roles) if (entry.roles.has(role)) return true;
  return false;
}
