import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DecodedLine, LineDecoder } from "../../src/protocol/framing.js";
import { internalErrors, sessionRig } from "./session-rig.js";

const LF = 0x0a;
const CR = 0x0d;

/** One line's bytes, never containing `\n`: text with any characters, or arbitrary bytes. */
const lineBytes = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }).map((s) => Buffer.from(s.replaceAll("\n", ""))),
  fc
    .string({ unit: "grapheme", maxLength: 20 })
    .map((s) => Buffer.from(`\uFEFF${s}`.replaceAll("\n", ""))),
  fc.uint8Array({ maxLength: 40 }).map((a) => Buffer.from(a.map((b) => (b === LF ? CR : b)))),
);

/** Lines, each with its terminator: `\n` or `\r\n` (the last may have none). */
const stream = fc.record({
  lines: fc.array(fc.tuple(lineBytes, fc.constantFrom("\n", "\r\n")), { maxLength: 12 }),
  unterminated: fc.option(lineBytes, { nil: undefined }),
});

/** Cuts `bytes` at the given positions (any byte boundary, including inside a character). */
function cut(bytes: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.map((p) => p % (bytes.length + 1)))].sort((a, b) => a - b);
  const chunks: Buffer[] = [];
  let start = 0;
  for (const p of points) {
    chunks.push(bytes.subarray(start, p));
    start = p;
  }
  chunks.push(bytes.subarray(start));
  return chunks;
}

function stripOneCR(b: Buffer): Buffer {
  return b.length > 0 && b[b.length - 1] === CR ? b.subarray(0, -1) : b;
}

function decodeAll(decoder: LineDecoder, chunks: Buffer[]): DecodedLine[] {
  const out: DecodedLine[] = [];
  for (const c of chunks) out.push(...decoder.push(c));
  out.push(...decoder.end());
  return out;
}

describe("framing fuzz (LineDecoder)", () => {
  it("decodes the same lines however the bytes are cut", () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 30 }), ({ lines, unterminated }, at) => {
        const whole = Buffer.concat([
          ...lines.map(([l, t]) => Buffer.concat([l, Buffer.from(t)])),
          unterminated ?? Buffer.alloc(0),
        ]);
        const expected = [
          ...lines.map(([l, t]) =>
            stripOneCR(t === "\r\n" ? Buffer.concat([l, Buffer.from("\r")]) : l),
          ),
          ...(unterminated ? [stripOneCR(unterminated)] : []),
        ].filter((b) => b.length > 0);
        const got = decodeAll(new LineDecoder(1 << 20), cut(whole, at));
        expect(got.map((l) => (l.kind === "line" ? l.bytes.toString("hex") : "oversize"))).toEqual(
          expected.map((b) => b.toString("hex")),
        );
      }),
      { numRuns: 500 },
    );
  });

  it("decodes the same lines from a growable buffer and from chunks the reader reuses", () => {
    fc.assert(
      fc.property(
        stream,
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.nat(16),
        fc.nat(64),
        ({ lines, unterminated }, at, growFrom, max) => {
          const whole = Buffer.concat([
            ...lines.map(([l, t]) => Buffer.concat([l, Buffer.from(t)])),
            unterminated ?? Buffer.alloc(0),
          ]);
          const options = { reusedChunks: true, growableFromBytes: growFrom };
          const reference = new LineDecoder(max + 1, 16);
          const decoder = new LineDecoder(max + 1, 16, options);
          const scratch = Buffer.alloc(whole.length + 1);
          const got: DecodedLine[] = [];
          const want: DecodedLine[] = [];
          for (const c of cut(whole, at)) {
            want.push(...reference.push(c));
            c.copy(scratch);
            got.push(...decoder.push(scratch.subarray(0, c.length)));
            scratch.fill(0xee); // the reader fills its buffer again
            expect(decoder.buffered).toBeLessThanOrEqual(max + 2);
          }
          want.push(...reference.end());
          got.push(...decoder.end());
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps a lone \\r inside a line (splits on \\n only)", () => {
    const got = decodeAll(new LineDecoder(100), [Buffer.from("a\rb\r"), Buffer.from("\nc\r\r\n")]);
    expect(got.map((l) => (l.kind === "line" ? l.bytes.toString() : "?"))).toEqual(["a\rb", "c\r"]);
  });

  it("reports lines over the limit as oversize, buffers at most limit + 1 bytes, and stays usable", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.tuple(lineBytes, fc.constantFrom("\n", "\r\n")), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (max, lines, at) => {
          const decoder = new LineDecoder(max, 16);
          const whole = Buffer.concat(lines.map(([l, t]) => Buffer.concat([l, Buffer.from(t)])));
          const out: DecodedLine[] = [];
          for (const c of cut(whole, at)) {
            out.push(...decoder.push(c));
            expect(decoder.buffered).toBeLessThanOrEqual(max + 1);
          }
          const expected = lines
            .map(([l, t]) => stripOneCR(t === "\r\n" ? Buffer.concat([l, Buffer.from("\r")]) : l))
            .filter((b) => b.length > 0);
          expect(out).toHaveLength(expected.length);
          out.forEach((line, i) => {
            const want = expected[i] as Buffer;
            if (want.length <= max) {
              expect(line).toEqual({ kind: "line", bytes: want });
            } else {
              expect(line.kind).toBe("oversize");
              if (line.kind === "oversize") {
                expect([want.length, want.length + 1]).toContain(line.bytes);
                expect(want.subarray(0, line.head.length).equals(line.head)).toBe(true);
              }
            }
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("holds memory flat on an endless line with no newline", () => {
    const decoder = new LineDecoder(1024);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    for (let i = 0; i < 200; i++) {
      expect(decoder.push(chunk)).toEqual([]);
      expect(decoder.buffered).toBeLessThanOrEqual(1025);
    }
    const [line] = decoder.push(Buffer.from("\n"));
    expect(line).toMatchObject({ kind: "oversize", bytes: 200 * 64 * 1024 });
  });
});

/** Bytes a client might send: valid messages, near-misses, garbage, all cut anywhere. */
const clientLine = fc.oneof(
  fc
    .nat()
    .map(
      (id) =>
        `{"jsonrpc":"2.0","id":${id},"method":"tools/call","params":{"name":"echo","arguments":{"m":"é😀"}}}`,
    ),
  fc.nat().map((id) => `{"jsonrpc":"2.0","id":"s${id}","method":"ping"}`),
  fc.constant('{"jsonrpc":"2.0","method":"notifications/initialized"}'),
  fc.constant('\uFEFF{"jsonrpc":"2.0","id":1,"method":"ping"}'),
  fc.json().map((s) => s.replaceAll("\n", " ")),
  fc.string({ unit: "binary", maxLength: 60 }).map((s) => s.replaceAll("\n", " ")),
  fc.nat(300).map((n) => "[".repeat(n)),
  fc.constant("x".repeat(2000)),
);

describe("framing fuzz through a whole session", () => {
  it("answers only with JSON-RPC, whatever bytes arrive in whatever chunks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(clientLine, fc.constantFrom("\n", "\r\n")), { maxLength: 20 }),
        fc.array(fc.uint8Array({ maxLength: 30 }), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        async (lines, junk, at) => {
          const rig = sessionRig({ answer: true, limits: { maxLineBytes: 1000 } });
          const bytes = Buffer.concat([
            ...lines.map(([l, t]) => Buffer.from(l + t)),
            ...junk.map((j) => Buffer.from(j)),
          ]);
          for (const c of cut(bytes, at)) rig.clientBytes(c);
          for (const line of rig.clientDecoder.end()) rig.session.fromClient(line);
          // The server side gets garbage too; none of it may reach the client.
          for (const j of junk) rig.serverBytes(Buffer.concat([Buffer.from(j), Buffer.from("\n")]));
          await new Promise((r) => setImmediate(r));
          await rig.session.idle();
          for (const out of rig.toClient) {
            const msg = JSON.parse(out) as Record<string, unknown>;
            if (Array.isArray(msg)) continue; // a refused batch is answered as a batch
            expect(msg.jsonrpc).toBe("2.0");
            expect("result" in msg || "error" in msg).toBe(true);
          }
          expect(internalErrors(rig.records)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
