import { describe, expect, it } from "vitest";
import { patchTargets } from "../../src/sanitizer/patch-targets.js";
import { rule } from "./blocked-rule.js";

const envelope = (header: string) => `*** Begin Patch\n${header}\n@@\n+x\n*** End Patch`;

describe("the files a patch writes", () => {
  it("reads apply_patch envelopes and unified diffs, nothing else", () => {
    expect(patchTargets(envelope("*** Update File: /home/u/.bashrc"))).toEqual(["/home/u/.bashrc"]);
    expect(patchTargets(envelope("*** Add File: a.ts\n*** Move to: b.ts"))).toEqual([
      "a.ts",
      "b.ts",
    ]);
    expect(
      patchTargets(
        "diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@\n-a\n+b\n",
      ),
    ).toEqual(["src/a.ts"]);
    expect(patchTargets("--- /dev/null\n+++ b/new.ts\n@@\n+x\n")).toEqual(["new.ts"]);
    expect(patchTargets("Use +++ and --- in diffs")).toEqual([]);
  });

  it("judges each target as the path of a write", () => {
    expect(rule("apply_patch", { input: envelope("*** Update File: /home/user/.bashrc") })).toBe(
      "path.sensitive-write",
    );
    expect(
      rule("apply_patch", {
        patch: "--- a/.git/hooks/pre-commit\n+++ b/.git/hooks/pre-commit\n@@ -0,0 +1 @@\n+id\n",
      }),
    ).toBe("path.sensitive-write");
    expect(rule("apply_patch", { input: envelope("*** Add File: ../../../etc/cron.d/x") })).toBe(
      "path.sensitive-write",
    );
    expect(rule("apply_patch", { input: envelope("*** Add File: ../../other/x.ts") })).toBe(
      "path.traversal",
    );
  });

  it("passes patches inside the project, and patch-like text of tools that do not write", () => {
    expect(rule("apply_patch", { input: envelope("*** Update File: src/app.ts") })).toBeUndefined();
    expect(
      rule("apply_patch", {
        patch: "diff --git a/src/a.ts b/src/a.ts\n--- a/src/a.ts\n+++ b/src/a.ts\n@@\n-a\n+b\n",
      }),
    ).toBeUndefined();
    expect(rule("search_code", { query: "*** Update File: /home/user/.bashrc" })).toBeUndefined();
  });

  it("counts a replace tool as a write tool (Cline's replace_in_file)", () => {
    expect(rule("replace_in_file", { path: "/etc/hosts", diff: "x" })).toBe("path.sensitive-write");
    expect(
      rule("replace_in_file", {
        path: "src/a.ts",
        diff: "<<<<<<< SEARCH\na\n=======\nb\n>>>>>>> REPLACE",
      }),
    ).toBeUndefined();
  });
});

describe("patch headers on hostile input", () => {
  it("stays linear on a header line of blanks and on many headers", () => {
    const t0 = performance.now();
    // Quadratic (a lazy target before trailing blanks) took 1 s for 20,000 blanks: this
    // would take minutes. Linear takes milliseconds; the bound leaves room for a loaded machine.
    expect(patchTargets(`*** Add File: a${" ".repeat(200_000)}b`)).toEqual([
      `a${" ".repeat(200_000)}b`,
    ]);
    patchTargets("+++ b/x\n".repeat(100_000));
    patchTargets(`+++ ${"a".repeat(200_000)}`);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe("a write's destination named by its key, whatever the tool", () => {
  it("judges output, dest and save keys as write destinations", () => {
    expect(rule("export", { output_path: "~/.config/systemd/user/x.service", content: "x" })).toBe(
      "path.sensitive-write",
    );
    expect(rule("download", { url: "https://x.io/a", save_to: "~/.bashrc" })).toBe(
      "path.sensitive-write",
    );
    expect(rule("render", { template: "a", dest: "/etc/cron.d/x" })).toBe("path.sensitive-write");
    expect(rule("download_file", { url: "https://x.io/a", path: "~/.ssh/authorized_keys" })).toBe(
      "path.sensitive-write",
    );
  });

  it("passes destinations in the project and reads of the same files", () => {
    expect(rule("export", { output_path: "reports/q3.pdf" })).toBeUndefined();
    expect(
      rule("download_file", { url: "https://example.com/data.csv", path: "data/data.csv" }),
    ).toBeUndefined();
    expect(rule("convert", { input: "notes.md", output: "notes.pdf" })).toBeUndefined();
  });
});
