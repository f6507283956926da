/** An ArrayBuffer that can grow in place (ES2024; typed here, the project's lib is ES2023). */
type Resizable = ArrayBuffer & { resize(byteLength: number): void; readonly resizable: boolean };
const ResizableArrayBuffer = ArrayBuffer as unknown as new (
  byteLength: number,
  options: { maxByteLength: number },
) => Resizable;

/** The memory of every GrowableBuffer, so that only ours are ever released. */
const OURS = new WeakSet<ArrayBuffer>();

/**
 * Bytes appended into one buffer that grows in place up to `max`: its address space is
 * reserved up front and memory is committed only as bytes are written, so gathering a
 * long line costs the line once, with no parts to join and no copies left from growing.
 *
 * @example
 * const b = GrowableBuffer.create(64 * 1024 * 1024);
 * b?.append(chunk);
 * b?.bytes(); // a Buffer over the same memory
 */
export class GrowableBuffer {
  readonly #ab: Resizable;
  readonly #view: Uint8Array;

  private constructor(ab: Resizable) {
    this.#ab = ab;
    this.#view = new Uint8Array(ab); // length-tracking: follows resize()
    OURS.add(ab);
  }

  /**
   * Gives the memory under `bytes` back now, if it is a GrowableBuffer's: shrinking returns
   * the pages at once, where dropping the last reference waits for a garbage collection
   * (and a 64 MiB line in a GrowableBuffer was still resident when the next message came).
   * Every view of it reads as empty afterwards: call only when nothing will read it again.
   */
  static release(bytes: Uint8Array): void {
    if (GrowableBuffer.owns(bytes)) (bytes.buffer as Resizable).resize(0);
  }

  /** Whether `bytes` lie in a GrowableBuffer's memory. */
  static owns(bytes: Uint8Array): boolean {
    return OURS.has(bytes.buffer as ArrayBuffer);
  }

  /** A buffer that can grow to `max` bytes, or undefined when the runtime cannot reserve one. */
  static create(max: number): GrowableBuffer | undefined {
    try {
      const ab = new ResizableArrayBuffer(0, { maxByteLength: max });
      return ab.resizable ? new GrowableBuffer(ab) : undefined;
    } catch {
      return undefined;
    }
  }

  get length(): number {
    return this.#ab.byteLength;
  }

  /** Appends a copy of `bytes`; throws a RangeError past the maximum. */
  append(bytes: Uint8Array): void {
    const at = this.#ab.byteLength;
    this.#ab.resize(at + bytes.length);
    this.#view.set(bytes, at);
  }

  /** The bytes so far, as a Buffer over the same memory (not a copy). */
  bytes(): Buffer {
    return Buffer.from(this.#ab, 0, this.#ab.byteLength);
  }
}
