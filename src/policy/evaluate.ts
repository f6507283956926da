import { canonicalUri } from "../uri/resource-uri.js";
import type { CompiledPolicy, CompiledRule, PrincipalView } from "./compile.js";
import type { RuleIndex } from "./rule-index.js";
import type { ServerRequestMethod } from "./schema.js";
import type { AccessRequest, Decision } from "./types.js";
import { foldName } from "./view.js";

/** One line of an explanation: a rule that matched the target's name and what it did. */
export interface TraceStep {
  rule: string;
  location?: string;
  effect: string;
  outcome: "applies" | "skipped";
  why: string;
}

const EMPTY: Readonly<Record<string, unknown>> = Object.freeze({});

/** Adds the deny rules of a folded index matching `name` folded (foldName), once each. */
function withFolded(
  out: CompiledRule[],
  index: RuleIndex<CompiledRule>,
  name: string,
  kind: CompiledRule["kind"],
) {
  if (index.size === 0) return out;
  for (const r of index.lookup(foldName(name, kind))) if (!out.includes(r)) out.push(r);
  return out;
}

/**
 * The rules whose pattern matches the target, from every entry covering the caller; deny
 * rules also when they match the folded name (see buildView).
 */
export function candidates(
  view: PrincipalView,
  request: AccessRequest,
  canonical: string | undefined,
): CompiledRule[] {
  const t = request.target;
  const folded = view.folded;
  switch (t.kind) {
    case "tool": {
      const out = withFolded(view.tools.lookup(t.name), folded.tools, t.name, "tool");
      if (t.server !== undefined) {
        const full = `${t.server}:${t.name}`;
        out.push(...view.namespacedTools.lookup(full));
        withFolded(out, folded.namespacedTools, full, "tool");
      } else {
        // No server name: namespaced allows cannot match; namespaced denies apply widened.
        out.push(...view.namespacedDenies.lookup(t.name));
        withFolded(out, folded.namespacedDenies, t.name, "tool");
      }
      return out;
    }
    case "resource": {
      const uri = canonical ?? t.uri;
      return withFolded(view.resources.lookup(uri), folded.resources, uri, "resource");
    }
    case "prompt":
      return withFolded(view.prompts.lookup(t.name), folded.prompts, t.name, "prompt");
    default:
      return [];
  }
}

/**
 * Whether an allow rule grants the request's action. As in the seed, `read` or `execute`
 * makes a tool visible (listed) and only `execute` makes it callable: a read-only caller
 * sees what exists and is refused when it calls. `defaults.list: callable` lists a tool
 * only when it may be called.
 */
function grants(rule: CompiledRule, request: AccessRequest, listCallable: boolean): boolean {
  if (rule.kind !== "tool") return rule.actions.has(request.action);
  const visible = rule.actions.has("read") || rule.actions.has("execute");
  if (request.listing === true) return listCallable ? rule.actions.has("execute") : visible;
  return request.action === "execute" ? rule.actions.has("execute") : visible;
}

/** The action named in explanations: what the allow rule had to grant. */
function needed(rule: CompiledRule, request: AccessRequest, listCallable: boolean): string {
  if (rule.kind !== "tool" || request.listing !== true) return request.action;
  return listCallable ? "execute" : "read or execute";
}

/** Adds the `file:line:col` of the deciding rules, when the policy came from a file. */
function located(d: Decision, rules: readonly CompiledRule[]): Decision {
  let locations: Record<string, string> | undefined;
  for (const r of rules) {
    if (r.location === undefined) continue;
    locations ??= {};
    locations[r.id] = r.location;
  }
  if (locations) d.locations = locations;
  return d;
}

/**
 * Decides one request. The order of rule kinds, fixed here and nowhere else:
 *
 * 1. Server → client requests: any covering entry that denies the method denies; else
 *    any that allows it allows; else `defaults.server_requests` (unset: sampling and
 *    elicitation denied, roots/list allowed).
 * 2. Rules whose pattern matches the target are collected from every entry covering the
 *    caller (its name or any of its roles).
 * 3. A matching deny rule denies, whatever allows exist (deny overrides allow). Its
 *    conditions are evaluated on the arguments; if they cannot be judged it still
 *    denies (fail closed). When listing, a deny with conditions does not hide.
 * 4. A matching allow rule that grants the action allows when its conditions hold
 *    (when listing, conditions are not evaluated). Listing a tool needs `read` or
 *    `execute` (`execute` with `defaults.list: callable`); calling it needs `execute`.
 *    An `ask` rule is an allow rule that needs a human: if one applies (and no deny
 *    does), the decision is `ask`, whatever plain allows also apply (ask overrides allow).
 * 5. If allow rules matched but none of their conditions held: deny.
 * 6. No rule matched: `defaults.effect`.
 *
 * An exception anywhere makes the caller (YamlPolicyEngine.evaluate) deny.
 */
export function evaluatePolicy(
  policy: CompiledPolicy,
  request: AccessRequest,
  trace?: TraceStep[],
): Decision {
  const view = policy.viewFor(request.principal);
  const t = request.target;
  if (t.kind === "server-request") {
    const rules = view.serverRequests.get(t.method) ?? [];
    const denies = rules.filter((r) => r.effect === "deny").map((r) => r.id);
    if (denies.length) return { effect: "deny", reasons: denies, errors: [] };
    const allow = rules.find((r) => r.effect === "allow");
    if (allow) return { effect: "allow", reasons: [allow.id], errors: [] };
    return {
      // An unknown method never reaches here (the check gates only the three); deny if it did.
      effect: policy.defaultServerRequests[t.method as ServerRequestMethod] ?? "deny",
      reasons: ["defaults.server_requests"],
      errors: [],
    };
  }
  // A resource is judged in the one reading the server will act on, or refused.
  let canonical: string | undefined;
  if (t.kind === "resource") {
    const c = canonicalUri(t.uri, policy.resourceUris);
    if (!c.ok) {
      return {
        effect: "deny",
        reasons: ["defaults.resource_uris"],
        errors: [],
        detail: `the URI is refused: ${c.reason}`,
      };
    }
    canonical = c.uri;
  }
  const args = request.arguments ?? EMPTY;
  const listing = request.listing === true;
  const denies: string[] = [];
  let allow: CompiledRule | undefined;
  let ask: CompiledRule | undefined;
  let failed: { rule: CompiledRule; why: string } | undefined;
  const denyRules: CompiledRule[] = [];
  let matchedAllow = false;
  const note = (rule: CompiledRule, outcome: TraceStep["outcome"], why: string) =>
    trace?.push({
      rule: rule.id,
      ...(rule.location !== undefined ? { location: rule.location } : {}),
      effect: rule.effect,
      outcome,
      why,
    });
  for (const rule of candidates(view, request, canonical)) {
    if (rule.effect === "deny") {
      if (!rule.conditions) {
        denies.push(rule.id);
        denyRules.push(rule);
        note(rule, "applies", `pattern "${rule.pattern.source}" matches`);
        continue;
      }
      if (listing) {
        note(rule, "skipped", "conditions are not evaluated in a list");
        continue;
      }
      const r = rule.conditions.evaluate(args);
      if (r.outcome === "fail") {
        note(rule, "skipped", `condition ${r.argument}.${r.test} does not hold`);
        continue;
      }
      denies.push(rule.id);
      denyRules.push(rule);
      note(
        rule,
        "applies",
        r.outcome === "hold"
          ? "its conditions hold"
          : `condition ${r.argument}.${r.test} cannot be judged (fail closed)`,
      );
      continue;
    }
    if (rule.effect !== "allow" && rule.effect !== "ask") {
      // An effect this version does not know (a newer policy): no safe decision.
      const unknown: never = rule.effect;
      throw new TypeError(`rule ${rule.id} has an unknown effect ${String(unknown)}`);
    }
    if (!grants(rule, request, policy.listCallable)) {
      note(rule, "skipped", `does not grant ${needed(rule, request, policy.listCallable)}`);
      continue;
    }
    matchedAllow = true;
    if (rule.conditions && !listing) {
      const r = rule.conditions.evaluate(args);
      if (r.outcome !== "hold") {
        const why = `condition ${r.argument}.${r.test} ${r.outcome === "fail" ? "does not hold" : "cannot be judged"}`;
        failed ??= { rule, why };
        note(rule, "skipped", why);
        continue;
      }
    }
    if (rule.effect === "ask") ask ??= rule;
    else allow ??= rule;
    note(
      rule,
      "applies",
      rule.conditions ? "pattern matches and conditions hold" : "pattern matches",
    );
  }
  if (denies.length) return located({ effect: "deny", reasons: denies, errors: [] }, denyRules);
  if (ask) return located({ effect: "ask", reasons: [ask.id], errors: [] }, [ask]);
  if (allow) return located({ effect: "allow", reasons: [allow.id], errors: [] }, [allow]);
  if (matchedAllow && failed) {
    return located({ effect: "deny", reasons: [failed.rule.id], errors: [], detail: failed.why }, [
      failed.rule,
    ]);
  }
  return { effect: policy.defaultEffect, reasons: ["defaults.effect"], errors: [] };
}
