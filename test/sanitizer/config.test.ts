import { describe, expect, it } from "vitest";
import { z } from "zod";
import { PolicyLoadError, parsePolicy } from "../../src/policy/load.js";
import { PolicySchema } from "../../src/policy/schema.js";
import {
  DEFAULT_SANITIZER_CONFIG,
  ruleMode,
  SanitizerConfigSchema,
} from "../../src/sanitizer/config.js";

describe("sanitizer configuration", () => {
  it("defaults to everything on and nothing extra", () => {
    expect(DEFAULT_SANITIZER_CONFIG).toMatchObject({ enabled: true, roots: [], rules: {} });
    expect(ruleMode(DEFAULT_SANITIZER_CONFIG, "path.traversal")).toBe("block");
  });

  it("is read from the policy file's sanitizer section", () => {
    const doc = parsePolicy(`
version: "1"
sanitizer:
  roots: [/srv/app]
  sensitivePaths: [.env]
  allowedHosts: ["localhost:3000"]
  tools:
    run_query: { fields: { sql: text } }
  rules:
    ssrf.internal-address: monitor
`);
    expect(doc.sanitizer).toMatchObject({
      roots: ["/srv/app"],
      tools: { run_query: { fields: { sql: "text" } } },
      rules: { "ssrf.internal-address": "monitor" },
    });
  });

  it("refuses unknown rules, kinds and keys with the line they are on", () => {
    const bad = (yaml: string) => () => parsePolicy(`version: "1"\nsanitizer:\n${yaml}`, "p.yaml");
    expect(bad("  rules: { shell.nope: monitor }")).toThrow(PolicyLoadError);
    expect(bad("  tools: { t: { fields: { a: blob } } }")).toThrow(/p\.yaml:3/);
    expect(bad("  rootz: []")).toThrow(/unknown key "rootz"/);
  });

  it("never lets the scan limits be relaxed", () => {
    expect(SanitizerConfigSchema.safeParse({ rules: { "limit.scan-bytes": "off" } }).success).toBe(
      false,
    );
  });

  it("appears in the policy's JSON Schema, rule ids and kinds included", () => {
    const schema = z.toJSONSchema(PolicySchema, { io: "input" }) as {
      properties: Record<string, { properties: Record<string, unknown> }>;
    };
    const section = schema.properties.sanitizer;
    expect(Object.keys(section?.properties ?? {})).toEqual(
      expect.arrayContaining(["roots", "sensitivePaths", "allowedHosts", "tools", "rules"]),
    );
    const text = JSON.stringify(section);
    expect(text).toContain("path.traversal");
    expect(text).toContain('"identifier"');
  });
});
