import { describe, expect, it } from "vitest";
import { LineDecoder, OVERSIZE_TAIL_BYTES } from "../../src/protocol/framing.js";
import { scanTailId } from "../../src/protocol/scan.js";

const tailId = (s: string) => scanTailId(Buffer.from(s));

describe("scanTailId", () => {
  it("reads a last top-level id as written (SDK member order)", () => {
    expect(tailId('xxx"},"jsonrpc":"2.0","id":9007199254740993}')).toBe("9007199254740993");
    expect(tailId('xx"]},"jsonrpc":"2.0","id":"a\\"}b"}\r')).toBe('"a\\"}b"');
    expect(tailId('{"id":-4 }  ')).toBe("-4");
  });

  it("finds no id that is nested, not last, or not an id token", () => {
    expect(tailId('"result":{"x":{"id":5}}}')).toBeUndefined();
    expect(tailId('"id":5,"jsonrpc":"2.0"}')).toBeUndefined();
    expect(tailId('"text":"a \\"id\\":5}"}')).toBeUndefined();
    expect(tailId('"jsonrpc":"2.0","id":1.5}')).toBeUndefined();
    expect(tailId('"jsonrpc":"2.0","id":null}')).toBeUndefined();
    expect(tailId('"jsonrpc":"2.0","id":7')).toBeUndefined();
  });
});

describe("LineDecoder keeps the tail of an oversize line", () => {
  it("across many chunks, bounded", () => {
    const d = new LineDecoder(1000, 100);
    const body = `{"method":"x","params":{"p":"${"y".repeat(50_000)}"},"jsonrpc":"2.0","id":42}`;
    const out = [];
    for (let i = 0; i < body.length; i += 777)
      out.push(...d.push(Buffer.from(body.slice(i, i + 777))));
    out.push(...d.push(Buffer.from("\r\n")));
    const line = out[0];
    expect(line?.kind).toBe("oversize");
    if (line?.kind !== "oversize") return;
    expect(line.tail?.length).toBe(OVERSIZE_TAIL_BYTES);
    expect(line.tail && scanTailId(line.tail)).toBe("42");
  });
});
