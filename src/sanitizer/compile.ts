import { ruleMode, type SanitizerConfig } from "./config.js";
import type { FieldKind } from "./kinds.js";
import { canonicalPath, resolveSegments, type SensitiveLists, sensitiveLists } from "./paths.js";
import { LOCKED_RULES, type RuleId, type RuleMode } from "./rules.js";
import type { HostPolicy } from "./ssrf.js";

/** A configuration turned into lookup structures, once per policy (re)load. */
export interface CompiledSanitizer {
  readonly config: SanitizerConfig;
  readonly sensitive: SensitiveLists;
  /** Canonical roots (lower-case, `/`-separated). */
  readonly roots: readonly string[];
  readonly hosts: HostPolicy;
  mode(rule: RuleId): RuleMode;
  /** Field kinds the policy sets for a tool (by dotted path or bare key). */
  fieldsFor(tool: string | undefined): ReadonlyMap<string, FieldKind> | undefined;
  /** Rule modes the policy sets for a tool and its fields; undefined when none. */
  rulesFor(tool: string | undefined): ToolRuleModes | undefined;
}

/** Per-tool rule modes: for the whole tool, and per field (dotted path or bare key). */
export interface ToolRuleModes {
  readonly tool: Readonly<Partial<Record<RuleId, RuleMode>>>;
  readonly fields: ReadonlyMap<string, Readonly<Partial<Record<RuleId, RuleMode>>>>;
}

/** The mode of `rule` at a field (`canon`: dotted path with `*` for indices; `key`: bare key). */
export function modeAt(
  c: CompiledSanitizer,
  modes: ToolRuleModes | undefined,
  rule: RuleId,
  canon: string,
  key: string | number | undefined,
): RuleMode {
  if (modes === undefined || LOCKED_RULES.has(rule)) return c.mode(rule);
  const field =
    modes.fields.get(canon) ?? (typeof key === "string" ? modes.fields.get(key) : undefined);
  return field?.[rule] ?? modes.tool[rule] ?? c.mode(rule);
}

export function compileSanitizer(config: SanitizerConfig): CompiledSanitizer {
  const exact = new Map<string, Map<string, FieldKind>>();
  const prefixes: Array<[string, Map<string, FieldKind>]> = [];
  const exactRules = new Map<string, ToolRuleModes>();
  const prefixRules: Array<[string, ToolRuleModes]> = [];
  for (const [name, t] of Object.entries(config.tools)) {
    const fields = new Map(Object.entries(t.fields));
    const hasRules = Object.keys(t.rules).length > 0 || Object.keys(t.fieldRules).length > 0;
    const rules: ToolRuleModes = { tool: t.rules, fields: new Map(Object.entries(t.fieldRules)) };
    if (name.endsWith("*")) {
      prefixes.push([name.slice(0, -1), fields]);
      if (hasRules) prefixRules.push([name.slice(0, -1), rules]);
    } else {
      exact.set(name, fields);
      if (hasRules) exactRules.set(name, rules);
    }
  }
  // Longer prefixes first, so the most specific pattern wins.
  prefixes.sort((a, b) => b[0].length - a[0].length);
  prefixRules.sort((a, b) => b[0].length - a[0].length);
  const modes = new Map<RuleId, RuleMode>();
  return {
    config,
    sensitive: sensitiveLists(config.sensitivePaths),
    // Roots in resolved form (`/srv/app`, no trailing slash, no drive), as paths are compared.
    roots: config.roots.map((r) => `/${resolveSegments(canonicalPath(r)).segments.join("/")}`),
    hosts: { allowedHosts: new Set(config.allowedHosts.map((h) => h.toLowerCase())) },
    mode(rule) {
      let m = modes.get(rule);
      if (m === undefined) {
        m = ruleMode(config, rule);
        modes.set(rule, m);
      }
      return m;
    },
    fieldsFor(tool) {
      if (tool === undefined) return undefined;
      const hit = exact.get(tool);
      if (hit) return hit;
      for (const [p, f] of prefixes) if (tool.startsWith(p)) return f;
      return undefined;
    },
    rulesFor(tool) {
      if (tool === undefined) return undefined;
      if (exact.has(tool)) return exactRules.get(tool);
      for (const [p, r] of prefixRules) if (tool.startsWith(p)) return r;
      return undefined;
    },
  };
}
