import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type DecodedLine,
  GROWABLE_FROM_BYTES,
  LineDecoder,
  OVERSIZE_TAIL_BYTES,
} from "../../src/protocol/framing.js";

function decodeAll(decoder: LineDecoder, chunks: Buffer[]): DecodedLine[] {
  const out: DecodedLine[] = [];
  for (const c of chunks) out.push(...decoder.push(c));
  out.push(...decoder.end());
  return out;
}

function texts(lines: DecodedLine[]): string[] {
  return lines.map((l) => (l.kind === "line" ? l.bytes.toString("utf8") : `<oversize ${l.bytes}>`));
}

/** Cuts a buffer at the given (sorted, deduplicated) offsets. */
function cut(buf: Buffer, offsets: number[]): Buffer[] {
  const points = [...new Set(offsets.map((o) => o % (buf.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let prev = 0;
  for (const p of points) {
    out.push(buf.subarray(prev, p));
    prev = p;
  }
  out.push(buf.subarray(prev));
  return out;
}

describe("LineDecoder", () => {
  it("splits on \\n only and strips one trailing \\r", () => {
    const d = new LineDecoder(1024);
    expect(texts(decodeAll(d, [Buffer.from('{"a":1}\r\n{"b":"x\ry"}\n')]))).toEqual([
      '{"a":1}',
      '{"b":"x\ry"}',
    ]);
  });

  it("keeps a \\r\\n split across two chunks as one line ending", () => {
    const d = new LineDecoder(1024);
    expect(texts(decodeAll(d, [Buffer.from("abc\r"), Buffer.from("\ndef\n")]))).toEqual([
      "abc",
      "def",
    ]);
  });

  it("never decodes half a multi-byte character cut across chunks", () => {
    const whole = Buffer.from("héllo → 😀\n");
    for (let i = 1; i < whole.length; i++) {
      const d = new LineDecoder(1024);
      expect(texts(decodeAll(d, [whole.subarray(0, i), whole.subarray(i)]))).toEqual([
        "héllo → 😀",
      ]);
    }
  });

  it("skips empty lines and flushes a last line without newline at end", () => {
    const d = new LineDecoder(1024);
    expect(texts(decodeAll(d, [Buffer.from("\n\na\n\nb")]))).toEqual(["a", "b"]);
  });

  it("accepts a line of exactly the limit and refuses one byte more", () => {
    const max = 16;
    const d = new LineDecoder(max);
    const exact = "x".repeat(max);
    const over = "y".repeat(max + 1);
    const below = "z".repeat(max - 1);
    const out = decodeAll(d, [Buffer.from(`${below}\n${exact}\r\n${over}\n${exact}\n`)]);
    expect(out.map((l) => l.kind)).toEqual(["line", "line", "oversize", "line"]);
    expect(out[2]).toMatchObject({ kind: "oversize", bytes: max + 1 });
  });

  it("keeps only the head of a line that never ends, so memory stays bounded", () => {
    const d = new LineDecoder(1000, 100);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let i = 0; i < 100; i++) expect(d.push(chunk)).toEqual([]);
    expect(d.buffered).toBeLessThanOrEqual(100);
    const [line] = d.push(Buffer.from("\n"));
    expect(line).toMatchObject({ kind: "oversize", bytes: 100 * 64 * 1024 });
    expect(line?.kind === "oversize" && line.head.length).toBe(100);
    // The decoder is usable again after the oversize line.
    expect(texts(d.push(Buffer.from("ok\n")))).toEqual(["ok"]);
  });

  it("refuses a bad limit with a message saying what was expected", () => {
    expect(() => new LineDecoder(0)).toThrow(/positive integer, got 0/);
  });

  it("decodes any messages cut at any byte boundaries to the same lines (property)", () => {
    // Any characters (multi-byte included) except the ones framing gives meaning to at line ends.
    const lineArb = fc
      .string({ unit: "binary", minLength: 1, maxLength: 40 })
      .map((s) => s.replace(/\n/g, " ").trim())
      .filter((s) => s !== "");
    fc.assert(
      fc.property(
        fc.array(lineArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        fc.boolean(),
        (lines, offsets, crlf) => {
          const buf = Buffer.from(lines.map((l) => l + (crlf ? "\r\n" : "\n")).join(""));
          const d = new LineDecoder(10_000);
          expect(texts(decodeAll(d, cut(buf, offsets)))).toEqual(lines);
        },
      ),
      { numRuns: 500 },
    );
  });

  describe("a long line (gathered in a growable buffer)", () => {
    const long = Buffer.alloc(5 * GROWABLE_FROM_BYTES + 123);
    for (let i = 0; i < long.length; i++) long[i] = 0x61 + (i % 26);

    /** Cuts into pieces of 1..max bytes, so a line spans thousands of chunks. */
    function chop(buf: Buffer, max: number): Buffer[] {
      const out: Buffer[] = [];
      for (let at = 0, n = 1; at < buf.length; at += n, n = (n * 7 + 3) % max || 1) {
        out.push(buf.subarray(at, at + n));
      }
      return out;
    }

    it("decodes it the same across thousands of chunks, \\r\\n and \\n, with short lines around", () => {
      const whole = Buffer.concat([
        Buffer.from("a\n"),
        long,
        Buffer.from("\r\nb\n"),
        long,
        Buffer.from("\n"),
      ]);
      const got = decodeAll(new LineDecoder(1 << 20), chop(whole, 300));
      expect(got.map((l) => l.kind)).toEqual(["line", "line", "line", "line"]);
      const bytes = got.map((l) => (l.kind === "line" ? l.bytes : Buffer.alloc(0)));
      expect(bytes[0]?.toString()).toBe("a");
      expect(bytes[1]?.equals(long)).toBe(true);
      expect(bytes[2]?.toString()).toBe("b");
      expect(bytes[3]?.equals(long)).toBe(true);
    });

    it("keeps a long line in parts when no growable buffer can be reserved", () => {
      const d = new LineDecoder(Number.MAX_SAFE_INTEGER);
      const got = decodeAll(d, [...chop(long, 4096), Buffer.from("\n"), long, Buffer.from("\r\n")]);
      expect(got.map((l) => l.kind === "line" && l.bytes.equals(long))).toEqual([true, true]);
    });

    it("strips a \\r that ends one chunk when the \\n starts the next", () => {
      const d = new LineDecoder(1 << 20);
      expect(d.push(long)).toEqual([]);
      expect(d.push(Buffer.from("\r"))).toEqual([]);
      const [line] = d.push(Buffer.from("\n"));
      expect(line?.kind === "line" && line.bytes.equals(long)).toBe(true);
    });

    it("accepts a long line of exactly the limit (plus \\r\\n) and refuses one byte more", () => {
      const d = new LineDecoder(long.length);
      const over = Buffer.concat([long, Buffer.from("z")]);
      const out = decodeAll(
        d,
        chop(Buffer.concat([long, Buffer.from("\r\n"), over, Buffer.from("\n")]), 5000),
      );
      expect(out.map((l) => l.kind)).toEqual(["line", "oversize"]);
      expect(out[0]?.kind === "line" && out[0].bytes.equals(long)).toBe(true);
      expect(out[1]).toMatchObject({ kind: "oversize", bytes: long.length + 1 });
    });

    it("keeps the head and the tail of a long line that passes the limit while growing", () => {
      const d = new LineDecoder(3 * GROWABLE_FROM_BYTES, 100);
      const out = decodeAll(d, [...chop(long, 4096), Buffer.from("\nok\n")]);
      expect(out.map((l) => l.kind)).toEqual(["oversize", "line"]);
      const [over] = out;
      if (over?.kind !== "oversize") throw new Error("expected an oversize line");
      expect(over.bytes).toBe(long.length);
      expect(over.head.equals(long.subarray(0, 100))).toBe(true);
      expect(over.tail?.equals(long.subarray(-OVERSIZE_TAIL_BYTES))).toBe(true);
      expect(d.buffered).toBe(0);
    });
  });

  it("copies what it keeps when every chunk is the same reused buffer (reusedChunks)", () => {
    const lines = ["short", "x".repeat(3 * GROWABLE_FROM_BYTES), "tail é😀"];
    const whole = Buffer.from(lines.map((l) => `${l}\r\n`).join(""));
    const scratch = Buffer.alloc(1000);
    const d = new LineDecoder(1 << 20, undefined, { reusedChunks: true });
    const out: DecodedLine[] = [];
    for (let at = 0; at < whole.length; at += 999) {
      const n = whole.copy(scratch, 0, at, at + 999);
      out.push(...d.push(scratch.subarray(0, n)));
      scratch.fill(0xee); // the reader fills its buffer again
    }
    out.push(...d.end());
    expect(texts(out)).toEqual(lines);
  });
});
