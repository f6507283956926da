import type { Principal } from "../pipeline/types.js";
import type { UriMode } from "../uri/resource-uri.js";
import { type CompiledConditions, compileConditions } from "./conditions.js";
import { type CompiledPattern, compilePattern, compileUriPattern } from "./pattern.js";
import type { PolicyDocument, ServerRequestMethod } from "./schema.js";
import type { Action, Effect } from "./types.js";
import { buildView, type PrincipalView } from "./view.js";

export type RuleKind = "tool" | "resource" | "prompt";

export interface CompiledRule {
  /** Stable id for audit and explain: `principals.<name>.tools[<i>]`. */
  readonly id: string;
  /** `file:line:col` of the rule, when the policy came from a file. */
  readonly location?: string;
  readonly kind: RuleKind;
  readonly effect: Effect;
  readonly pattern: CompiledPattern;
  readonly actions: ReadonlySet<Action>;
  readonly conditions?: CompiledConditions;
}

export interface CompiledEntry {
  readonly name: string;
  readonly roles: ReadonlySet<string>;
  readonly toolRules: readonly CompiledRule[];
  readonly resourceRules: readonly CompiledRule[];
  readonly promptRules: readonly CompiledRule[];
  readonly serverRequests: Readonly<Partial<Record<ServerRequestMethod, Effect>>>;
}

export interface CompiledPolicy {
  readonly defaultEffect: Effect;
  /** Per method: the decision when no entry names it. */
  readonly defaultServerRequests: Readonly<Record<ServerRequestMethod, Effect>>;
  /** `defaults.list: callable`: lists show only tools the caller may call. */
  readonly listCallable: boolean;
  /** How resource URIs are read (see src/uri/resource-uri.ts). */
  readonly resourceUris: UriMode;
  readonly mode: "enforce" | "monitor";
  readonly entries: readonly CompiledEntry[];
  /** The rules covering a caller, compiled once per distinct (id, roles) and cached. */
  viewFor(principal: Principal): PrincipalView;
}

/** Maps a path in the policy document to `file:line:col`, when known. */
export type Locate = (path: ReadonlyArray<string | number>) => string | undefined;

const VIEW_CACHE_MAX = 256;

export type { PrincipalView };

function compileEntry(name: string, e: PolicyDocument["principals"][string], locate?: Locate) {
  const rule = (
    kind: RuleKind,
    list: "tools" | "resources" | "prompts",
    i: number,
    r: { pattern: string; actions?: Action[]; effect?: Effect; when?: Record<string, never> },
  ): CompiledRule => {
    const location = locate?.(["principals", name, list, i]);
    const when = (r as { when?: Parameters<typeof compileConditions>[0] }).when;
    return {
      id: `principals.${name}.${list}[${i}]`,
      ...(location !== undefined ? { location } : {}),
      kind,
      effect: r.effect ?? "allow",
      pattern: kind === "resource" ? compileUriPattern(r.pattern) : compilePattern(r.pattern),
      actions: new Set(r.actions ?? ["read"]),
      ...(when && Object.keys(when).length ? { conditions: compileConditions(when) } : {}),
    };
  };
  return {
    name,
    roles: new Set(e.roles),
    toolRules: e.tools.map((r, i) => rule("tool", "tools", i, r as never)),
    resourceRules: e.resources.map((r, i) => rule("resource", "resources", i, r as never)),
    promptRules: e.prompts.map((r, i) => rule("prompt", "prompts", i, r as never)),
    serverRequests: { ...(e.server_requests ?? {}) },
  };
}

/** An entry covers a caller named by its key or holding one of its roles. */
export function covers(entry: CompiledEntry, principal: Principal): boolean {
  if (entry.name === principal.id) return true;
  for (const role of principal.roles) if (entry.roles.has(role)) return true;
  return false;
}

/**
 * Compiles a validated policy once per load: patterns become matchers (exact names are
 * indexed, wildcards go in a prefix trie), conditions become closures, regexes are
 * compiled. Per caller, the covering entries are merged into one indexed view, cached.
 */
export function compilePolicy(doc: PolicyDocument, locate?: Locate): CompiledPolicy {
  const entries = Object.entries(doc.principals).map(([name, e]) => compileEntry(name, e, locate));
  const views = new Map<string, PrincipalView>();
  // A session keeps one Principal object: remembering it by identity skips building the key.
  const byObject = new WeakMap<Principal, PrincipalView>();
  return {
    defaultEffect: doc.defaults.effect,
    defaultServerRequests: defaultServerRequests(doc.defaults.server_requests),
    resourceUris: doc.defaults.resource_uris,
    listCallable: doc.defaults.list === "callable",
    mode: doc.mode,
    entries,
    viewFor(principal) {
      const known = byObject.get(principal);
      if (known) return known;
      const key = `${principal.id}\u0000${[...principal.roles].sort().join("\u0000")}`;
      let view = views.get(key);
      if (!view) {
        if (views.size >= VIEW_CACHE_MAX) views.clear();
        view = buildView(entries.filter((e) => covers(e, principal)));
        views.set(key, view);
      }
      byObject.set(principal, view);
      return view;
    },
  };
}

/**
 * Deny by default: what a server asks of the client (a model call, a question to the user)
 * is refused unless named; roots/list only reveals the folders the client chose to share,
 * and servers such as server-filesystem need it to work, so it stays allowed.
 */
function defaultServerRequests(
  given: Effect | undefined,
): Readonly<Record<ServerRequestMethod, Effect>> {
  return {
    "sampling/createMessage": given ?? "deny",
    "elicitation/create": given ?? "deny",
    "roots/list": given ?? "allow",
  };
}
