import type { CompiledEntry, CompiledRule } from "./compile.js";
import { compilePattern, compileUriPattern } from "./pattern.js";
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
  /** Deny rules again, in lower case: looked up with the lower-cased name (see buildView). */
  readonly folded: FoldedDenies;
}

/** Deny rules with lower-cased patterns, by where the unfolded rule sits. */
export interface FoldedDenies {
  readonly tools: RuleIndex<CompiledRule>;
  readonly namespacedTools: RuleIndex<CompiledRule>;
  readonly namespacedDenies: RuleIndex<CompiledRule>;
  readonly resources: RuleIndex<CompiledRule>;
  readonly prompts: RuleIndex<CompiledRule>;
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

/** Blanks, controls and invisible characters: no tool or prompt name needs them. */
const IGNORED_IN_NAME = /[\s\p{Cc}\p{Cf}]/gu;
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/**
 * A name as a lenient server may look it up: NFKC, without blanks, controls or invisible
 * characters, in lower case (`Delete_File `, `delete\u200b_file`, fullwidth letters). A URI
 * is only lower-cased (it is canonical already, see canonicalUri).
 */
export function foldName(name: string, kind: CompiledRule["kind"]): string {
  // Printable ASCII without blanks (nearly every name) has nothing else to fold.
  if (kind === "resource" || PRINTABLE_ASCII.test(name)) return name.toLowerCase();
  return name.normalize("NFKC").replace(IGNORED_IN_NAME, "").toLowerCase();
}

/** The deny rule again with its pattern folded (foldName); allows are never folded. */
function addFolded(index: RuleIndex<CompiledRule>, r: CompiledRule, source = r.pattern.source) {
  if (r.effect !== "deny") return;
  const folded = foldName(source, r.kind);
  index.add(r.kind === "resource" ? compileUriPattern(folded) : compilePattern(folded), r);
}

/**
 * Merges the rules of the entries covering one caller into one indexed view. A deny rule
 * is indexed a second time folded (foldName): servers that look names up case-insensitively
 * or trimmed, and file servers on case-insensitive disks (macOS, Windows), act on
 * `DELETE_FILE `, `delete\u200b_file` or `file:///home/u/.SSH/id_rsa` as on the name the rule
 * denies. Only denials are added.
 */
export function buildView(entries: readonly CompiledEntry[]): PrincipalView {
  const view = {
    folded: {
      tools: new RuleIndex<CompiledRule>(),
      namespacedTools: new RuleIndex<CompiledRule>(),
      namespacedDenies: new RuleIndex<CompiledRule>(),
      resources: new RuleIndex<CompiledRule>(),
      prompts: new RuleIndex<CompiledRule>(),
    },
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
        addFolded(view.folded.tools, r);
        continue;
      }
      view.namespacedTools.add(r.pattern, r);
      addFolded(view.folded.namespacedTools, r);
      // Only denies are widened: an `ask` grants on approval, like an allow.
      if (r.effect === "deny") {
        const part = toolPart(r.pattern.source);
        view.namespacedDenies.add(compilePattern(part), r);
        addFolded(view.folded.namespacedDenies, r, part);
      }
    }
    for (const r of e.resourceRules) {
      view.resources.add(r.pattern, r);
      addFolded(view.folded.resources, r);
    }
    for (const r of e.promptRules) {
      view.prompts.add(r.pattern, r);
      addFolded(view.folded.prompts, r);
    }
    for (const [method, effect] of Object.entries(e.serverRequests)) {
      const list = view.serverRequests.get(method) ?? [];
      list.push({ id: `principals.${e.name}.server_requests.${method}`, effect });
      view.serverRequests.set(method, list);
    }
  }
  return view;
}
