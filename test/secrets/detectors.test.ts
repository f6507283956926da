import { describe, expect, it } from "vitest";
import { findSecrets, redactSecrets, SECRET_DETECTORS } from "../../src/secrets/detectors.js";
import { compileGlobs } from "../../src/secrets/glob.js";

// Fake values in the documented shapes of each vendor's credentials.
const SAMPLES: Record<string, string> = {
  "aws-access-key-id": "AKIAIOSFODNN7EXAMPLE",
  "aws-secret-access-key": "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "google-api-key": "AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q",
  "github-token": `ghp_${"a".repeat(36)}`,
  "gitlab-token": "glpat-abcdefghij0123456789",
  "slack-token": "xoxb-123456789012-123456789012-abcdefghijklmnop",
  "stripe-key": `sk_live_${"4eC39HqLyjWDarjtT1zdp7dc"}`,
  "npm-token": `npm_${"A".repeat(36)}`,
  jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
  "connection-string": "postgres://app:s3cret@db:5432/prod",
  "private-key": "-----BEGIN PRIVATE KEY-----\nMIIBVQIBADANBg\n-----END PRIVATE KEY-----",
  "azure-storage-key": `DefaultEndpointsProtocol=https;AccountKey=${"k".repeat(86)}==`,
  "slack-webhook": `https://hooks.slack.com/services/T0123ABCD/B0123ABCD/${"x".repeat(24)}`,
  "anthropic-api-key": `sk-ant-api03-${"a".repeat(90)}`,
  "openai-api-key": `sk-proj-${"a".repeat(24)}T3BlbkFJ${"b".repeat(24)}`,
  "pypi-token": `pypi-AgEIcHlwaS5vcmc${"c".repeat(60)}`,
};
// The ODBC form of a connection string (its own detector).
const ODBC = "Server=db;Database=app;Password=hunter22;";

describe("secret detectors", () => {
  for (const [type, value] of Object.entries(SAMPLES)) {
    it(`finds and redacts a ${type}`, () => {
      expect(findSecrets(`before ${value} after`)).toContain(type);
      const r = redactSecrets(`before ${value} after`);
      expect(r.text).toContain(`[REDACTED:${type}]`);
      expect(r.text).not.toContain(value.slice(-12));
    });
  }
  it("has a sample for every detector type", () => {
    const types = new Set(SECRET_DETECTORS.map((d) => d.type));
    expect(new Set(Object.keys(SAMPLES))).toEqual(types);
  });
  it("finds the ODBC form of a connection string", () => {
    expect(findSecrets(ODBC)).toEqual(["connection-string"]);
    expect(redactSecrets(ODBC).text).not.toContain("hunter22");
  });
  it("every detector's anchor is in every match of its pattern", () => {
    // The anchors gate the patterns: a match without its anchor would be missed.
    const texts = [...Object.values(SAMPLES), ODBC];
    for (const d of SECRET_DETECTORS) {
      for (const t of texts) {
        for (const m of t.matchAll(new RegExp(d.pattern.source, d.pattern.flags))) {
          expect(d.anchor.test(m[0]), `${d.type} in ${m[0]}`).toBe(true);
        }
      }
    }
  });
  it("leaves hashes, UUIDs, placeholders and password-less URLs alone", () => {
    const clean = [
      "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
      "id 3f2b6c1e-9a4d-4b7e-8f0a-1c2d3e4f5a6b",
      "API_KEY=your-api-key-here",
      "postgres://localhost:5432/app",
      "sha512-3eVjTXN0q1dCG0YhYnC8yT2yFvV5n8rQ3Qb6rP0qCz3lRJdX2kvB7E1A0i3A5q8Zx0mH0zJp2g4s6t8u9w0x1y==",
    ];
    for (const c of clean) expect(findSecrets(c)).toEqual([]);
  });
});

describe("compileGlobs", () => {
  it("matches * wildcards and nothing else", () => {
    const m = compileGlobs(["vault_*", "login"]);
    expect(m("vault_put")).toBe(true);
    expect(m("login")).toBe(true);
    expect(m("login2")).toBe(false);
    expect(compileGlobs([])("anything")).toBe(false);
    expect(compileGlobs(["a.b"])("axb")).toBe(false);
  });
});
