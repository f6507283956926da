import { describe, expect, it } from "vitest";
import { scanMessage, scanParamToken } from "../../src/protocol/scan.js";
import { countKeys } from "../../src/session/read-frame.js";

const scan = (s: string) => scanMessage(Buffer.from(s));

describe("scanMessage", () => {
  it("reads the id exactly as written, above 2^53 too", () => {
    expect(scan('{"jsonrpc":"2.0","id":12345678901234567890,"method":"ping"}')).toMatchObject({
      rawId: "12345678901234567890",
      method: "ping",
      depth: 1,
      isArray: false,
    });
  });

  it("keeps a string id's exact text, escapes included", () => {
    expect(scan('{"id":"a\\"b\\u00e9","method":"x"}').rawId).toBe('"a\\"b\\u00e9"');
  });

  it("ignores id and method members below the top level", () => {
    const r = scan('{"params":{"id":7,"method":"evil"},"method":"tools/call","id":"1"}');
    expect(r.rawId).toBe('"1"');
    expect(r.method).toBe("tools/call");
    expect(r.depth).toBe(2);
  });

  it("does not take a key-looking string inside a value for a key", () => {
    const r = scan('{"method":"tools/call","params":{"arguments":{"x":"\\",\\"id\\":9"}},"id":3}');
    expect(r.rawId).toBe("3");
  });

  it("refuses ids that are not strings or integers", () => {
    expect(scan('{"id":null,"method":"x"}').rawId).toBeUndefined();
    expect(scan('{"id":1.5,"method":"x"}').rawId).toBeUndefined();
    expect(scan('{"id":{"a":1},"method":"x"}').rawId).toBeUndefined();
  });

  it("measures the depth of a 100,000-level bomb without recursion", () => {
    const bomb = `{"id":1,"params":${"[".repeat(100_000)}${"]".repeat(100_000)}}`;
    expect(scan(bomb)).toMatchObject({ depth: 100_001, rawId: "1" });
  });

  it("finds the id in the head of a truncated line", () => {
    expect(
      scan('{"jsonrpc":"2.0","id":42,"method":"tools/call","params":{"arguments":{"a":"xxxxx')
        .rawId,
    ).toBe("42");
  });

  it("recognises a batch", () => {
    expect(scan(' [{"id":1}]').isArray).toBe(true);
  });
});

describe("scanMessage reads keys as a parser does", () => {
  it("decodes escaped envelope keys", () => {
    expect(scan('{"\\u0069d":301,"m\\u0065thod":"tools/list"}')).toMatchObject({
      rawId: "301",
      method: "tools/list",
    });
  });

  it("reports a repeated envelope member and keeps both ids", () => {
    const s = scan('{"id":1,"method":"a","\\u0069d":2}');
    expect(s).toMatchObject({ rawId: "2", firstRawId: "1", duplicate: "id" });
    expect(scan('{"id":1,"params":{},"params":{}}').duplicate).toBe("params");
    expect(scan('{"id":1,"params":{"id":2,"id":3}}').duplicate).toBeUndefined();
  });

  it("counts object members at every depth, as many as JSON.parse keeps when none repeats", () => {
    const line = '{"a":{"b":[{"c":1,"d":"x,\\"y:"},[],{}]},"e":[1,{"f":null}]}';
    expect(scan(line).keys).toBe(countKeys(JSON.parse(line)));
    expect(scan('{"a":1,"a":2}').keys).toBe(2);
    expect(countKeys(JSON.parse('{"a":1,"a":2}'))).toBe(1);
  });
});

describe("scanParamToken", () => {
  it("reads params.<key> exactly, and nothing at other depths", () => {
    const big = '{"method":"notifications/cancelled","params":{"requestId":9007199254740993}}';
    expect(scanParamToken(Buffer.from(big), "requestId")).toBe("9007199254740993");
    const nested = '{"params":{"x":{"requestId":1},"requestId":"r"}}';
    expect(scanParamToken(Buffer.from(nested), "requestId")).toBe('"r"');
    expect(scanParamToken(Buffer.from('{"requestId":1,"params":{}}'), "requestId")).toBeUndefined();
  });
});
