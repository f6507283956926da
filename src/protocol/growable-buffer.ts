/** An ArrayBuffer that can grow in place (ES2024; typed here, the project's lib is ES2023). */
type Resizable = ArrayBuffer & { resize(byteLength: number): void; readonly resizable: boolean };
const ResizableArrayBuffer = ArrayBuffer as unknown as new (
  byteLength: number,
  options: { maxByteLength: number },
) => Resizable;

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
