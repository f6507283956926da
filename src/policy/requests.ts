import type { Action, Target } from "./types.js";
import { foldName } from "./view.js";

/**
 * Which method needs which action, in one table (docs/policy.md repeats it). `list`
 * methods are not refused: their results are filtered, item by item, with the action.
 */
export const METHOD_ACTIONS = Object.freeze({
  "tools/call": { kind: "tool", action: "execute", names: "params.name" },
  "resources/read": { kind: "resource", action: "read", names: "params.uri" },
  "resources/subscribe": { kind: "resource", action: "read", names: "params.uri" },
  "resources/unsubscribe": { kind: "resource", action: "read", names: "params.uri" },
  "prompts/get": { kind: "prompt", action: "read", names: "params.name" },
  "completion/complete": { kind: "prompt|resource", action: "read", names: "params.ref" },
  "tools/list": { kind: "tool", action: "execute", names: "result.tools[].name", list: true },
  "resources/list": {
    kind: "resource",
    action: "read",
    names: "result.resources[].uri",
    list: true,
  },
  "resources/templates/list": {
    kind: "resource",
    action: "read",
    names: "result.resourceTemplates[].uriTemplate",
    list: true,
  },
  "prompts/list": { kind: "prompt", action: "read", names: "result.prompts[].name", list: true },
} as const);

/** What a client request asks the policy. */
export interface PolicyQuestion {
  action: Action;
  target: Target;
  arguments?: Readonly<Record<string, unknown>>;
  listing?: boolean;
}

function record(v: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined;
}

/**
 * `arguments` that MCP allows: absent, null (the SDKs refuse it; nothing to judge) or an
 * object. A string or an array would be judged here as no arguments while a lenient server
 * acts on it (`"arguments": "rm -rf /"`, positional `[…]`): refused.
 */
const hasBadArguments = (params: Readonly<Record<string, unknown>> | undefined) => {
  const a = params?.arguments;
  return a !== undefined && a !== null && record(a) === undefined;
};

/**
 * Builds the policy question for a client → server request, once, from its params.
 * Returns undefined for methods the policy does not gate, and `{ refuse }` for a gated
 * method whose params do not name what it acts on (fail closed).
 */
export function questionFor(
  method: string,
  params: Readonly<Record<string, unknown>> | undefined,
  server: string | undefined,
): PolicyQuestion | { refuse: string } | undefined {
  const ns = server === undefined ? {} : { server };
  switch (method) {
    case "tools/call": {
      const name = params?.name;
      if (typeof name !== "string") return { refuse: "tools/call names no tool" };
      if (hasBadArguments(params)) return { refuse: "tools/call arguments must be an object" };
      return {
        action: "execute",
        target: { kind: "tool", name, ...ns },
        arguments: record(params?.arguments) ?? {},
      };
    }
    case "resources/read":
    case "resources/subscribe":
    case "resources/unsubscribe": {
      const uri = params?.uri;
      if (typeof uri !== "string") return { refuse: `${method} names no resource` };
      return { action: "read", target: { kind: "resource", uri, ...ns } };
    }
    case "prompts/get": {
      const name = params?.name;
      if (typeof name !== "string") return { refuse: "prompts/get names no prompt" };
      if (hasBadArguments(params)) return { refuse: "prompts/get arguments must be an object" };
      return {
        action: "read",
        target: { kind: "prompt", name, ...ns },
        arguments: record(params?.arguments) ?? {},
      };
    }
    case "completion/complete": {
      const ref = record(params?.ref);
      if (ref?.type === "ref/prompt" && typeof ref.name === "string") {
        // Completing an argument is reading the prompt; its arguments are not known yet.
        return { action: "read", target: { kind: "prompt", name: ref.name, ...ns }, listing: true };
      }
      if (ref?.type === "ref/resource" && typeof ref.uri === "string") {
        return { action: "read", target: { kind: "resource", uri: ref.uri, ...ns } };
      }
      return { refuse: "completion/complete names no prompt or resource the policy knows" };
    }
    default:
      return lookalike(method);
  }
}

/**
 * A method spelled like a gated one but not it (`Tools/Call`, `tools/call `, `tools.call`,
 * fullwidth letters) is refused: MCP names are exact, so the checks skip it, while a server
 * that folds case or trims would run it, or list every tool, unchecked.
 */
function lookalike(method: string): { refuse: string } | undefined {
  // Lower-case ASCII names (initialize, ping, notifications/…) fold to themselves.
  if (/^[a-z/_-]*$/.test(method)) return undefined;
  // Folded as deny rules fold names (NFKC, no blanks, controls or invisible characters,
  // lower case), with `.` and `\` read as `/`.
  const folded = foldName(method, "tool").replace(/[.\\]/g, "/");
  if (folded === method || !Object.hasOwn(METHOD_ACTIONS, folded)) return undefined;
  return { refuse: `the method is spelled like "${folded}" but is not it` };
}
