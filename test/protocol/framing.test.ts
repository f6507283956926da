import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DecodedLine, LineDecoder } from "../../src/protocol/framing.js";

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
});
