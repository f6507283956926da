import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN } from "./harness.js";

// Start-up time is the client's initialize timer: these guard what the built CLI loads
// before it starts the server, and what a stdio run loads at all (npm test builds first).
const DIST = join(BIN, "..", "..", "dist");

/** The files `file` imports statically (not import()), followed transitively. */
function staticClosure(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = readFileSync(join(DIST, file), "utf8");
  for (const m of code.matchAll(/(?:\bfrom|\bimport)\s*"\.\/([^"]+\.js)"/g)) {
    staticClosure(m[1] as string, seen);
  }
  return seen;
}

/** The original source files bundled into `files`, from their source maps. */
function sourcesOf(files: Iterable<string>): string[] {
  return [...files].flatMap(
    (f) =>
      (JSON.parse(readFileSync(join(DIST, `${f}.map`), "utf8")) as { sources: string[] }).sources,
  );
}

describe("the built CLI's start-up", () => {
  it("reads a few KB before it starts the server (the rest is imported after)", () => {
    const before = staticClosure("cli.js");
    const bytes = [...before].reduce((n, f) => n + statSync(join(DIST, f)).size, 0);
    expect(bytes).toBeLessThan(32 * 1024);
    expect(readFileSync(join(DIST, "cli.js"), "utf8")).toMatch(
      /await import\("\.\/main-[^"]+\.js"\)/,
    );
  });

  it("leaves out of a stdio run what only some runs need", () => {
    const main = readFileSync(join(DIST, "cli.js"), "utf8").match(
      /import\("\.\/(main-[^"]+\.js)"\)/,
    );
    const sources = sourcesOf(staticClosure(main?.[1] as string));
    expect(sources.some((s) => s.includes("node_modules/zod/"))).toBe(true);
    for (const lazy of ["execa", "re2js", "ajv", "jose", "ioredis"]) {
      expect(sources.filter((s) => s.includes(`node_modules/${lazy}/`))).toEqual([]);
    }
    expect(sources.filter((s) => s.includes("src/transport/http/"))).toEqual([]);
    // init, wrap, unwrap and audit: only their command lines load; their work (and
    // jsonc-parser, diff) is imported when they run.
    for (const lazy of ["jsonc-parser", "diff"]) {
      expect(sources.filter((s) => s.includes(`node_modules/${lazy}/`))).toEqual([]);
    }
    expect(sources.filter((s) => /src\/cli\/commands\/(init|wrap|audit)-/.test(s))).toEqual([]);
  });
});
