#!/usr/bin/env node
// `npm run bench`: direct vs a bare byte relay (the floor) vs mcp-aegis, measured in one
// run, side by side, on the same echo server. Sizes can be lowered for a quick look:
// BENCH_CALLS, BENCH_THROUGHPUT, BENCH_SOAK, BENCH_STARTUP_RUNS, BENCH_LARGE_MIB="8,64",
// BENCH_SIZES="1024,65536,1048576" (the scale table; "" for none), BENCH_SCALE=1 (its run
// lengths, as a multiplier).
// Profiling: BENCH_AEGIS_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" and
// BENCH_ONLY=throughput (one figure) run the shim under the profiler.
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { largeArgument, roundTripAll, sized, soak, startupAll, throughput } from "./figures.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");
const node = process.execPath;
const SERVER = [node, join(HERE, "echo-server.js")];
const env = (name, fallback) => Number(process.env[name] ?? fallback);
const CALLS = env("BENCH_CALLS", 10_000);
const THROUGHPUT = env("BENCH_THROUGHPUT", 200_000);
const SOAK = env("BENCH_SOAK", 1_000_000);
const STARTUP_RUNS = env("BENCH_STARTUP_RUNS", 15);
const LARGE = (process.env.BENCH_LARGE_MIB ?? "8,64").split(",").map(Number);
const SHAPES = ["plain", "escapes"];
const SIZES = (process.env.BENCH_SIZES ?? "1024,65536,1048576")
  .split(",")
  .filter(Boolean)
  .map(Number);
const SCALE = env("BENCH_SCALE", 1);
/** Round trips, pipelined messages and how many in flight, by message size. */
const runOf = (bytes) =>
  bytes <= 4096 ? [2000, 50_000, 64] : bytes <= 128 * 1024 ? [500, 5_000, 16] : [50, 200, 4];
const HUGE = String(96 * 1024 * 1024);

const AEGIS_FLAGS = [
  "--policy",
  join(HERE, "policy.yaml"),
  "--principal",
  "bench",
  "--roles",
  "agent",
  "--log-level",
  "warn",
  // The in-memory rate limiter on, with room for every call the benchmark makes.
  "--rate-limit",
  "1000000",
  "--rate-burst",
  "1000000",
];

const ROWS = [
  { name: "direct", shim: false, argv: () => SERVER },
  { name: "relay", shim: true, argv: () => [node, join(HERE, "relay.js"), ...SERVER] },
  // Not a target: the relay plus JSON.parse of every line, so the cost of reading the
  // messages at all can be told apart from the cost of the checks.
  {
    name: "relay + parse",
    shim: true,
    argv: () => [node, join(HERE, "parse-relay.js"), ...SERVER],
  },
  {
    name: "mcp-aegis",
    shim: true,
    argv: ({ large = false } = {}) => [
      node,
      ...(process.env.BENCH_AEGIS_NODE_FLAGS?.split(" ").filter(Boolean) ?? []),
      join(ROOT, "bin", "mcp-aegis.js"),
      ...AEGIS_FLAGS,
      ...(large
        ? [
            "--max-line-size",
            HUGE,
            "--max-arg-size",
            HUGE,
            "--max-args-total-size",
            HUGE,
            "--sanitizer-max-scan",
            HUGE,
          ]
        : []),
      "--",
      ...SERVER,
    ],
  },
];

const results = Object.fromEntries(ROWS.map((r) => [r.name, {}]));
const log = (s) => process.stderr.write(`${s}\n`);

const ONLY = process.env.BENCH_ONLY;

async function each(label, fn) {
  if (ONLY && !label.startsWith(ONLY)) return;
  for (const row of ROWS) {
    log(`  ${label}: ${row.name}`);
    results[row.name][label] = await fn(row);
  }
}

log(`bench: node ${process.version}, ${CALLS} calls, ${THROUGHPUT} pipelined, ${SOAK} soak`);
if (!ONLY || "startupMs".startsWith(ONLY)) {
  log("  startupMs: all rows, interleaved");
  const ms = await startupAll(ROWS, STARTUP_RUNS);
  for (const [j, row] of ROWS.entries()) results[row.name].startupMs = ms[j];
}
if (!ONLY || "roundTrip".startsWith(ONLY)) {
  log("  roundTrip: all rows, interleaved");
  const rts = await roundTripAll(ROWS, CALLS);
  for (const [j, row] of ROWS.entries()) results[row.name].roundTrip = rts[j];
}
await each("throughput", (row) => throughput(row, THROUGHPUT));
for (const mib of LARGE) {
  await each(`arg${mib}`, (row) => largeArgument(row, mib));
  await each(`arg${mib}escapes`, (row) => largeArgument(row, mib, "escapes"));
}
for (const bytes of SIZES) {
  const [calls, total, inFlight] = runOf(bytes).map((n, i) =>
    i < 2 ? Math.max(10, Math.round(n * SCALE)) : n,
  );
  await each(`size${bytes}`, (row) => sized(row, bytes, calls, total, inFlight));
}
await each("soak", (row) => soak(row, SOAK));

if (ONLY) {
  process.stdout.write(`${JSON.stringify(results, null, 1)}\n`);
  process.exit(0);
}

const fmt = (n, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "—");
const mb = (b) => (Number.isFinite(b) ? `${(b / 1024 / 1024).toFixed(0)} MB` : "—");
const header = [
  "row",
  "startup ms",
  "p50 µs",
  "p99 µs",
  "msgs/s (64 in flight)",
  "CPU µs/msg",
  ...LARGE.flatMap((m) => [`${m} MB arg ms`, `${m} MB peak RSS`, `${m} MB of \\n peak RSS`]),
  `RSS after ${SOAK.toLocaleString("en")}`,
  "RSS trend (range)",
];
const lines = [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`];
for (const row of ROWS) {
  const r = results[row.name];
  const cells = [
    row.name,
    fmt(r.startupMs),
    fmt(r.roundTrip.p50),
    fmt(r.roundTrip.p99),
    fmt(r.throughput.rate),
    fmt(r.throughput.cpuUs, 1),
    ...LARGE.flatMap((m) => [
      fmt(r[`arg${m}`].ms),
      mb(r[`arg${m}`].peak),
      mb(r[`arg${m}escapes`].peak),
    ]),
    mb(r.soak.last),
    Number.isFinite(r.soak.growth)
      ? `${(r.soak.growth * 100).toFixed(1)}% (${(r.soak.spread * 100).toFixed(0)}%)`
      : "—",
  ];
  lines.push(`| ${cells.join(" | ")} |`);
}

// The scale table: per message size, each row and its ratios to the relay.
if (SIZES.length > 0) {
  lines.push(
    "",
    "| message | row | p50 µs | p99 µs | msgs/s | MB/s | CPU µs/msg | p50 vs relay | msgs/s vs relay |",
    "|---|---|---|---|---|---|---|---|---|",
  );
  for (const bytes of SIZES) {
    const base = results.relay[`size${bytes}`];
    for (const row of ROWS) {
      const r = results[row.name][`size${bytes}`];
      const size = bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
      lines.push(
        `| ${size} | ${row.name} | ${fmt(r.p50)} | ${fmt(r.p99)} | ${fmt(r.rate)} | ${fmt((r.rate * bytes) / 1e6, 1)} | ${fmt(r.cpuUs, 1)} | ${fmt(r.p50 / base.p50, 2)}× | ${fmt(r.rate / base.rate, 2)}× |`,
      );
    }
  }
}

const relay = results.relay;
const aegis = results["mcp-aegis"];
const big = Math.max(...LARGE);
// The fifth column: whether a miss fails the run (exit code 1). Start-up is reported only.
const targets = [
  [
    "p50 round trip ≤ 1.2× relay",
    aegis.roundTrip.p50 / relay.roundTrip.p50,
    (x) => x <= 1.2,
    "×",
    true,
  ],
  [
    "throughput ≥ 0.8× relay",
    aegis.throughput.rate / relay.throughput.rate,
    (x) => x >= 0.8,
    "×",
    true,
  ],
  ["startup ≤ relay + 80 ms", aegis.startupMs - relay.startupMs, (x) => x <= 80, " ms", false],
  ...SHAPES.map((shape) => {
    const r = aegis[shape === "plain" ? `arg${big}` : `arg${big}${shape}`];
    return [
      `${big} MB argument (${shape}): peak shim RSS ≤ 3× message`,
      r.peak / r.bytes,
      (x) => x <= 3,
      "×",
      true,
    ];
  }),
  [
    "RSS flat (±10%) over the soak (trend after the first fifth)",
    aegis.soak.growth * 100,
    (x) => Math.abs(x) <= 10,
    "%",
    true,
  ],
];
lines.push("", "| target | measured | met |", "|---|---|---|");
const missed = [];
for (const [name, value, ok, unit, required] of targets) {
  lines.push(`| ${name} | ${value.toFixed(2)}${unit} | ${ok(value) ? "yes" : "**no**"} |`);
  if (required && !ok(value)) missed.push(name);
}
process.stdout.write(`${lines.join("\n")}\n`);
if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
if (missed.length > 0) {
  log(`bench: target missed: ${missed.join("; ")}`);
  process.exitCode = 1;
}
