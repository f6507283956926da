import type { CompiledEntry, CompiledRule } from "./compile.js";
import { compilePattern } from "./pattern.js";
import { RuleIndex } from "./rule-index.js";
import type { Effect } from "./types.js";

/** Every rule that can apply to one caller, indexed for lookup. */
export interface PrincipalView {
  /** Names of the entries covering the caller. */
  readonly entries: readonly string[];
  readonly tools: RuleIndex<CompiledRule>;
  /** `server:tool` patterns, matched when the server's name is known. */
  readonly namespacedTools: RuleIndex<CompiledRule>;
  /** Namespaced deny rules reduced to their tool part, for when the server's name is not known. */
  readonly namespacedDenies: RuleIndex<CompiledRule>;
  readonly resources: RuleIndex<CompiledRule>;
  readonly prompts: RuleIndex<CompiledRule>;
  readonly serverRequests: ReadonlyMap<string, ReadonlyArray<{ id: string; effect: Effect }>>;
}

/**
 * The tool part of a namespaced pattern, widened so it matches at least every name the
 * full pattern could: `fs:write_*` → `write_*`, `f*:x` → `*x`. Used only for deny rules.
 */
function toolPart(source: string): string {
  const colon = source.indexOf(":");
  const ns = source.slice(0, colon);
  const rest = source.slice(colon + 1);
  return ns.includes("*") ? `*${rest}` : rest;
}

/** Merges the rules of the entries covering one caller into one indexed view. */
export function buildView(entries: readonly CompiledEntry[]): PrincipalView {
  const view = {
    entries: entries.map((e) => e.name),
    tools: new RuleIndex<CompiledRule>(),
    namespacedTools: new RuleIndex<CompiledRule>(),
    namespacedDenies: new RuleIndex<CompiledRule>(),
    resources: new RuleIndex<CompiledRule>(),
    prompts: new RuleIndex<CompiledRule>(),
    serverRequests: new Map<string, Array<{ id: string; effect: Effect }>>(),
  };
  for (const e of entries) {
    for (const r of e.toolRules) {
      if (!r.pattern.namespaced) {
        view.tools.add(r.pattern, r);
        continue;
      }
      view.namespacedTools.add(r.pattern, r);
      // Only denies are widened: an `ask` grants on approval, like an allow.
      if (r.effect === "deny")
        view.namespacedDenies.add(compilePattern(toolPart(r.pattern.source)), r);
    }
    for (const r of e.resourceRules) view.resources.add(r.pattern, r);
    for (const r of e.promptRules) view.prompts.add(r.pattern, r);
    for (const [method, effect] of Object.entries(e.serverRequests)) {
      const list = view.serverRequests.get(method) ?? [];
      list.push({ id: `principals.${e.name}.server_requests.${method}`, effect });
      view.serverRequests.set(method, list);
    }
  }
  return view;
}
