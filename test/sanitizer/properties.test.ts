import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/config/limits.js";
import { SanitizerConfigSchema } from "../../src/sanitizer/config.js";
import { Sanitizer } from "../../src/sanitizer/sanitizer.js";
import { loadShellParser } from "../../src/sanitizer/shell/parser.js";
import { LEGITIMATE } from "../fixtures/sanitizer-corpus/legitimate.js";
import { MALICIOUS } from "../fixtures/sanitizer-corpus/malicious.js";
import { TOOLS } from "../fixtures/sanitizer-corpus/tools.js";
import type { CorpusCase } from "../fixtures/sanitizer-corpus/types.js";

// Command values are judged on a bash syntax tree; the parser loads asynchronously, and must
// be there before the attack sets below are chosen by scanning.
await loadShellParser();

// Raise with SANITIZER_FC_RUNS=20000 for a deeper search; the default keeps npm test fast.
const RUNS = Number(process.env.SANITIZER_FC_RUNS ?? 400);

const cache = new Map<string, Sanitizer>();
function scan(c: CorpusCase, args: unknown) {
  const key = JSON.stringify(c.config ?? {});
  let s = cache.get(key);
  if (!s) {
    s = new Sanitizer(SanitizerConfigSchema.parse(c.config ?? {}));
    cache.set(key, s);
  }
  const def = TOOLS[c.tool];
  return s.scan(args, {
    tool: c.tool,
    ...(def ? { toolDefinition: def } : {}),
    maxScanBytes: DEFAULT_LIMITS.sanitizerMaxScanBytes,
    maxValueBytes: DEFAULT_LIMITS.maxArgumentBytes,
  });
}

/** The top-level argument whose value (or key) was refused. */
function offendingKey(c: CorpusCase): string | undefined {
  const path = scan(c, c.arguments).blocked?.path ?? "";
  const m = /^\$\.([A-Za-z_$][\w$]*)/.exec(path);
  return m?.[1];
}

type Transform = (v: unknown) => unknown;
const encodeStrings =
  (times: number): Transform =>
  (v) => {
    if (typeof v === "string") {
      let s = v;
      for (let i = 0; i < times; i++) s = encodeURIComponent(s);
      return s;
    }
    if (Array.isArray(v)) return v.map(encodeStrings(times));
    return v;
  };

/** The kind the sanitizer judged a top-level argument as (command, path, url, …). */
function kindOf(c: CorpusCase, key: string): string | undefined {
  let kind: string | undefined;
  const def = TOOLS[c.tool];
  new Sanitizer(SanitizerConfigSchema.parse(c.config ?? {})).scan(c.arguments, {
    tool: c.tool,
    ...(def ? { toolDefinition: def } : {}),
    maxScanBytes: DEFAULT_LIMITS.sanitizerMaxScanBytes,
    maxValueBytes: DEFAULT_LIMITS.maxArgumentBytes,
    onKind: (path, k) => {
      if (path === `$.${key}`) kind = k;
    },
  });
  return kind;
}

const attacks = MALICIOUS.filter((c) => offendingKey(c) !== undefined);
const stringAttacks = attacks.filter(
  (c) => typeof c.arguments[offendingKey(c) as string] === "string",
);
// A shell never decodes %XX: a percent-encoded command line is a different, inert word, so
// re-encoding is a meaning-preserving transform only for values a server may decode.
const decodableAttacks = stringAttacks.filter(
  (c) => kindOf(c, offendingKey(c) as string) !== "command",
);

const transforms: Record<string, fc.Arbitrary<Transform>> = {
  nest: fc.constantFrom<Transform>(
    (v) => [v],
    (v) => [[v]],
    (v) => ({ a: v }),
    (v) => [{ b: [v] }],
  ),
  pad: fc.tuple(fc.stringMatching(/^[ \t]{0,8}$/), fc.stringMatching(/^[ \t]{0,8}$/)).map(
    ([l, r]): Transform =>
      (v) =>
        typeof v === "string" ? `${l}${v}${r}` : v,
  ),
  reencode: fc.integer({ min: 1, max: 3 }).map(encodeStrings),
};

describe("sanitizer properties", () => {
  it("has attacks to transform", () => {
    expect(stringAttacks.length).toBeGreaterThan(200);
    expect(decodableAttacks.length).toBeGreaterThan(100);
  });

  for (const [name, arb] of Object.entries(transforms)) {
    const cases = name === "reencode" ? decodableAttacks : stringAttacks;
    it(`${name}: transforming an attack never turns a block into an allow`, () => {
      fc.assert(
        fc.property(fc.constantFrom(...cases), arb, fc.boolean(), (c, t, addSibling) => {
          const key = offendingKey(c) as string;
          const args: Record<string, unknown> = { ...c.arguments, [key]: t(c.arguments[key]) };
          if (addSibling) args.padding_note = "harmless text ".repeat(10);
          expect(
            scan(c, args).blocked,
            `${c.id} ${JSON.stringify(args).slice(0, 200)}`,
          ).toBeDefined();
        }),
        { numRuns: RUNS },
      );
    });
  }

  it("key: moving an attack into an object key never turns a block into an allow", () => {
    fc.assert(
      fc.property(fc.constantFrom(...stringAttacks), (c) => {
        const key = offendingKey(c) as string;
        const args = { ...c.arguments, [key]: { [c.arguments[key] as string]: true } };
        expect(scan(c, args).blocked, c.id).toBeDefined();
      }),
      { numRuns: RUNS },
    );
  });

  const shuffled = <T>(xs: T[], seed: number) =>
    xs
      .map((x, i) => ({ x, k: Math.sin(seed + i * 7919) }))
      .sort((a, b) => a.k - b.k)
      .map((p) => p.x);
  const reorder = (v: unknown, seed: number): unknown => {
    if (Array.isArray(v)) return v.map((x) => reorder(x, seed));
    if (typeof v === "object" && v !== null)
      return Object.fromEntries(
        shuffled(Object.entries(v), seed).map(([k, x]) => [k, reorder(x, seed)]),
      );
    return v;
  };

  it("reordering keys or reformatting whitespace never turns an allow into a block", () => {
    fc.assert(
      fc.property(fc.constantFrom(...LEGITIMATE), fc.integer(), fc.nat(8), (c, seed, indent) => {
        const reformatted = JSON.parse(JSON.stringify(reorder(c.arguments, seed), null, indent));
        expect(scan(c, reformatted).blocked, c.id).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });

  it("never throws on arbitrary JSON", () => {
    const s = new Sanitizer(SanitizerConfigSchema.parse({}));
    fc.assert(
      fc.property(fc.string(), fc.jsonValue(), (tool, args) => {
        s.scan(args, { tool, maxScanBytes: 1 << 20, maxValueBytes: 1 << 20 });
      }),
      { numRuns: RUNS },
    );
  });
});
