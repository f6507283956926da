import type { Explanation } from "./engine.js";
import type { AccessRequest, Action, Target } from "./types.js";

/** A question written by a person (CLI flags, a test case), before it becomes a request. */
export interface QuestionSpec {
  principal: string;
  roles?: readonly string[];
  tool?: string;
  resource?: string;
  prompt?: string;
  serverRequest?: string;
  server?: string;
  action?: Action;
  args?: Readonly<Record<string, unknown>>;
  /** Ask whether the target shows in a list (conditions not evaluated). */
  list?: boolean;
}

/** Turns a spec into an AccessRequest; throws TypeError unless exactly one target is named. */
export function requestFromSpec(spec: QuestionSpec): AccessRequest {
  const named = [spec.tool, spec.resource, spec.prompt, spec.serverRequest].filter(
    (v) => v !== undefined,
  );
  if (named.length !== 1) {
    throw new TypeError("name exactly one of: tool, resource, prompt, server request");
  }
  const ns = spec.server === undefined ? {} : { server: spec.server };
  let target: Target;
  if (spec.tool !== undefined) target = { kind: "tool", name: spec.tool, ...ns };
  else if (spec.resource !== undefined) target = { kind: "resource", uri: spec.resource, ...ns };
  else if (spec.prompt !== undefined) target = { kind: "prompt", name: spec.prompt, ...ns };
  else target = { kind: "server-request", method: spec.serverRequest as string };
  const action: Action =
    spec.action ??
    (target.kind === "tool" || target.kind === "server-request" ? "execute" : "read");
  return {
    principal: { id: spec.principal, roles: new Set(spec.roles ?? []) },
    action,
    target,
    ...(spec.args !== undefined ? { arguments: spec.args } : {}),
    ...(spec.list === true ? { listing: true } : {}),
  };
}

export function describeTarget(t: Target): string {
  switch (t.kind) {
    case "tool":
      return `tool "${t.server === undefined ? "" : `${t.server}:`}${t.name}"`;
    case "resource":
      return `resource "${t.uri}"`;
    case "prompt":
      return `prompt "${t.name}"`;
    default:
      return `server request "${t.method}"`;
  }
}

/**
 * Formats an explanation for people: the decision, the rule that made it, and every rule
 * whose pattern matched with what it did.
 *
 * @example
 * deny  execute tool "write_file" for "reader" (roles: ro)
 *   decided by principals.reader.tools[1] (policy.yaml:12:7): condition path.under does not hold
 */
export function formatExplanation(request: AccessRequest, e: Explanation): string {
  const { decision, trace } = e;
  const p = request.principal;
  const who = p.roles.size ? `"${p.id}" (roles: ${[...p.roles].join(", ")})` : `"${p.id}"`;
  const lines = [
    `${decision.effect.padEnd(5)} ${request.listing ? "list" : request.action} ${describeTarget(request.target)} for ${who}`,
  ];
  const located = (id: string) => {
    const step = trace.find((s) => s.rule === id);
    return step?.location ? `${id} (${step.location})` : id;
  };
  if (decision.errors.length) lines.push(`  error: ${decision.errors.join("; ")} (fail closed)`);
  else {
    const by = decision.reasons.map(located).join(", ");
    lines.push(`  decided by ${by}${decision.detail ? `: ${decision.detail}` : ""}`);
  }
  if (trace.length) {
    lines.push("  rules whose pattern matched:");
    for (const s of trace) {
      lines.push(
        `    ${s.rule} ${s.effect} → ${s.outcome}: ${s.why}${s.location ? `  [${s.location}]` : ""}`,
      );
    }
  }
  return lines.join("\n");
}
