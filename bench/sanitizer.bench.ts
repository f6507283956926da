/**
 * Sanitizer throughput on adversarial input: each payload is built to keep a scanner busy
 * (no early match, partial escapes, long runs of dots, quotes and joiners). Prints MB/s at
 * 1 MB and the time ratio 1 MB / 256 KB, which stays near 4 when matching is linear (a
 * quadratic scanner would show 16). Baseline: JSON.parse of the same tools/call line, which
 * the shim pays for every message anyway.
 *
 * Run: npx vitest bench --run bench/sanitizer.bench.ts   (not part of npm test)
 */
import { bench, describe } from "vitest";
import { SanitizerConfigSchema } from "../src/sanitizer/config.js";
import { Sanitizer } from "../src/sanitizer/sanitizer.js";

const MB = 1_000_000;
const sanitizer = new Sanitizer(SanitizerConfigSchema.parse({ roots: ["/srv/app"] }));
const LIMITS = { maxScanBytes: 16 * MB, maxValueBytes: 16 * MB };

const fill = (unit: string, bytes: number, tail = "") =>
  unit.repeat(Math.max(1, Math.floor((bytes - tail.length) / Buffer.byteLength(unit)))) + tail;

/** Field, and a builder of a value of about `n` bytes that matches nothing until its end. */
const PAYLOADS: Record<string, { field: string; tool: string; make: (n: number) => string }> = {
  "path: a/ segments": { tool: "read_text_file", field: "path", make: (n) => fill("a/", n, "x") },
  "path: dot runs": { tool: "read_text_file", field: "path", make: (n) => fill("...a", n) },
  "path: %25 layers": { tool: "read_text_file", field: "path", make: (n) => fill("%2525", n) },
  "path: broken escapes": { tool: "read_text_file", field: "path", make: (n) => fill("%c0%", n) },
  "path: joiners in text": {
    tool: "read_text_file",
    field: "path",
    make: (n) => fill("é\u200D", n),
  },
  // Command values over 64 KiB are refused unparsed (shell.limit); their judging speed is
  // measured per command in bench/shell.bench.ts.
  "identifier: flag prefixes": {
    tool: "git_checkout",
    field: "branch_name",
    make: (n) => fill("--exe-", n),
  },
  "url: long host": {
    tool: "fetch",
    field: "url",
    make: (n) => `http://${fill("a.", n - 20, "com")}/`,
  },
  "url: colons": { tool: "fetch", field: "url", make: (n) => `http://[${fill(":", n)}` },
  "unknown: $( without )": { tool: "x", field: "blob", make: (n) => fill("$(", n) },
};

function scanOnce(tool: string, field: string, value: string): void {
  const r = sanitizer.scan({ [field]: value }, { tool, ...LIMITS });
  if (r.blocked?.rule.startsWith("limit.")) throw new Error("bench input hit a limit");
}

/** Fastest of several runs: the least disturbed by other load on the machine. */
function timeIt(fn: () => void, runs = 7): number {
  fn(); // warm-up
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * MB/s at 256 KB, 1 MB and 4 MB. Linear matching keeps the speed roughly flat (caches cost
 * a little at the larger sizes); a quadratic scanner would lose 4x at each step.
 */
function throughputTable(): string {
  const rows: string[] = [];
  for (const [name, p] of Object.entries(PAYLOADS)) {
    const speeds = [MB / 4, MB, 4 * MB].map((n) => {
      const value = p.make(n);
      const t = timeIt(() => scanOnce(p.tool, p.field, value), n > MB ? 3 : 7);
      return Buffer.byteLength(value) / MB / (t / 1000);
    });
    const big = p.make(MB);
    const line = JSON.stringify({
      jsonrpc: "2.0",
      id: 1,
      method: "tools/call",
      params: { name: p.tool, arguments: { [p.field]: big } },
    });
    const parseMs = timeIt(() => JSON.parse(line));
    const scanMs = (1000 * Buffer.byteLength(big)) / MB / (speeds[1] as number);
    const [a, b, c] = speeds.map((v) => v.toFixed(1).padStart(7));
    const flat = ((speeds[2] as number) / (speeds[0] as number)).toFixed(2);
    rows.push(
      `${name.padEnd(28)}${a}${b}${c} MB/s   4MB/256KB speed ${flat}   1MB scan = ${(scanMs / parseMs).toFixed(0)}x JSON.parse`,
    );
  }
  return `\nsanitizer MB/s at 256 KB, 1 MB, 4 MB (linear: flat; quadratic: /4 per step)\n${rows.join("\n")}\n`;
}

describe("sanitizer on 1 MB adversarial strings", () => {
  for (const [name, p] of Object.entries(PAYLOADS)) {
    const big = p.make(MB);
    bench(name, () => scanOnce(p.tool, p.field, big), { time: 100, iterations: 3 });
  }
  // Measured while the suite is collected: vitest bench runs no hooks.
  process.stderr.write(throughputTable());
});
