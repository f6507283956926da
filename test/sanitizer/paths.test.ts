import { describe, expect, it } from "vitest";
import { checkPath, isDotDotSegment, sensitiveLists } from "../../src/sanitizer/paths.js";

const lists = sensitiveLists();
const check = (p: string, roots: string[] = []) => checkPath(p, lists, roots);

describe("path rules", () => {
  it("finds `..` segments with either separator and the forms filters miss", () => {
    expect(check("../a")).toBe("path.traversal");
    expect(check("a\\..\\b")).toBe("path.traversal");
    expect(check("a/..;/b")).toBe("path.traversal");
    expect(check("....//x")).toBe("path.traversal");
    expect(check("a/..\u2215b")).toBe("path.traversal");
    expect(isDotDotSegment("..hidden")).toBe(false);
  });

  it("lets dots inside names pass", () => {
    expect(check("releases/v1..v2.diff")).toBeUndefined();
    expect(check("a...b.txt")).toBeUndefined();
    expect(check("notes/..hidden.md")).toBeUndefined();
  });

  it("knows sensitive places, in any case and separator", () => {
    expect(check("/etc/shadow")).toBe("path.sensitive");
    expect(check("/ETC//shadow")).toBe("path.sensitive");
    expect(check("~/.ssh/id_rsa")).toBe("path.sensitive");
    expect(check("C:\\Windows\\System32\\config\\SAM")).toBe("path.sensitive");
    expect(check("/proc/self/environ")).toBe("path.sensitive");
    expect(check("/dev/null")).toBeUndefined();
    expect(check("C:\\dev\\repo\\a.ts")).toBeUndefined();
    expect(check("keys/id_rsa.pub")).toBeUndefined();
  });

  it("adds sensitive paths from the policy, as prefixes or names", () => {
    const extra = sensitiveLists(["/opt/vault", ".env", "D:\\secrets"]);
    expect(checkPath("/opt/vault/token", extra, [])).toBe("path.sensitive");
    expect(checkPath("app/.env", extra, [])).toBe("path.sensitive");
    expect(checkPath("d:/secrets/a", extra, [])).toBe("path.sensitive");
    expect(checkPath("app/.env.example", extra, [])).toBeUndefined();
  });

  it("refuses file: URLs, UNC and device paths", () => {
    expect(check("file:///etc/hosts")).toBe("path.file-url");
    expect(check("\\\\host\\share")).toBe("path.unc");
    expect(check("//host/share")).toBe("path.unc");
    expect(check("\\\\?\\C:\\x")).toBe("path.unc");
  });

  it("keeps paths inside the roots when roots are set", () => {
    const roots = ["/home/dev/project"];
    expect(check("/home/dev/project/a.md", roots)).toBeUndefined();
    expect(check("src/a.ts", roots)).toBeUndefined();
    expect(check("/home/dev/project-evil/a", roots)).toBe("path.outside-roots");
    expect(check("/tmp/x", roots)).toBe("path.outside-roots");
  });
});
