import { ruleMode, type SanitizerConfig, type SanitizerTool } from "./config.js";
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
  /**
   * The mode of a rule for one argument of one tool: the tool's `fieldRules` for the
   * argument's dotted path (or bare key), then the tool's `rules`, then the global mode.
   */
  modeAt(rule: RuleId, tool: string | undefined, canon: string, key: string): RuleMode;
  /** Field kinds the policy sets for a tool (by dotted path or bare key). */
  fieldsFor(tool: string | undefined): ReadonlyMap<string, FieldKind> | undefined;
}

export function compileSanitizer(config: SanitizerConfig): CompiledSanitizer {
  const exact = new Map<string, Map<string, FieldKind>>();
  const prefixes: Array<[string, Map<string, FieldKind>]> = [];
  const toolExact = new Map<string, SanitizerTool>();
  const toolPrefixes: Array<[string, SanitizerTool]> = [];
  for (const [name, t] of Object.entries(config.tools)) {
    const fields = new Map(Object.entries(t.fields));
    if (name.endsWith("*")) {
      prefixes.push([name.slice(0, -1), fields]);
      toolPrefixes.push([name.slice(0, -1), t]);
    } else {
      exact.set(name, fields);
      toolExact.set(name, t);
    }
  }
  // Longer prefixes first, so the most specific pattern wins.
  prefixes.sort((a, b) => b[0].length - a[0].length);
  toolPrefixes.sort((a, b) => b[0].length - a[0].length);
  const toolFor = (tool: string | undefined): SanitizerTool | undefined => {
    if (tool === undefined) return undefined;
    const hit = toolExact.get(tool);
    if (hit) return hit;
    for (const [p, t] of toolPrefixes) if (tool.startsWith(p)) return t;
    return undefined;
  };
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
    modeAt(rule, tool, canon, key) {
      const t = toolFor(tool);
      if (t === undefined || LOCKED_RULES.has(rule)) return this.mode(rule);
      return (
        t.fieldRules[canon]?.[rule] ?? t.fieldRules[key]?.[rule] ?? t.rules[rule] ?? this.mode(rule)
      );
    },
    fieldsFor(tool) {
      if (tool === undefined) return undefined;
      const hit = exact.get(tool);
      if (hit) return hit;
      for (const [p, f] of prefixes) if (tool.startsWith(p)) return f;
      return undefined;
    },
  };
}
