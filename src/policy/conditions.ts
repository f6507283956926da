import type { Condition } from "./condition-schema.js";
import { isUnder, normalizePath } from "./normalize.js";
import { re2 } from "./re2.js";

/**
 * How a condition came out. `error` means it cannot be judged (wrong type, a relative
 * path): an allow rule then does not apply and a deny rule does (fail closed).
 */
export type ConditionResult =
  | { outcome: "hold" }
  | { outcome: "fail" | "error"; argument: string; test: string };

type Test = (value: unknown) => "hold" | "fail" | "error";

export interface CompiledConditions {
  readonly count: number;
  evaluate(args: Readonly<Record<string, unknown>>): ConditionResult;
}

const HOLD: ConditionResult = Object.freeze({ outcome: "hold" });

function list(v: string | readonly string[]): readonly string[] {
  return typeof v === "string" ? [v] : v;
}

/** A string test; also applied to every element of an array (fails on other types). */
function onStrings(fn: (s: string) => boolean): Test {
  const one = (v: unknown) => (typeof v !== "string" ? "error" : fn(v) ? "hold" : "fail");
  return (v) => {
    if (!Array.isArray(v)) return one(v);
    for (const item of v) {
      const r = one(item);
      if (r !== "hold") return r;
    }
    return "hold";
  };
}

function onScalars(fn: (s: string | number | boolean) => boolean): Test {
  const one = (v: unknown) =>
    typeof v === "string" || typeof v === "number" || typeof v === "boolean"
      ? fn(v)
        ? "hold"
        : "fail"
      : "error";
  return (v) => {
    if (!Array.isArray(v)) return one(v);
    for (const item of v) {
      const r = one(item);
      if (r !== "hold") return r;
    }
    return "hold";
  };
}

/** Compiles one condition into named tests, once per policy load. */
function compileCondition(c: Condition): Array<[string, Test]> {
  const fold = c.ignore_case === true ? (s: string) => s.toLowerCase() : (s: string) => s;
  // For paths, ignore_case is the Windows reading: also a segment's trailing dots and blanks
  // dropped, as Windows drops them (`C:/Work/Secrets./x` is `C:/Work/Secrets/x`).
  const foldPath =
    c.ignore_case === true
      ? (s: string) => s.toLowerCase().replace(/[. ]+(?=\/|$)/g, "")
      : (s: string) => s;
  const tests: Array<[string, Test]> = [];
  const roots = (v: string | string[]) => list(v).map((r) => foldPath(normalizePath(r) as string));
  if (c.under !== undefined) {
    const rs = roots(c.under);
    tests.push([
      "under",
      onStrings((s) => {
        const p = normalizePath(s);
        if (p === undefined) throw new RangeError("not an absolute path");
        return rs.some((r) => isUnder(foldPath(p), r));
      }),
    ]);
  }
  if (c.not_under !== undefined) {
    const rs = roots(c.not_under);
    tests.push([
      "not_under",
      onStrings((s) => {
        const p = normalizePath(s);
        if (p === undefined) throw new RangeError("not an absolute path");
        return !rs.some((r) => isUnder(foldPath(p), r));
      }),
    ]);
  }
  if (c.starts_with !== undefined) {
    const ps = list(c.starts_with).map(fold);
    tests.push(["starts_with", onStrings((s) => ps.some((p) => fold(s).startsWith(p)))]);
  }
  if (c.not_starts_with !== undefined) {
    const ps = list(c.not_starts_with).map(fold);
    tests.push(["not_starts_with", onStrings((s) => !ps.some((p) => fold(s).startsWith(p)))]);
  }
  const key = (v: string | number | boolean) =>
    typeof v === "string" ? `s:${fold(v)}` : `${typeof v}:${v}`;
  if (c.one_of !== undefined) {
    const set = new Set(c.one_of.map(key));
    tests.push(["one_of", onScalars((v) => set.has(key(v)))]);
  }
  if (c.not_one_of !== undefined) {
    const set = new Set(c.not_one_of.map(key));
    tests.push(["not_one_of", onScalars((v) => !set.has(key(v)))]);
  }
  if (c.matches !== undefined || c.not_matches !== undefined) {
    const RE2 = re2();
    const flags = c.ignore_case === true ? RE2.CASE_INSENSITIVE : 0;
    if (c.matches !== undefined) {
      const re = RE2.compile(c.matches, flags);
      tests.push(["matches", onStrings((s) => re.test(s))]);
    }
    if (c.not_matches !== undefined) {
      const re = RE2.compile(c.not_matches, flags);
      tests.push(["not_matches", onStrings((s) => !re.test(s))]);
    }
  }
  if (c.max_length !== undefined) {
    const max = c.max_length;
    tests.push(["max_length", onStrings((s) => s.length <= max)]);
  }
  if (c.max_items !== undefined) {
    const max = c.max_items;
    tests.push([
      "max_items",
      (v) => (!Array.isArray(v) ? "error" : v.length <= max ? "hold" : "fail"),
    ]);
  }
  const num = (fn: (n: number) => boolean): Test => {
    const one = (v: unknown) => (typeof v !== "number" ? "error" : fn(v) ? "hold" : "fail");
    return (v) => (Array.isArray(v) ? (v.map(one).find((r) => r !== "hold") ?? "hold") : one(v));
  };
  if (c.min !== undefined) {
    const min = c.min;
    tests.push(["min", num((n) => n >= min)]);
  }
  if (c.max !== undefined) {
    const max = c.max;
    tests.push(["max", num((n) => n <= max)]);
  }
  return tests;
}

/**
 * Compiles a rule's `when` map. Evaluation stops at the first test that does not hold
 * and names it (`path.under`), for explain and for the refusal message. A missing
 * argument fails its condition unless the condition says `optional: true`.
 */
export function compileConditions(when: Readonly<Record<string, Condition>>): CompiledConditions {
  const compiled = Object.entries(when).map(([argument, c]) => ({
    argument,
    optional: c.optional === true,
    tests: compileCondition(c),
  }));
  return {
    count: compiled.length,
    evaluate(args) {
      for (const { argument, optional, tests } of compiled) {
        if (!Object.hasOwn(args, argument) || args[argument] === undefined) {
          if (optional) continue;
          return { outcome: "fail", argument, test: "present" };
        }
        const value = args[argument];
        for (const [test, fn] of tests) {
          let r: "hold" | "fail" | "error";
          try {
            r = fn(value);
          } catch {
            r = "error";
          }
          if (r !== "hold") return { outcome: r, argument, test };
        }
      }
      return HOLD;
    },
  };
}
