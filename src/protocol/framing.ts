import { GrowableBuffer } from "./growable-buffer.js";

/** One decoded line: its bytes (no `\n`, no trailing `\r`), or a line over the limit. */
export type DecodedLine =
  | { kind: "line"; bytes: Buffer }
  | { kind: "oversize"; head: Buffer; tail?: Buffer; bytes: number };

const LF = 0x0a;
const CR = 0x0d;
/** Shared: a kept tail is always replaced, never written into. */
const EMPTY = Buffer.alloc(0);

/** Bytes kept of an oversize line so that its id (usually near the start) can be answered. */
export const OVERSIZE_HEAD_BYTES = 64 * 1024;

/** Bytes kept of the end of an oversize line: the official SDK writes `id` last. */
export const OVERSIZE_TAIL_BYTES = 4 * 1024;

/**
 * A line longer than this is gathered in one growable buffer, not as chunk parts joined at
 * its end: the parts and the joined copy held a 64 MiB line twice.
 */
export const GROWABLE_FROM_BYTES = 64 * 1024;

/** The first `n` bytes of the parts, copied. */
function firstBytes(parts: readonly Buffer[], n: number): Buffer {
  const out: Buffer[] = [];
  let got = 0;
  for (const p of parts) {
    if (got >= n) break;
    const piece = p.subarray(0, n - got);
    out.push(piece);
    got += piece.length;
  }
  return Buffer.concat(out, got);
}

/** The last `n` bytes of the parts, copied. */
function lastBytes(parts: readonly Buffer[], n: number): Buffer {
  const out: Buffer[] = [];
  let got = 0;
  for (let i = parts.length - 1; i >= 0 && got < n; i--) {
    const p = parts[i] as Buffer;
    const piece = p.subarray(Math.max(0, p.length - (n - got)));
    out.unshift(piece);
    got += piece.length;
  }
  return Buffer.concat(out, got);
}

export interface LineDecoderOptions {
  /**
   * The chunks are views of one buffer the reader fills again after push() returns (see
   * transport/stdin.ts): the decoder copies whatever it keeps.
   */
  reusedChunks?: boolean;
  /** Length from which a line goes into a growable buffer (default GROWABLE_FROM_BYTES). */
  growableFromBytes?: number;
}

/**
 * Splits a byte stream into newline-delimited lines. Splits on `\n` only (not a lone `\r`,
 * unlike `readline`), strips one trailing `\r`, and works on bytes so a multi-byte
 * character cut across chunks is never decoded half. The line limit is enforced while
 * buffering: past it, only the head and the tail are kept (for the id) and the rest is
 * counted and dropped. A short line is kept as views of its chunks; a long one is copied
 * into one growable buffer as it arrives.
 */
export class LineDecoder {
  readonly #max: number;
  readonly #headBytes: number;
  #parts: Buffer[] = [];
  /** The line so far once it is past #growFrom bytes (then #parts is empty). */
  #big: GrowableBuffer | undefined;
  readonly #growFrom: number;
  /** The runtime refused this line a growable buffer (address space): it stays in parts. */
  #inParts = false;
  #length = 0;
  readonly #copy: boolean;
  /** With reusedChunks: the copy of the current chunk that kept lines point into. */
  #owned: Buffer | undefined;
  #discarding = false;
  #tail: Buffer = EMPTY;

  constructor(
    maxLineBytes: number,
    headBytes = OVERSIZE_HEAD_BYTES,
    options: LineDecoderOptions = {},
  ) {
    if (!Number.isSafeInteger(maxLineBytes) || maxLineBytes < 1) {
      throw new TypeError(`Expected maxLineBytes to be a positive integer, got ${maxLineBytes}`);
    }
    this.#max = maxLineBytes;
    this.#headBytes = Math.min(headBytes, maxLineBytes);
    this.#copy = options.reusedChunks === true;
    this.#growFrom = options.growableFromBytes ?? GROWABLE_FROM_BYTES;
  }

  /** Bytes buffered for the line not yet complete. */
  get buffered(): number {
    return this.#discarding ? this.#headBytes : this.#length;
  }

  push(chunk: Buffer): DecodedLine[] {
    this.#owned = undefined;
    const out: DecodedLine[] = [];
    let start = 0;
    while (start < chunk.length) {
      const nl = chunk.indexOf(LF, start);
      // A whole short line with nothing held before it (the usual case): the view itself,
      // without the bookkeeping below, which would end in the same bytes.
      const whole = nl - start;
      if (nl !== -1 && this.#length === 0 && whole <= this.#max && whole <= this.#growFrom) {
        if (this.#copy) this.#owned ??= Buffer.from(chunk);
        const from = this.#owned ?? chunk;
        const end = whole > 0 && chunk[nl - 1] === CR ? nl - 1 : nl;
        if (end > start) out.push({ kind: "line", bytes: from.subarray(start, end) });
        start = nl + 1;
        continue;
      }
      const end = nl === -1 ? chunk.length : nl;
      this.#append(chunk, start, end);
      if (nl === -1) break;
      const line = this.#take();
      if (line) out.push(line);
      start = nl + 1;
    }
    return out;
  }

  /** Flushes a last line that ended without `\n` (the stream closed). */
  end(): DecodedLine[] {
    const line = this.#take();
    return line ? [line] : [];
  }

  #append(chunk: Buffer, start: number, end: number): void {
    if (end <= start) return;
    // A reused chunk is copied once, and its lines point into the copy as they pointed into
    // the chunk; a piece bound for the growable buffer (copied there) or dropped is not.
    let from = chunk;
    if (this.#copy && this.#big === undefined && !this.#discarding) {
      this.#owned ??= Buffer.from(chunk);
      from = this.#owned;
    }
    const piece = from.subarray(start, end);
    this.#length += piece.length;
    if (this.#discarding) {
      this.#keepTail(piece);
      return;
    }
    // Allow one byte beyond the limit so a trailing `\r` can still be stripped.
    if (this.#length > this.#max + 1) {
      const held = this.#big ? [this.#big.bytes(), piece] : [...this.#parts, piece];
      this.#parts = [firstBytes(held, this.#headBytes)];
      this.#tail = lastBytes(held, OVERSIZE_TAIL_BYTES);
      this.#big = undefined;
      this.#discarding = true;
      return;
    }
    if (this.#big) {
      this.#big.append(piece);
      return;
    }
    this.#parts.push(piece);
    if (this.#length > this.#growFrom && !this.#inParts) this.#grow();
  }

  /** Moves the parts into a growable buffer (they stay parts if the runtime has none). */
  #grow(): void {
    const big = GrowableBuffer.create(this.#max + 1);
    if (!big) {
      this.#inParts = true;
      return;
    }
    for (const p of this.#parts) big.append(p);
    this.#parts = [];
    this.#big = big;
  }

  /** Keeps the last OVERSIZE_TAIL_BYTES of a discarded line (copied: never pins a chunk). */
  #keepTail(piece: Buffer): void {
    this.#tail =
      piece.length >= OVERSIZE_TAIL_BYTES
        ? Buffer.from(piece.subarray(piece.length - OVERSIZE_TAIL_BYTES))
        : Buffer.concat([this.#tail, piece]).subarray(-OVERSIZE_TAIL_BYTES);
  }

  #take(): DecodedLine | undefined {
    const parts = this.#parts;
    const big = this.#big;
    let length = this.#length;
    const discarding = this.#discarding;
    const tail = this.#tail;
    this.#parts = [];
    this.#big = undefined;
    this.#inParts = false;
    this.#length = 0;
    this.#discarding = false;
    this.#tail = EMPTY;
    if (length === 0) return undefined;
    if (discarding) {
      return { kind: "oversize", head: parts[0] ?? Buffer.alloc(0), tail, bytes: length };
    }
    let bytes = big
      ? big.bytes()
      : parts.length === 1
        ? (parts[0] as Buffer)
        : Buffer.concat(parts, length);
    if (bytes[length - 1] === CR) {
      length -= 1;
      bytes = bytes.subarray(0, length);
    }
    if (length > this.#max) {
      const head = bytes.subarray(0, this.#headBytes);
      return { kind: "oversize", head, tail: bytes.subarray(-OVERSIZE_TAIL_BYTES), bytes: length };
    }
    if (length === 0) return undefined;
    return { kind: "line", bytes };
  }
}
