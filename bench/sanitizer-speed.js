#!/usr/bin/env node
// `npm run bench:sanitizer` (second part): how long the built Sanitizer takes to judge a
// typical tools/call (p50 and p99 in µs over many runs) and how fast it scans large argument
// values of several kinds (MB/s). Default configuration and limits, as the shim runs it.
// BENCH_RUNS (default 20000) and BENCH_MB (default 4) lower or raise the work.
import {
  DEFAULT_LIMITS,
  DEFAULT_SANITIZER_CONFIG,
  loadShellParser,
  Sanitizer,
} from "../dist/index.js";

// Command values are judged on a bash syntax tree; load its parser before timing.
await loadShellParser();

const RUNS = Number(process.env.BENCH_RUNS ?? 20_000);
const MB = 1_000_000;
const SIZE = Number(process.env.BENCH_MB ?? 4) * MB;
const sanitizer = new Sanitizer(DEFAULT_SANITIZER_CONFIG);
const str = (description) => ({ type: "string", description });
const tool = (name, description, properties) => ({
  name,
  description,
  inputSchema: { type: "object", properties, required: [Object.keys(properties)[0]] },
});
const TOOLS = {
  run_command: tool("run_command", "Run a shell command in the workspace.", {
    command: str("The shell command to execute"),
  }),
  exec: tool("exec", "Run a program without a shell.", {
    argv: { type: "array", items: { type: "string" } },
    env: { type: "object", additionalProperties: { type: "string" } },
  }),
  read_file: tool("read_file", "Read a file.", { path: str("Path of the file") }),
  write_file: tool("write_file", "Write a file.", {
    path: str("Path of the file"),
    content: str("Content to write"),
  }),
  http_request: tool("http_request", "Send an HTTP request.", {
    url: str("Request URL"),
    headers: { type: "object", additionalProperties: { type: "string" } },
    body: str("Request body"),
  }),
  query_database: tool("query_database", "Run a read-only SQL query.", {
    query: str("SQL query"),
  }),
  create_note: tool("create_note", "Save a note.", { content: str("Note body") }),
};
const scan = (name, args, limits = DEFAULT_LIMITS) =>
  sanitizer.scan(args, {
    tool: name,
    toolDefinition: TOOLS[name],
    maxScanBytes: limits.sanitizerMaxScanBytes,
    maxValueBytes: limits.maxArgumentBytes,
  });

function percentiles(name, make) {
  const times = new Float64Array(RUNS);
  for (let i = 0; i < Math.min(2000, RUNS); i++) scan(name, make(i)); // warm-up
  let verdict = "";
  for (let i = 0; i < RUNS; i++) {
    const args = make(i);
    const t0 = process.hrtime.bigint();
    const r = scan(name, args);
    times[i] = Number(process.hrtime.bigint() - t0) / 1000;
    verdict = r.blocked ? `blocked (${r.blocked.rule})` : "passed";
  }
  times.sort();
  return { p50: times[Math.floor(RUNS / 2)], p99: times[Math.floor(RUNS * 0.99)], verdict };
}

// A fresh string per run (a counter in it) so no memo of an earlier verdict answers for it.
const TYPICAL = [
  [
    "command: npm ci && npm test",
    "run_command",
    (i) => ({ command: `npm ci && npm test -- --shard=${i}` }),
  ],
  ["command: git status | head", "run_command", (i) => ({ command: `git status | head -n ${i}` })],
  ["argv: rg 'TODO|FIXME'", "exec", (i) => ({ argv: ["rg", "-n", `TODO|FIXME${i}`, "src"] })],
  ["path: read_file", "read_file", (i) => ({ path: `src/components/item-${i}.ts` })],
  [
    "url + headers",
    "http_request",
    (i) => ({
      url: `https://api.example.com/v1/items/${i}`,
      headers: { Accept: "application/json" },
    }),
  ],
  [
    "sql: SELECT",
    "query_database",
    (i) => ({ query: `SELECT id, name FROM users WHERE id = ${i}` }),
  ],
];
console.log("### Sanitizer speed (built code, default configuration)\n");
console.log(`| typical call (${RUNS} runs) | p50 µs | p99 µs | verdict |`);
console.log("|---|---|---|---|");
for (const [label, name, make] of TYPICAL) {
  const { p50, p99, verdict } = percentiles(name, make);
  console.log(
    `| ${label.replaceAll("|", "\\|")} | ${p50.toFixed(1)} | ${p99.toFixed(1)} | ${verdict} |`,
  );
}

const fill = (unit, bytes) => unit.repeat(Math.max(1, Math.floor(bytes / Buffer.byteLength(unit))));
// Large values that pass: a blocked value stops the scan at its first finding, which says
// nothing about throughput. Each timed run gets a different string (its run number up front).
const LARGE = [
  [
    "file content (source code)",
    "write_file",
    (n, i) => ({
      path: "src/big.ts",
      content: `// ${i}\n${fill("export const value = compute(a, b); // note\n", n)}`,
    }),
  ],
  [
    "note prose",
    "create_note",
    (n, i) => ({
      content: `${i}. ${fill("The build passed on all platforms and the release is ready. ", n)}`,
    }),
  ],
  [
    "JSON request body",
    "http_request",
    (n, i) => ({
      url: `https://api.example.com/v1/import/${i}`,
      body: fill('{"id":1,"name":"item","tags":["a","b"]},', n),
    }),
  ],
  [
    "SQL query",
    "query_database",
    (n, i) => ({ query: `SELECT * FROM t WHERE id IN (${i},${fill("1,", n)}1)` }),
  ],
  [
    "command (long argument list)",
    "run_command",
    (n, i) => ({ command: `eslint --fix r${i}.ts ${fill("src/lib/file.ts ", n)}` }),
  ],
  [
    "argv (many paths)",
    "exec",
    (n, i) => ({
      argv: ["prettier", "--write", `r${i}.ts`, ...fill("src/a.ts\n", n).split("\n").slice(1)],
    }),
  ],
  [
    "header map (many entries)",
    "http_request",
    (n, i) => ({
      url: `https://api.example.com/${i}`,
      headers: Object.fromEntries(
        Array.from({ length: Math.floor(n / 32) }, (_, k) => [
          `X-Trace-${k}`,
          `value-${k}-abcdefghij`,
        ]),
      ),
    }),
  ],
  ["path (deep, relative)", "read_file", (n, i) => ({ path: `r${i}/${fill("dir/", n)}file.txt` })],
];
const big = { ...DEFAULT_LIMITS, sanitizerMaxScanBytes: 4 * SIZE, maxArgumentBytes: 4 * SIZE };
/** String values and keys in the arguments: many small ones cost per value, not per byte. */
function countStrings(v) {
  if (typeof v === "string") return 1;
  if (Array.isArray(v)) return v.reduce((n, x) => n + countStrings(x), 0);
  if (v && typeof v === "object")
    return Object.entries(v).reduce((n, [, x]) => n + 1 + countStrings(x), 0);
  return 0;
}
console.log(
  `\n| large value (~${SIZE / MB} MB) | MB/s | strings | µs per string | bytes the rules looked at | verdict |`,
);
console.log("|---|---|---|---|---|---|");
for (const [label, name, make] of LARGE) {
  scan(name, make(SIZE / 16, -1), big);
  let best = Number.POSITIVE_INFINITY;
  let verdict = "";
  let looked = 0;
  let bytes = 0;
  let strings = 0;
  for (let i = 0; i < 5; i++) {
    const args = make(SIZE, i);
    bytes = Buffer.byteLength(JSON.stringify(args));
    strings = countStrings(args);
    const t0 = process.hrtime.bigint();
    const r = scan(name, args, big);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    verdict = r.blocked ? `blocked (${r.blocked.rule})` : "passed";
    looked = r.scannedBytes;
  }
  console.log(
    `| ${label} | ${(bytes / MB / best).toFixed(1)} | ${strings} | ${((best * 1e6) / strings).toFixed(2)} | ${(looked / MB).toFixed(2)} of ${(bytes / MB).toFixed(2)} MB | ${verdict} |`,
  );
}
