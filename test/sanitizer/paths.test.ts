import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalPath,
  checkPath,
  isDotDotSegment,
  isInsideRoots,
  isSensitive,
  isSimplePath,
  resolveSegments,
  sensitiveLists,
} from "../../src/sanitizer/paths.js";

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

describe("the string-only fast path for simple paths", () => {
  const parts = [
    "etc",
    "shadow",
    ".ssh",
    "home",
    "a",
    "srv",
    "app",
    "c:",
    "windows",
    "system32",
    "dev",
    "null",
    "x.txt",
    ".config",
    "gcloud",
    "proc",
  ];
  const pathArb = fc
    .tuple(fc.boolean(), fc.array(fc.constantFrom(...parts), { maxLength: 6 }), fc.boolean())
    .map(([abs, segs, slash]) => `${abs ? "/" : ""}${segs.join("/")}${slash ? "/" : ""}`);

  it("agrees with full resolution on every simple path", () => {
    const roots = ["/srv/app"];
    fc.assert(
      fc.property(pathArb, (p) => {
        const canon = canonicalPath(p);
        fc.pre(isSimplePath(canon));
        const resolved = resolveSegments(canon);
        expect(isSensitive(canon, lists), p).toBe(isSensitive(canon, lists, resolved));
        expect(isInsideRoots(canon, roots), p).toBe(isInsideRoots(canon, roots, resolved));
      }),
      { numRuns: 500 },
    );
  });

  it("is not taken for paths with dot segments or trailing dots", () => {
    expect(isSimplePath("a/./b")).toBe(false);
    expect(isSimplePath("a/../b")).toBe(false);
    expect(isSimplePath(".ssh./x")).toBe(false);
    expect(isSimplePath("/home/a/.ssh/id")).toBe(true);
  });
});
