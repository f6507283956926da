import { NULL_AUDIT } from "../../audit/audit.js";
import { createLogger } from "../../audit/logger.js";
import { DEFAULT_LIMITS, getLimits } from "../../config/limits.js";
import { depthCheck } from "../../pipeline/checks/depth.js";
import { sizeCheck } from "../../pipeline/checks/size.js";
import { compose } from "../../pipeline/compose.js";
import { clientChecks } from "../../pipeline/default-checks.js";
import type { Check, Context, Frame, Principal } from "../../pipeline/types.js";
import { YamlPolicyEngine } from "../../policy/engine.js";
import { PolicyLoadError } from "../../policy/load.js";
import type { Action } from "../../policy/types.js";
import { ErrorCode } from "../../protocol/errors.js";
import { LineDecoder } from "../../protocol/framing.js";
import { readFrame } from "../../session/read-frame.js";
import { Session } from "../../session/session.js";
import { StdioBridge } from "../../transport/stdio.js";
import { BROKEN_POLICY, EXAMPLE_POLICY } from "./verify-policy.js";

/** One self-check: a name and a function that throws (or returns false) when it fails. */
export interface SelfCheck {
  group: string;
  name: string;
  run(): boolean | Promise<boolean>;
}

const who = (id: string, ...roles: string[]): Principal => ({ id, roles: new Set(roles) });

function decide(engine: YamlPolicyEngine, p: Principal, tool: string, action: Action = "execute") {
  const [server, name] = tool.includes(":") ? tool.split(":", 2) : [undefined, tool];
  return engine.evaluate({
    principal: p,
    action,
    target:
      server === undefined
        ? { kind: "tool", name: name as string }
        : { kind: "tool", name: name as string, server },
  }).effect;
}

function frameOf(message: string): Frame {
  const read = readFrame(Buffer.from(message), "client-to-server");
  if (!("frame" in read)) throw new Error(`not a frame: ${message}`);
  return read.frame;
}

function context(): Context {
  return {
    principal: who("developer", "dev"),
    limits: getLimits(),
    now: Date.now,
    tools: new Map(),
  };
}

const call = (tool: string, args: unknown = {}) =>
  `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"${tool}","arguments":${JSON.stringify(args)}}}`;

/** Checks that need nothing but this process. */
export function unitChecks(): SelfCheck[] {
  let engine: YamlPolicyEngine | undefined;
  const policy = () => {
    engine ??= YamlPolicyEngine.fromString(EXAMPLE_POLICY, "example.yaml");
    return engine;
  };
  return [
    {
      group: "Modules",
      name: "policy, pipeline, protocol, session and transport modules load",
      run: () =>
        [YamlPolicyEngine, compose, LineDecoder, Session, StdioBridge, readFrame].every(
          (x) => typeof x === "function",
        ) && NULL_AUDIT !== undefined,
    },
    {
      group: "Modules",
      name: "limits resolve from defaults, environment and flags",
      run: () =>
        getLimits().maxDepth > 0 &&
        getLimits({ GUARDIAN_MAX_NESTING_DEPTH: "7" }).maxDepth === 7 &&
        createLogger("silent").level === "silent",
    },
    {
      group: "Policy engine",
      name: "load the example policy",
      run: () => policy().document.version === "1",
    },
    {
      group: "Policy engine",
      name: "admin wildcard access allowed",
      run: () => decide(policy(), who("admin", "admin"), "db:drop") === "allow",
    },
    {
      group: "Policy engine",
      name: "developer allowed db:read",
      run: () => decide(policy(), who("developer", "dev"), "db:read") === "allow",
    },
    {
      group: "Policy engine",
      name: "developer denied db:write",
      run: () => decide(policy(), who("developer", "dev"), "db:write") === "deny",
    },
    {
      group: "Policy engine",
      name: "developer may read fs:* but not execute it",
      run: () =>
        decide(policy(), who("developer", "dev"), "fs:list", "read") === "allow" &&
        decide(policy(), who("developer", "dev"), "fs:list") === "deny",
    },
    {
      group: "Policy engine",
      name: "readonly role denied execute",
      run: () => decide(policy(), who("bob", "observer"), "echo") === "deny",
    },
    {
      group: "Policy engine",
      name: "unknown principal denied by default",
      run: () => decide(policy(), who("mallory"), "echo") === "deny",
    },
    {
      group: "Policy engine",
      name: "a broken policy is refused with its line number",
      run: () => {
        try {
          YamlPolicyEngine.fromString(BROKEN_POLICY, "broken.yaml");
          return false;
        } catch (err) {
          return err instanceof PolicyLoadError && /broken\.yaml:4:/.test(err.message);
        }
      },
    },
    {
      group: "Pipeline",
      name: "an allowed call passes size, depth and policy",
      run: () => {
        const pipeline = compose(clientChecks({ limits: getLimits(), policyEngine: policy() }));
        const o = pipeline(frameOf(call("echo", { message: "hi" })), context());
        return !(o instanceof Promise) && o.verdict.ok;
      },
    },
    {
      group: "Pipeline",
      name: "a denied call is refused by the policy check",
      run: () => {
        const pipeline = compose(clientChecks({ limits: getLimits(), policyEngine: policy() }));
        const o = pipeline(frameOf(call("get-env")), context());
        return !(o instanceof Promise) && !o.verdict.ok && o.check === "policy";
      },
    },
    {
      group: "Pipeline",
      name: "an oversize argument is refused",
      run: () => {
        const check = sizeCheck({
          maxLineBytes: 1 << 20,
          maxArgumentBytes: 64,
          maxArgumentsTotalBytes: 1 << 20,
        });
        const v = check.inspect(frameOf(call("echo", { message: "x".repeat(100) })), context());
        return !(v instanceof Promise) && !v.ok && v.error.code === ErrorCode.PayloadTooLarge;
      },
    },
    {
      group: "Pipeline",
      name: "a nesting bomb is refused by the depth check",
      run: () => {
        const bomb = `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"a":${"[".repeat(5000)}${"]".repeat(5000)}}}`;
        const v = depthCheck({ maxDepth: DEFAULT_LIMITS.maxDepth }).inspect(
          frameOf(bomb),
          context(),
        );
        return !(v instanceof Promise) && !v.ok && v.error.code === ErrorCode.DepthExceeded;
      },
    },
    {
      group: "Pipeline",
      name: "a check that throws refuses that message (fail closed)",
      run: () => {
        const broken: Check = {
          name: "broken",
          inspect: () => {
            throw new Error("boom");
          },
        };
        const o = compose([broken])(frameOf(call("echo")), context());
        return !(o instanceof Promise) && !o.verdict.ok && o.check === "broken";
      },
    },
    {
      group: "Framing",
      name: "a character cut across chunks decodes whole; \\r\\n is stripped",
      run: () => {
        const bytes = Buffer.from('{"m":"😀"}\r\n');
        const d = new LineDecoder(1024);
        const lines = [...d.push(bytes.subarray(0, 8)), ...d.push(bytes.subarray(8))];
        return (
          lines.length === 1 &&
          lines[0]?.kind === "line" &&
          lines[0].bytes.toString() === '{"m":"😀"}'
        );
      },
    },
  ];
}
