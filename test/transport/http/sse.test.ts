import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatSseEvent,
  type OversizeSseEvent,
  type SseEvent,
  SseParser,
} from "../../../src/transport/http/sse.js";

function parseAll(chunks: Uint8Array[], max = 1 << 20): Array<SseEvent | OversizeSseEvent> {
  const p = new SseParser(max);
  return [...chunks.flatMap((c) => p.push(c)), ...p.end()];
}

describe("SseParser", () => {
  it("reads ids, event names, retry and multi-line data", () => {
    const text =
      'id: 7\nevent: message\nretry: 1000\ndata: {"a":\ndata: 1}\n\n: comment\n\ndata: x\n\n';
    expect(parseAll([Buffer.from(text)])).toEqual([
      { id: "7", event: "message", retry: 1000, data: '{"a":\n1}' },
      { data: "x" },
    ]);
  });

  it("relays data-less events that carry an id (priming events)", () => {
    expect(parseAll([Buffer.from("id: p1\ndata: \n\nid: p2\n\n")])).toEqual([
      { id: "p1", data: "" },
      { id: "p2", data: "" },
    ]);
  });

  it("decodes the same events however the bytes are cut (CRLF and multi-byte characters across chunks)", () => {
    const events: SseEvent[] = [
      { id: "1", data: '{"text":"héllo ✓ 𝄞"}' },
      { data: "line1\nline2" },
      { id: "3", event: "message", data: "{}" },
    ];
    const bytes = Buffer.from(events.map(formatSseEvent).join("").replace(/\n/g, "\r\n"));
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 12 }),
        (cuts) => {
          const points = [...new Set(cuts)].sort((a, b) => a - b);
          const chunks: Uint8Array[] = [];
          let last = 0;
          for (const c of [...points, bytes.length]) {
            chunks.push(bytes.subarray(last, c));
            last = c;
          }
          expect(parseAll(chunks)).toEqual(events);
        },
      ),
    );
  });

  it("never buffers an event past the limit: it comes out as oversize with its head", () => {
    const big = `id: 9\ndata: {"jsonrpc":"2.0","id":5,"result":"${"x".repeat(5000)}"}\n\ndata: ok\n\n`;
    const out = parseAll([Buffer.from(big)], 1000);
    expect(out[0]).toMatchObject({ oversize: true, id: "9" });
    expect((out[0] as OversizeSseEvent).head.startsWith('{"jsonrpc":"2.0","id":5')).toBe(true);
    expect((out[0] as OversizeSseEvent).bytes).toBeGreaterThan(5000);
    expect(out[1]).toEqual({ data: "ok" });
  });

  it("a line that never ends is bounded too", () => {
    const p = new SseParser(1000);
    for (let i = 0; i < 50; i++)
      expect(p.push(Buffer.from(`${i === 0 ? "data: " : ""}${"y".repeat(500)}`))).toEqual([]);
    expect(p.push(Buffer.from("\n\n"))[0]).toMatchObject({ oversize: true });
  });
});
