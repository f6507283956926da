import { PassThrough, Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { LineWriter } from "../../src/transport/line-writer.js";

/** A destination that takes one chunk per `release()` call: a reader as slow as we like. */
function slowReader(highWaterMark = 64) {
  const received: Buffer[] = [];
  const callbacks: Array<() => void> = [];
  const dest = new Writable({
    highWaterMark,
    write(chunk: Buffer, _enc, cb) {
      received.push(chunk);
      callbacks.push(cb);
    },
    writev(chunks, cb) {
      for (const c of chunks) received.push(c.chunk as Buffer);
      callbacks.push(cb);
    },
  });
  const release = async () => {
    while (callbacks.length) {
      callbacks.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
  };
  return { dest, received, release, text: () => Buffer.concat(received).toString() };
}

const tick = () => new Promise((r) => setImmediate(r));

describe("LineWriter", () => {
  it("tells when a line has been handed on, and at once when the destination is gone", async () => {
    const { dest, release } = slowReader(1 << 20);
    const w = new LineWriter(dest);
    let written = 0;
    w.write(Buffer.from("a"), () => written++);
    await tick();
    expect(written).toBe(0);
    await release();
    expect(written).toBe(1);
    dest.destroy();
    w.write("b", () => written++);
    expect(written).toBe(2);
  });

  it("appends a newline to each line and writes the lines of one tick together", async () => {
    const { dest, text, release } = slowReader(1 << 20);
    const w = new LineWriter(dest);
    w.write("a");
    w.write(Buffer.from("b"));
    await tick();
    await release();
    expect(text()).toBe("a\nb\n");
  });

  it("pauses the source when the reader is slow, and resumes it on drain", async () => {
    const { dest, release } = slowReader(64);
    const source = new PassThrough();
    source.on("data", () => {});
    const w = new LineWriter(dest, source);
    for (let i = 0; i < 10; i++) w.write("x".repeat(20));
    await tick();
    expect(source.isPaused()).toBe(true);
    expect(w.waiting).toBe(true);
    await release();
    expect(source.isPaused()).toBe(false);
    expect(w.waiting).toBe(false);
  });

  it("keeps a shared source paused until every writer holding it has drained", async () => {
    const a = slowReader(16);
    const b = slowReader(16);
    const source = new PassThrough();
    source.on("data", () => {});
    const wa = new LineWriter(a.dest, source);
    const wb = new LineWriter(b.dest, [source]);
    wa.write("x".repeat(32));
    wb.write("y".repeat(32));
    await tick();
    expect(source.isPaused()).toBe(true);
    await a.release();
    expect(source.isPaused()).toBe(true);
    await b.release();
    expect(source.isPaused()).toBe(false);
  });

  it("lets the sources go when the destination closes without draining", async () => {
    const { dest } = slowReader(8);
    const source = new PassThrough();
    source.on("data", () => {});
    const w = new LineWriter(dest, source);
    w.write("z".repeat(32));
    await tick();
    expect(source.isPaused()).toBe(true);
    dest.destroy();
    await tick();
    expect(source.isPaused()).toBe(false);
    expect(() => w.write("after close")).not.toThrow();
  });
});
