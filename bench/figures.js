// The measurements, one function per figure; each takes a row (how to start it).
import { callLine, cpuOf, Peer } from "./peer.js";

const MIB = 1024 * 1024;

export function percentile(sorted, p) {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

const median = (xs) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );

/** Milliseconds from spawn to the initialize answer, for one fresh start. */
export async function startupOnce(row) {
  const t0 = performance.now();
  const peer = new Peer(row.argv());
  await peer.initialize();
  const ms = performance.now() - t0;
  await peer.close();
  return ms;
}

/**
 * Start-up of every row, interleaved (direct, relay, shim, direct, ...) so that a busy
 * moment of the machine hits all rows alike; the median of `runs` per row.
 */
export async function startupAll(rows, runs) {
  const times = rows.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (const [j, row] of rows.entries()) times[j].push(await startupOnce(row));
  }
  return times.map(median);
}

/** Sequential tools/call round trips: p50 and p99 in microseconds. */
export async function roundTrip(row, calls, message = "hello, world") {
  const peer = new Peer(row.argv());
  await peer.initialize();
  const result = await roundTrips(peer, calls, message);
  await peer.close();
  return result;
}

/**
 * Sequential tools/call round trips through every row at once, one call to each in turn,
 * so that a busy moment of the machine (other processes on 2 cores) hits all rows alike:
 * measured one row after another, the relay's p50 alone moved between 83 and 194 µs
 * from run to run. Resolves with { p50, p99 } per row, in row order.
 */
export async function roundTripAll(rows, calls, message = "hello, world") {
  const peers = [];
  for (const row of rows) {
    const peer = new Peer(row.argv());
    await peer.initialize();
    peers.push(peer);
  }
  for (let i = 0; i < Math.min(1000, calls); i++)
    for (const peer of peers) await peer.request("tools/call", echo(message));
  const times = peers.map(() => new Float64Array(calls));
  for (let i = 0; i < calls; i++) {
    for (const [j, peer] of peers.entries()) {
      const t0 = performance.now();
      await peer.request("tools/call", echo(message));
      times[j][i] = (performance.now() - t0) * 1000;
    }
  }
  for (const peer of peers) await peer.close();
  return times.map((t) => {
    const sorted = [...t].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
  });
}

async function roundTrips(peer, calls, message) {
  for (let i = 0; i < Math.min(1000, calls); i++) await peer.request("tools/call", echo(message));
  const times = new Float64Array(calls);
  for (let i = 0; i < calls; i++) {
    const t0 = performance.now();
    await peer.request("tools/call", echo(message));
    times[i] = (performance.now() - t0) * 1000;
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

/** Plain prose, so the sanitizer and inspection read text like a real argument's. */
const PROSE = "The quick brown fox jumps over the lazy dog; 42 files changed, 7 insertions. ";

/** A message whose tools/call line is about `bytes` long. */
export function messageOf(bytes) {
  const n = Math.max(1, bytes - 120);
  return PROSE.repeat(Math.ceil(n / PROSE.length)).slice(0, n);
}

/**
 * The scale figures for one message size: sequential round trips (p50, p99) and pipelined
 * throughput with `inFlight` unanswered, plus the middle process's CPU per request + answer.
 * Messages up to 1 KiB come back whole; the echo server answers longer ones with their size.
 */
export async function sized(row, bytes, calls, total, inFlight) {
  const message = messageOf(bytes);
  const peer = new Peer(row.argv({ large: bytes > 1024 * 1024 }));
  await peer.initialize();
  const rt = await roundTrips(peer, calls, message);
  await pipelined(peer, Math.min(total, 1000), inFlight, undefined, undefined, message);
  const cpu0 = cpuOf(peer.pid);
  const rate = await pipelined(peer, total, inFlight, undefined, undefined, message);
  const cpuUs = ((cpuOf(peer.pid) - cpu0) * 1000) / total;
  await peer.close();
  return { ...rt, rate, cpuUs, bytes };
}

function echo(message) {
  return { name: "echo", arguments: { message } };
}

/**
 * Streams `total` tools/call requests keeping `inFlight` unanswered at all times. Calls
 * `onProgress(received)` every `every` answers (for memory samples). Resolves with msgs/s.
 */
async function pipelined(peer, total, inFlight, every, onProgress, message = "hello, world") {
  let sent = 0;
  let received = 0;
  let nextMark = every ?? Number.POSITIVE_INFINITY;
  const batch = (n) => {
    let s = "";
    for (let i = 0; i < n && sent < total; i++) s += callLine(++sent + 1_000_000, message);
    if (s) peer.child.stdin.write(s);
  };
  const t0 = performance.now();
  await new Promise((resolve, reject) => {
    peer.onExit = reject;
    peer.onCount = (n) => {
      received += n;
      while (received >= nextMark) {
        onProgress?.(nextMark);
        nextMark += every;
      }
      if (received >= total) resolve();
      else batch(n);
    };
    batch(inFlight);
  });
  peer.onCount = undefined;
  return total / ((performance.now() - t0) / 1000);
}

/**
 * Pipelined throughput in messages per second (answers received), and the CPU time the
 * middle process spent per request + answer, in microseconds.
 */
export async function throughput(row, total, inFlight = 64) {
  const peer = new Peer(row.argv());
  await peer.initialize();
  await pipelined(peer, Math.min(10_000, total), inFlight); // warm-up
  const cpu0 = cpuOf(peer.pid);
  const rate = await pipelined(peer, total, inFlight);
  const cpuUs = ((cpuOf(peer.pid) - cpu0) * 1000) / total;
  await peer.close();
  return { rate, cpuUs };
}

/** RSS of the middle process over `total` messages, sampled every tenth. */
export async function soak(row, total, inFlight = 64) {
  const peer = new Peer(row.argv());
  await peer.initialize();
  const samples = [];
  const every = Math.max(1, Math.floor(total / 10));
  const rate = await pipelined(peer, total, inFlight, every, (n) => {
    if (row.shim) samples.push({ n, rss: peer.memory().rss });
  });
  await peer.close();
  if (!row.shim) return { rate, samples };
  // The first fifth is warm-up (JIT, the heap growing to its working size: 70 MB at 100,000
  // then 91-111 MB from 200,000 on, in one run). Flatness is the trend after it, not the
  // first sample against the last: a leak climbs steadily, the GC's sawtooth does not.
  const steady = samples.filter((s) => s.n > total / 5);
  const last = samples[samples.length - 1]?.rss ?? Number.NaN;
  return { rate, samples, last, ...trend(steady) };
}

/**
 * Least-squares line through RSS samples: `growth` is its rise over the samples' span as a
 * fraction of their mean, `spread` the range (max - min) as a fraction of the mean.
 */
export function trend(samples) {
  const k = samples.length;
  if (k < 2) return { growth: Number.NaN, spread: Number.NaN, mean: Number.NaN };
  const mx = samples.reduce((a, s) => a + s.n, 0) / k;
  const my = samples.reduce((a, s) => a + s.rss, 0) / k;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.n - mx) * (s.rss - my);
    den += (s.n - mx) ** 2;
  }
  const span = samples[k - 1].n - samples[0].n;
  const rss = samples.map((s) => s.rss);
  return {
    growth: ((num / den) * span) / my,
    spread: (Math.max(...rss) - Math.min(...rss)) / my,
    mean: my,
  };
}

/**
 * One tools/call with a `mib` MiB argument: time to the answer and the middle process's
 * peak RSS. Shapes: `plain` (one long run of letters) and `escapes` (mostly `\n`, two
 * bytes on the line for one character of the parsed string).
 */
export async function largeArgument(row, mib, shape = "plain") {
  const peer = new Peer(row.argv({ large: true }));
  await peer.initialize();
  // The whole line is `mib` MiB.
  const message =
    shape === "escapes" ? "\n".repeat((mib * MIB - 120) / 2) : "a".repeat(mib * MIB - 120);
  const line = callLine(7, message);
  const t0 = performance.now();
  const answer = await peer.send(line, 7);
  if (answer.error instanceof Error) throw answer.error;
  const ms = performance.now() - t0;
  const peak = row.shim ? peer.memory().peak : Number.NaN;
  await peer.close();
  const text = answer.result?.content?.[0]?.text ?? "";
  if (answer.result?.isError || !text.startsWith("received"))
    throw new Error(
      `${row.name}: the ${mib} MiB call failed: ${JSON.stringify(answer).slice(0, 300)}`,
    );
  return { ms, peak, bytes: Buffer.byteLength(line) - 1 };
}
