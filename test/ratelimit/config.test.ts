import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PolicyLoadError, parsePolicy } from "../../src/policy/load.js";
import { PolicySchema } from "../../src/policy/schema.js";
import { type RateLimits, rateLimitsWithFlags } from "../../src/ratelimit/config.js";
import { compileRateLimits } from "../../src/ratelimit/rules.js";

const POLICY = `version: "1"
principals:
  developer:
    roles: [dev]
rate_limits:
  default: { per_minute: 120 }
  rules:
    - pattern: "fs:write_*"
      per_minute: 10
      burst: 3
    - pattern: "deploy"
      per_minute: 1
      roles: [ops]
`;

const dev = { id: "developer", roles: new Set(["dev"]) };
const ops = { id: "olga", roles: new Set(["ops"]) };

describe("rate_limits in the policy file", () => {
  it("validates and compiles: first matching rule wins, else the default bucket", () => {
    const doc = parsePolicy(POLICY);
    const limits = compileRateLimits(doc.rate_limits);
    expect(limits.bucketFor(dev, "tools/call", "write_file", "fs")).toMatchObject({
      rule: { perMinute: 10, burst: 3 },
      label: 'tools matching "fs:write_*"',
    });
    // Namespaced patterns need the server's name.
    expect(limits.bucketFor(dev, "tools/call", "write_file")?.key).toBe("default");
    expect(limits.bucketFor(dev, "tools/call", "read_file", "fs")).toMatchObject({
      key: "default",
      rule: { perMinute: 120, burst: 120 },
    });
    // A rule scoped to a role applies only to its holders.
    expect(limits.bucketFor(dev, "tools/call", "deploy")?.key).toBe("default");
    expect(limits.bucketFor(ops, "tools/call", "deploy")?.rule).toEqual({ perMinute: 1, burst: 1 });
    // Only tools/call costs a token unless configured.
    expect(limits.bucketFor(dev, "tools/list")).toBeUndefined();
    expect(limits.bucketFor(dev, "resources/read")).toBeUndefined();
  });

  it("counts other methods in the default bucket when `methods` names them", () => {
    const limits = compileRateLimits({
      default: { per_minute: 5 },
      methods: ["tools/call", "resources/read"],
    });
    expect(limits.bucketFor(dev, "resources/read")?.key).toBe("default");
    expect(limits.bucketFor(dev, "prompts/get")).toBeUndefined();
  });

  it("limits nothing without a section", () => {
    expect(compileRateLimits(undefined).bucketFor(dev, "tools/call", "x")).toBeUndefined();
  });

  it("reports bad limits with their line", () => {
    const bad = POLICY.replace("per_minute: 10", "per_minute: 0").replace(
      "burst: 3",
      "burst: 3\n      every: minute",
    );
    const err = (() => {
      try {
        parsePolicy(bad, "p.yaml");
      } catch (e) {
        return e as PolicyLoadError;
      }
      throw new Error("expected a PolicyLoadError");
    })();
    expect(err).toBeInstanceOf(PolicyLoadError);
    const messages = err.problems.map((p) => `${p.line}: ${p.message}`);
    expect(messages).toContain("9: rate_limits.rules.0.per_minute: must be at least 1");
    expect(messages.some((m) => /^\d+: .*unknown key "every"/.test(m))).toBe(true);
  });

  it("lets --rate-limit set the default bucket, keeping the policy's rules, and follows reloads", () => {
    let section: RateLimits | undefined = parsePolicy(POLICY).rate_limits;
    const get = rateLimitsWithFlags(() => section, { rateLimit: 30, rateBurst: 5 });
    const first = get();
    expect(first?.default).toEqual({ per_minute: 30, burst: 5 });
    expect(first?.rules).toHaveLength(2);
    expect(get()).toBe(first); // same object until the policy changes
    section = { rules: [] };
    expect(get()).not.toBe(first);
    expect(get()).toEqual({ rules: [], default: { per_minute: 30, burst: 5 } });
    // Without flags the policy's section is used as it is.
    expect(rateLimitsWithFlags(() => section, {})()).toBe(section);
  });

  it("is part of the policy's JSON Schema (for editors)", () => {
    const schema = z.toJSONSchema(PolicySchema, { io: "input" }) as {
      properties: Record<string, { properties?: Record<string, unknown> }>;
    };
    const section = schema.properties.rate_limits;
    expect(Object.keys(section?.properties ?? {})).toEqual(["default", "rules", "methods"]);
    expect(JSON.stringify(section)).toContain('"additionalProperties":false');
  });
});
