import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadPolicyFile, PolicyLoadError, parsePolicy } from "../../src/policy/load.js";
import { tempDir } from "../e2e/harness.js";

function problems(text: string) {
  try {
    parsePolicy(text, "p.yaml");
  } catch (err) {
    if (err instanceof PolicyLoadError) return err.problems;
    throw err;
  }
  return [];
}

describe("parsePolicy", () => {
  it("accepts the seed's format unchanged", () => {
    const doc = parsePolicy(`version: "1"
defaults:
  effect: deny
principals:
  admin:
    roles: [admin]
    tools:
      - pattern: "*"
        actions: [read, execute]
  developer:
    roles: [dev]
    tools:
      - pattern: "db:read"
        actions: [execute]
`);
    expect(doc.defaults.effect).toBe("deny");
    expect(doc.principals.developer?.tools[0]?.pattern).toBe("db:read");
  });

  it("points at the line and column of an unknown action", () => {
    const [p] = problems(`version: "1"
principals:
  dev:
    tools:
      - pattern: "x"
        actions: [read, delete]
`);
    expect(p).toMatchObject({ file: "p.yaml", line: 6, col: 25 });
    expect(p?.message).toMatch(/principals\.dev\.tools\.0\.actions\.1/);
  });

  it("names unknown keys with their line", () => {
    const [p] = problems(`version: "1"
principals:
  dev:
    tols: []
`);
    expect(p?.message).toMatch(/unknown key "tols"/);
    expect(p?.line).toBe(4);
  });

  it("reports YAML syntax errors and duplicate keys with their line", () => {
    expect(problems('version: "1"\nprincipals: [\n')[0]?.line).toBeGreaterThanOrEqual(2);
    const dup = problems('version: "1"\nprincipals:\n  a: {}\n  a: {}\n');
    expect(dup[0]).toMatchObject({ line: 4 });
    expect(dup[0]?.message).toMatch(/unique/i);
  });

  it("refuses a missing or wrong version", () => {
    expect(problems("principals: {}\n")[0]?.message).toMatch(/version/);
    expect(problems('version: "2"\n')[0]?.line).toBe(1);
  });
});

describe("loadPolicyFile", () => {
  const dir = tempDir();
  afterAll(dir.cleanup);

  it("refuses a file over the size limit before parsing it", () => {
    const file = join(dir.path, "big.yaml");
    writeFileSync(file, `version: "1"\n# ${"x".repeat(200)}\n`);
    expect(() => loadPolicyFile(file, 100)).toThrow(/limit is 100/);
  });

  it("says which file cannot be read", () => {
    expect(() => loadPolicyFile(join(dir.path, "missing.yaml"), 1000)).toThrow(
      /missing\.yaml:1:1: no such file \(the policy file does not exist\)/,
    );
  });
});
