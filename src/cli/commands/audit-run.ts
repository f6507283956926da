import { closeSync, openSync, readSync, statSync } from "node:fs";
import { EXIT } from "../exit-codes.js";
import { UsageError } from "../run.js";
import {
  type AuditFilter,
  type AuditRow,
  type AuditSummary,
  matches,
  type Percentiles,
  parseAuditLine,
  parseSince,
  ruleOf,
  SummaryBuilder,
} from "./audit-read.js";

export interface AuditOptions {
  principal?: string;
  tool?: string;
  decision?: string;
  since?: string;
  follow?: boolean;
  json?: boolean;
  summary?: boolean;
}

/** A longer line is counted as malformed and skipped, never buffered whole. */
const MAX_LINE_BYTES = 1024 * 1024;
const READ_CHUNK_BYTES = 64 * 1024;
const FOLLOW_POLL_MS = 200;

/** Splits bytes into lines, holding at most MAX_LINE_BYTES of an unfinished one. */
class LineSplitter {
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  #overlong = false;

  constructor(
    private readonly onLine: (line: string) => void,
    private readonly onOverlong: () => void,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
      this.#take(chunk.subarray(start, nl));
      if (this.#overlong) this.onOverlong();
      else this.onLine(Buffer.concat(this.#pending).toString("utf8").replace(/\r$/, ""));
      this.#pending = [];
      this.#pendingBytes = 0;
      this.#overlong = false;
      start = nl + 1;
    }
    this.#take(chunk.subarray(start));
  }

  #take(part: Buffer): void {
    if (this.#overlong || part.length === 0) return;
    if (this.#pendingBytes + part.length > MAX_LINE_BYTES) {
      this.#overlong = true;
      this.#pending = [];
      return;
    }
    this.#pending.push(Buffer.from(part));
    this.#pendingBytes += part.length;
  }
}

interface Style {
  color: boolean;
}

const paint = (s: Style, code: number, text: string) =>
  s.color ? `\u001b[${code}m${text}\u001b[0m` : text;

/** One row as a person reads it. */
export function formatRow(row: AuditRow, s: Style): string {
  const time = typeof row.time === "string" ? row.time : "-";
  const what = [row.method, row.tool].filter((x) => typeof x === "string").join(" ");
  const id = row.id !== undefined ? `#${String(row.id)}` : "";
  if (row.event === "response") {
    const rtt = typeof row.rttMs === "number" ? `${row.rttMs} ms` : "";
    return `${time}  ${paint(s, 2, `${String(row.outcome ?? "response").padEnd(11)}`)}  ${row.principal ?? "-"}  ${what} ${id}  ${rtt}`.trimEnd();
  }
  const d = String(row.decision ?? row.event);
  const code = d === "allow" ? 32 : d === "would-block" ? 33 : 31;
  const by = d === "allow" ? "" : `  [${[row.check, ruleOf(row)].filter(Boolean).join(" ")}]`;
  const reason = typeof row.reason === "string" && d !== "allow" ? `  ${row.reason}` : "";
  return `${time}  ${paint(s, code, d.toUpperCase().padEnd(11))}  ${row.principal ?? "-"}  ${what} ${id}${by}${reason}`;
}

const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(", ") || "none";

const pct = (p: Percentiles) =>
  p.count === 0 ? "no rows" : `p50 ${p.p50} ms, p95 ${p.p95} ms, p99 ${p.p99} ms (${p.count} rows)`;

export function formatSummary(x: AuditSummary, s: Style): string {
  return [
    paint(s, 1, "summary"),
    `  rows            ${x.rows}${x.malformed > 0 ? `, malformed lines skipped: ${x.malformed}` : ""}`,
    `  decisions       ${x.decisions} (tools/call ${x.toolCalls}): ${counts(x.byDecision)}`,
    `  blocks by check ${counts(x.blocksByCheck)}`,
    `  blocks by rule  ${counts(x.blocksByRule)}`,
    `  round trip      ${pct(x.latency.rttMs)}`,
    `  checks          ${pct(x.latency.checksMs)}`,
  ].join("\n");
}

/** Reads `fd` from `offset` to its current end through `split`; returns the new offset. */
function readFrom(fd: number, offset: number, split: LineSplitter): number {
  const buf = Buffer.alloc(READ_CHUNK_BYTES);
  let at = offset;
  for (;;) {
    const n = readSync(fd, buf, 0, buf.length, at);
    if (n === 0) return at;
    split.push(buf.subarray(0, n));
    at += n;
  }
}

/**
 * `mcp-aegis audit`: the log, filtered, then a summary (or one JSON document with
 * `--json`). `--follow` keeps reading what the shim appends, holding no more than one
 * unfinished line; it ends on SIGINT or SIGTERM.
 */
export async function runAudit(
  file: string,
  o: AuditOptions,
  out: (s: string) => void,
  err: (s: string) => void,
  color: boolean,
): Promise<number> {
  const filter: AuditFilter = {
    ...(o.principal !== undefined ? { principal: o.principal } : {}),
    ...(o.tool !== undefined ? { tool: o.tool } : {}),
    ...(o.decision !== undefined ? { decision: o.decision } : {}),
  };
  if (o.since !== undefined) {
    const since = parseSince(o.since);
    if (since === undefined)
      throw new UsageError(
        `--since expects a duration (30s, 15m, 2h, 7d) or an ISO time, got "${o.since}"`,
      );
    filter.since = since;
  }
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch (e) {
    throw new UsageError(`cannot read the audit log ${file}: ${(e as Error).message}`);
  }
  const style = { color };
  const summary = new SummaryBuilder();
  const rows: AuditRow[] = [];
  // --json without --follow collects rows for one document; everything else streams.
  const collect = o.json === true && !o.follow;
  const split = new LineSplitter(
    (line) => {
      if (line.trim() === "") return;
      const p = parseAuditLine(line);
      if (!p.ok) return summary.malformed();
      if (!matches(p.row, filter)) return;
      summary.add(p.row);
      if (collect) rows.push(p.row);
      else if (o.json) out(JSON.stringify(p.row));
      else if (!o.summary) out(formatRow(p.row, style));
    },
    () => summary.malformed(),
  );
  let offset = readFrom(fd, 0, split);
  if (!o.follow) {
    closeSync(fd);
    const x = summary.build();
    if (collect) out(JSON.stringify({ file, summary: x, rows }, null, 2));
    else out(formatSummary(x, style));
    if (x.malformed > 0 && collect)
      err(`mcp-aegis audit: ${x.malformed} malformed line(s) skipped`);
    return EXIT.OK;
  }
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      try {
        const size = statSync(file).size;
        // Rotated or truncated: start again from its beginning.
        if (size < offset) offset = 0;
        if (size > offset) offset = readFrom(fd, offset, split);
      } catch {
        // Gone for a moment (rotation): try again on the next tick.
      }
    }, FOLLOW_POLL_MS);
    const stop = () => {
      clearInterval(timer);
      resolve();
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  closeSync(fd);
  return EXIT.OK;
}
