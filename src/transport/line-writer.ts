import type { Readable, Writable } from "node:stream";

const NL = Buffer.from("\n");

/**
 * How many writers currently hold each source paused: a source feeds more than one
 * destination (the client's input causes writes to the server and, for refusals, back to
 * the client), and it may flow again only when none of them is full.
 */
const holds = new WeakMap<Readable, number>();

function hold(source: Readable): void {
  const n = holds.get(source) ?? 0;
  holds.set(source, n + 1);
  if (n === 0) source.pause();
}

function release(source: Readable): void {
  const n = (holds.get(source) ?? 1) - 1;
  holds.set(source, n);
  if (n === 0) source.resume();
}

/**
 * Writes newline-terminated lines to a stream and applies backpressure: when the stream's
 * buffer is full it pauses every source (the streams whose messages end up here) until
 * 'drain', so a slow reader never makes the shim buffer without bound. What stays queued
 * is the stream's high-water mark plus the lines decoded from the chunks already read.
 */
/** Up to this many bytes per tick are joined into one buffer; more is written piece by piece (no copy of a big line). */
const JOIN_MAX_BYTES = 256 * 1024;

export class LineWriter {
  readonly #dest: Writable;
  readonly #sources: readonly Readable[];
  #waiting = false;
  /** Lines written in this tick, each followed by NL: they leave together when it ends. */
  #pending: Buffer[] = [];
  #pendingBytes = 0;
  /** Told when the pending lines have been handed on (see write's `onWritten`). */
  #callbacks: Array<() => void> = [];
  #scheduled = false;
  readonly #flushTick = () => {
    this.#scheduled = false;
    this.#flushPending();
  };

  constructor(dest: Writable, sources?: Readable | readonly Readable[]) {
    this.#dest = dest;
    this.#sources = sources === undefined ? [] : Array.isArray(sources) ? sources : [sources];
  }

  /** The destination is full and the sources are held. */
  get waiting(): boolean {
    return this.#waiting;
  }

  /** Writes `line` and a newline; `onWritten` runs once both are handed on (or failed). */
  write(line: Buffer | string, onWritten?: () => void): void {
    const dest = this.#dest;
    if (dest.destroyed || dest.writableEnded) {
      onWritten?.();
      return;
    }
    // Every line of this tick leaves in one write when the tick ends: one syscall and one
    // stream operation for a whole chunk of messages instead of one (or a writev entry)
    // per line. The profile showed writev at 15-40% of the shim's time with 64 in flight.
    const bytes = typeof line === "string" ? Buffer.from(line) : line;
    this.#pending.push(bytes, NL);
    this.#pendingBytes += bytes.length + 1;
    if (onWritten) this.#callbacks.push(onWritten);
    // A full destination must hold the sources now, before they deliver their next chunk
    // (a resumed stream emits its buffered chunks in one loop): write at once.
    if (this.#pendingBytes + dest.writableLength >= dest.writableHighWaterMark) {
      this.#flushPending();
      return;
    }
    if (!this.#scheduled) {
      this.#scheduled = true;
      process.nextTick(this.#flushTick);
    }
  }

  #flushPending(): void {
    const parts = this.#pending;
    const total = this.#pendingBytes;
    if (parts.length === 0) return;
    const callbacks = this.#callbacks;
    this.#pending = [];
    this.#pendingBytes = 0;
    this.#callbacks = [];
    const done =
      callbacks.length === 0
        ? undefined
        : () => {
            for (const cb of callbacks) cb();
          };
    const dest = this.#dest;
    if (dest.destroyed || dest.writableEnded) {
      done?.();
      return;
    }
    let ok: boolean;
    if (total <= JOIN_MAX_BYTES) {
      const joined = Buffer.concat(parts, total);
      ok = done ? dest.write(joined, () => done()) : dest.write(joined);
    } else {
      dest.cork();
      ok = true;
      for (const [i, p] of parts.entries())
        ok = done && i === parts.length - 1 ? dest.write(p, () => done()) : dest.write(p);
      dest.uncork();
    }
    if (!ok && !this.#waiting && this.#sources.length > 0) {
      this.#waiting = true;
      for (const s of this.#sources) hold(s);
      const resume = () => {
        dest.off("drain", resume);
        dest.off("close", resume);
        this.#waiting = false;
        for (const s of this.#sources) release(s);
      };
      dest.once("drain", resume);
      // A destination that closes never drains: let the sources go (their lines are dropped).
      dest.once("close", resume);
    }
  }

  /** Resolves once everything written so far has been handed to the OS. */
  flush(): Promise<void> {
    this.#flushPending();
    const dest = this.#dest;
    if (dest.destroyed || dest.writableEnded) return Promise.resolve();
    return new Promise((resolve) => {
      dest.write("", () => resolve());
      dest.once("error", () => resolve());
    });
  }

  end(): void {
    this.#flushPending();
    if (!this.#dest.writableEnded) this.#dest.end();
  }
}
