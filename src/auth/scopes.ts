import type { Principal } from "../pipeline/types.js";
import type { PolicyEngine, Target } from "../policy/types.js";

/** A policy document as far as scope requirements go: rules may list `scopes`. */
interface ScopedDocument {
  principals?: Record<string, { tools?: ReadonlyArray<{ scopes?: readonly string[] }> }>;
}

const RULE_ID = /^principals\.(.+)\.tools\[(\d+)\]$/;

function documentOf(engine: PolicyEngine): ScopedDocument | undefined {
  const doc = (engine as { document?: unknown }).document;
  return typeof doc === "object" && doc !== null ? (doc as ScopedDocument) : undefined;
}

/** The scopes a rule (by its audit id, `principals.<name>.tools[<i>]`) requires. */
function ruleScopes(doc: ScopedDocument, ruleId: string | undefined): readonly string[] {
  const m = ruleId === undefined ? null : RULE_ID.exec(ruleId);
  if (!m) return [];
  return doc.principals?.[m[1] as string]?.tools?.[Number(m[2])]?.scopes ?? [];
}

/** Every scope any rule of the policy requires (for `scopes_supported` in RFC 9728 metadata). */
export function policyScopes(engine: PolicyEngine): string[] {
  const out = new Set<string>();
  for (const entry of Object.values(documentOf(engine)?.principals ?? {})) {
    for (const rule of entry.tools ?? []) for (const s of rule.scopes ?? []) out.add(s);
  }
  return [...out].sort();
}

/**
 * Scopes the caller's token lacks for a tools/call. The policy decides as usual; when the
 * rule that allows the call lists `scopes:`, the token must carry all of them. Returns []
 * when nothing is missing, when the policy denies anyway (the policy check answers that), or
 * when the caller did not come with a token (no scopes at all: local identities).
 */
export function missingScopes(
  engine: PolicyEngine,
  principal: Principal,
  target: Target,
  args?: Readonly<Record<string, unknown>>,
): string[] {
  if (principal.scopes === undefined) return [];
  const doc = documentOf(engine);
  if (!doc) return [];
  const decision = engine.evaluate({
    principal,
    action: "execute",
    target,
    ...(args ? { arguments: args } : {}),
  });
  if (decision.effect !== "allow") return [];
  const have = principal.scopes;
  return ruleScopes(doc, decision.reasons[0]).filter((s) => !have.has(s));
}
