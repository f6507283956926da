import { describe, expect, it } from "vitest";
import type { Principal } from "../../src/pipeline/types.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";

// A deny rule also matches in another letter case: a server that looks tools up
// case-insensitively, or a file server on a case-insensitive disk, acts on DELETE_FILE or
// .SSH as on the name denied. Allows stay exact, so nothing is granted that was not.
const engine = YamlPolicyEngine.fromString(`version: "1"
defaults: { effect: deny }
principals:
  dev:
    tools:
      - { pattern: "*", actions: [read, execute] }
      - { pattern: "delete_*", actions: [read, execute], effect: deny }
      - { pattern: "fs:Write_File", actions: [execute], effect: deny }
      - { pattern: "drop_table", actions: [read, execute], effect: deny }
    resources:
      - pattern: "file:///home/u/**"
      - pattern: "file:///home/u/.ssh/**"
        effect: deny
    prompts:
      - pattern: "*"
      - pattern: "admin_*"
        effect: deny
  narrow:
    tools:
      - { pattern: "echo", actions: [read, execute] }
`);

const who = (id: string): Principal => ({ id, roles: new Set() });
const tool = (id: string, name: string, server?: string) =>
  engine.evaluate({
    principal: who(id),
    action: "execute",
    target: server === undefined ? { kind: "tool", name } : { kind: "tool", name, server },
  }).effect;
const resource = (uri: string) =>
  engine.evaluate({ principal: who("dev"), action: "read", target: { kind: "resource", uri } })
    .effect;
const prompt = (name: string) =>
  engine.evaluate({ principal: who("dev"), action: "read", target: { kind: "prompt", name } })
    .effect;

describe("deny rules match the name folded (case, blanks, invisible characters, width)", () => {
  it("denies tools, resources and prompts whose name differs from a deny only in case", () => {
    expect(tool("dev", "delete_file")).toBe("deny");
    expect(tool("dev", "DELETE_FILE")).toBe("deny");
    expect(tool("dev", "Delete_Repo")).toBe("deny");
    expect(tool("dev", "write_file", "fs")).toBe("deny");
    expect(tool("dev", "WRITE_FILE", "FS")).toBe("deny");
    // No server name: the namespaced deny applies widened, in any case too.
    expect(tool("dev", "write_FILE")).toBe("deny");
    expect(resource("file:///home/u/.SSH/id_rsa")).toBe("deny");
    expect(resource("file:///home/u/.Ssh/config")).toBe("deny");
    expect(prompt("ADMIN_reset")).toBe("deny");
  });

  it("denies names that differ from an exact deny only by blanks, invisible characters or width", () => {
    for (const name of [
      "drop_table ",
      " drop_table",
      "drop\u200b_table",
      "drop_table\u0000",
      "ＤＲＯＰ_table",
    ])
      expect(tool("dev", name), JSON.stringify(name)).toBe("deny");
    expect(tool("dev", "drop_tables")).toBe("allow");
  });

  it("grants nothing new: allows stay exact, and other names pass as before", () => {
    expect(tool("dev", "read_file")).toBe("allow");
    expect(tool("dev", "undelete")).toBe("allow");
    expect(resource("file:///home/u/notes/SSH.md")).toBe("allow");
    expect(prompt("summarise")).toBe("allow");
    expect(tool("narrow", "echo")).toBe("allow");
    expect(tool("narrow", "ECHO")).toBe("deny");
  });

  it("names the deny rule once in the reasons", () => {
    const d = engine.evaluate({
      principal: who("dev"),
      action: "execute",
      target: { kind: "tool", name: "delete_file" },
    });
    expect(d.reasons).toEqual(["principals.dev.tools[1]"]);
  });
});
