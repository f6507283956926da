import { describe, expect, it } from "vitest";
import { GrowableBuffer } from "../../src/protocol/growable-buffer.js";

describe("GrowableBuffer", () => {
  it("holds every appended piece in order, as one Buffer over its memory", () => {
    const b = GrowableBuffer.create(1 << 20);
    expect(b).toBeDefined();
    if (!b) return;
    const pieces: Buffer[] = [];
    for (let i = 0; i < 300; i++) {
      const piece = Buffer.alloc((i * 37) % 5000, i % 256);
      pieces.push(piece);
      b.append(piece);
    }
    const whole = Buffer.concat(pieces);
    expect(b.length).toBe(whole.length);
    expect(b.bytes().equals(whole)).toBe(true);
  });

  it("grows to exactly its maximum and refuses a byte more", () => {
    const b = GrowableBuffer.create(10);
    if (!b) throw new Error("no growable buffer");
    b.append(Buffer.from("0123456789"));
    expect(b.bytes().toString()).toBe("0123456789");
    expect(() => b.append(Buffer.from("x"))).toThrow(RangeError);
  });

  it("is undefined when the maximum cannot be reserved", () => {
    expect(GrowableBuffer.create(Number.MAX_SAFE_INTEGER)).toBeUndefined();
  });

  it("gives its memory back on release, and leaves any other buffer alone", () => {
    const b = GrowableBuffer.create(1 << 20);
    if (!b) throw new Error("no growable buffer");
    b.append(Buffer.alloc(300_000, 1));
    const view = b.bytes().subarray(10);
    GrowableBuffer.release(view);
    expect(b.length).toBe(0);
    expect(view.length).toBe(0);
    const other = Buffer.from("still here");
    GrowableBuffer.release(other);
    expect(other.toString()).toBe("still here");
  });
});
