import { readFileSync } from "node:fs";
import type { Limits } from "../../config/limits.js";
import { type SanitizerConfig, SanitizerConfigSchema } from "../../sanitizer/config.js";
import type { FieldKind } from "../../sanitizer/kinds.js";
import { LOCKED_RULES, RULES } from "../../sanitizer/rules.js";
import { type Finding, Sanitizer } from "../../sanitizer/sanitizer.js";
import { loadShellParser, shellParserFailure } from "../../sanitizer/shell/parser.js";
import { redactSecrets } from "../../secrets/detectors.js";

/** The kind one string argument was judged as, and the step that decided it. */
export interface KindNote {
  readonly path: string;
  readonly kind: FieldKind;
  readonly reason: string;
}

/** What `mcp-aegis explain --tool … --args …` reports about the sanitizer. */
export interface ArgsExplanation {
  readonly tool: string;
  readonly kinds: readonly KindNote[];
  /** Every finding, in scan order (the scan does not stop at the first block). */
  readonly findings: readonly Finding[];
  /** A finding in block mode: the shim would refuse the call. */
  readonly blocked: boolean;
  /** Set when the sanitizer is off in the policy. */
  readonly disabled: boolean;
}

export interface ExplainArgsInput {
  tool: string;
  args: Record<string, unknown>;
  /** The policy's `sanitizer:` section (defaults when absent). */
  config?: SanitizerConfig;
  /** The tool's definition as tools/list gives it (its inputSchema guides kinds). */
  toolDefinition?: Readonly<Record<string, unknown>>;
  limits: Pick<Limits, "sanitizerMaxScanBytes" | "maxArgumentBytes">;
}

/**
 * Runs the sanitizer on one tool call in explain mode: every finding, and the kind of every
 * string argument with its reason. Waits for the bash parser first, so command values are
 * judged exactly as the shim judges them once it is loaded.
 */
export async function explainArgs(input: ExplainArgsInput): Promise<ArgsExplanation> {
  const config = input.config ?? SanitizerConfigSchema.parse({});
  if (!config.enabled)
    return { tool: input.tool, kinds: [], findings: [], blocked: false, disabled: true };
  await loadShellParser();
  const failure = shellParserFailure();
  if (failure) process.stderr.write(`mcp-aegis explain: ${failure}\n`);
  const sanitizer = new Sanitizer(config);
  const kinds: KindNote[] = [];
  const findings: Finding[] = [];
  const result = sanitizer.scan(input.args, {
    tool: input.tool,
    ...(input.toolDefinition ? { toolDefinition: input.toolDefinition } : {}),
    maxScanBytes: input.limits.sanitizerMaxScanBytes,
    maxValueBytes: input.limits.maxArgumentBytes,
    collect: findings,
    onKind: (path, kind, reason) => kinds.push({ path, kind, reason }),
  });
  // The limit findings end the scan without going through `collect`.
  if (result.blocked && !findings.includes(result.blocked)) findings.push(result.blocked);
  const blocked = findings.some((f) => f.mode === "block");
  return { tool: input.tool, kinds, findings, blocked, disabled: false };
}

/** A token-shaped run (letters and digits, 20+ characters) cut by the excerpt: masked. */
const TOKEN_LIKE = /[A-Za-z0-9_+/-]{20,}/g;

/**
 * The excerpt as it may be printed: credentials redacted by the secret detectors, and any
 * token-shaped run masked (an excerpt can cut a secret so that no detector knows it).
 */
export function safeExcerpt(excerpt: string): string {
  const { text } = redactSecrets(excerpt);
  return text.replace(TOKEN_LIKE, (t) =>
    /[0-9]/.test(t) && /[A-Za-z]/.test(t) ? `${t.slice(0, 4)}…[masked]` : t,
  );
}

/**
 * The dotted argument path the policy's `fieldRules` and `fields` use (`files.*.path`) for a
 * finding's JSON path (`$.files[0].path`); undefined when a key cannot be spelled plainly.
 */
export function fieldPathOf(jsonPath: string): string | undefined {
  if (jsonPath === "$") return undefined;
  const out: string[] = [];
  const re = /\.([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|(.)/gy;
  for (let m = re.exec(jsonPath.slice(1)); m !== null; m = re.exec(jsonPath.slice(1))) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push("*");
    else return undefined;
  }
  return out.length ? out.join(".") : undefined;
}

const yamlKey = (s: string) => (/^[A-Za-z_][\w.*-]*$/.test(s) ? s : JSON.stringify(s));

/** The policy snippet that relaxes one finding: for that argument, else for the whole tool. */
export function exemptionSnippet(tool: string, f: Finding): string | undefined {
  if (LOCKED_RULES.has(f.rule)) return undefined;
  const field = fieldPathOf(f.path);
  const lines = ["sanitizer:", "  tools:", `    ${yamlKey(tool)}:`];
  if (field !== undefined)
    lines.push("      fieldRules:", `        ${yamlKey(field)}: { ${f.rule}: monitor }`);
  else lines.push(`      rules: { ${f.rule}: monitor }`);
  return lines.join("\n");
}

/** The report printed by `mcp-aegis explain --tool … --args …` (stdout; nothing secret). */
export function formatArgsExplanation(e: ArgsExplanation): string {
  if (e.disabled)
    return `sanitizer: off in the policy (sanitizer.enabled: false): tool "${e.tool}" is not scanned`;
  const out = [`sanitizer: tool "${e.tool}": ${e.blocked ? "BLOCKED" : "passes"}`];
  out.push("", "argument kinds:");
  if (e.kinds.length === 0) out.push("  (no string arguments)");
  for (const k of e.kinds) out.push(`  ${k.path}: ${k.kind} (${k.reason})`);
  out.push("", e.findings.length ? "findings:" : "findings: none");
  for (const f of e.findings) {
    out.push(
      `  ${f.mode.toUpperCase()} ${f.rule} at ${f.path}${f.inKey ? " (key)" : ""} ` +
        `[${f.kind} field] ${safeExcerpt(f.excerpt)}`,
      `    ${RULES[f.rule]}`,
    );
  }
  const exemptions = e.findings
    .filter((f) => f.mode === "block")
    .map((f) => ({ f, snippet: exemptionSnippet(e.tool, f) }))
    .filter((x, i, all) => all.findIndex((y) => y.snippet === x.snippet) === i);
  if (exemptions.length) {
    out.push("", "to relax a finding, add to the policy (monitor logs and forwards; off ignores):");
    for (const { f, snippet } of exemptions)
      out.push(
        snippet === undefined
          ? `  ${f.rule}: a scan limit, cannot be relaxed (raise the limit instead)`
          : snippet
              .split("\n")
              .map((l) => `  ${l}`)
              .join("\n"),
      );
  }
  return out.join("\n");
}

/** A tool definition from `--tool-def '<json>'` or `--tool-def-file f.json`. */
export function readToolDefinition(
  json: string | undefined,
  file: string | undefined,
): Record<string, unknown> | undefined {
  if (json !== undefined && file !== undefined)
    throw new Error("give --tool-def or --tool-def-file, not both");
  const text = file !== undefined ? readFileSync(file, "utf8") : json;
  if (text === undefined) return undefined;
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (err) {
    throw new Error(
      `${file ?? "--tool-def"}: expected a tool definition as JSON (${(err as Error).message})`,
    );
  }
  if (typeof v !== "object" || v === null || Array.isArray(v))
    throw new Error(`${file ?? "--tool-def"}: expected a JSON object with an inputSchema`);
  return v as Record<string, unknown>;
}
