import type { Readable, Writable } from "node:stream";

const NL = Buffer.from("\n");

/**
 * Writes newline-terminated lines to a stream and applies backpressure: when the stream's
 * buffer is full it pauses `source` (the stream feeding these lines) until 'drain', so a
 * slow reader never makes the shim buffer without bound.
 */
export class LineWriter {
  readonly #dest: Writable;
  readonly #source: Readable | undefined;
  #waiting = false;

  constructor(dest: Writable, source?: Readable) {
    this.#dest = dest;
    this.#source = source;
  }

  write(line: Buffer | string): void {
    const dest = this.#dest;
    if (dest.destroyed || dest.writableEnded) return;
    // Two writes in one cork become one writev: no copy of a large line to append "\n".
    dest.cork();
    dest.write(line);
    const ok = dest.write(NL);
    dest.uncork();
    if (!ok && !this.#waiting && this.#source) {
      this.#waiting = true;
      this.#source.pause();
      dest.once("drain", () => {
        this.#waiting = false;
        this.#source?.resume();
      });
    }
  }

  /** Resolves once everything written so far has been handed to the OS. */
  flush(): Promise<void> {
    const dest = this.#dest;
    if (dest.destroyed || dest.writableEnded) return Promise.resolve();
    return new Promise((resolve) => {
      dest.write("", () => resolve());
      dest.once("error", () => resolve());
    });
  }

  end(): void {
    if (!this.#dest.writableEnded) this.#dest.end();
  }
}
