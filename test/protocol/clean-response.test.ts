import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCleanResponse } from "../../src/protocol/clean-response.js";

const read = (line: string) => readCleanResponse(Buffer.from(line));

describe("readCleanResponse", () => {
  it("reads the id token, the depth, result.isError and the strings of result", () => {
    expect(
      read(
        '{"jsonrpc":"2.0","id":12,"result":{"content":[{"type":"text","text":"hi"}],"isError":true}}',
      ),
    ).toEqual({ rawId: "12", depth: 4, isError: true, strings: ["text", "hi"] });
    expect(read(' { "result" : { } , "id" : "a-1" , "jsonrpc" : "2.0" } ')).toEqual({
      rawId: '"a-1"',
      depth: 2,
      isError: false,
      strings: [],
    });
    // The same key in sibling objects is no repeat.
    expect(
      read('{"jsonrpc":"2.0","id":3,"result":{"content":[{"text":"a"},{"text":"b"}]}}')?.strings,
    ).toEqual(["a", "b"]);
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `"k${i}":1`).join(",");
    expect(read(`{"jsonrpc":"2.0","id":4,"result":{"o":{${keys(32)}}}}`)?.rawId).toBe("4");
  });

  it("leaves to the full path what it cannot prove clean or plain", () => {
    for (const line of [
      '{"jsonrpc":"2.0","id":1,"result":{"text":"\\u001b[31m"}}', // an escape
      '{"jsonrpc":"2.0","id":1,"result":{"text":"caf\u00e9"}}', // not ASCII
      '{"jsonrpc":"2.0","id":1,"result":{"text":"a\tb"}}', // a control character
      '{"jsonrpc":"2.0","id":1,"result":{}}\r', // whitespace other than spaces
      '{"jsonrpc":"2.0","id":1e2,"result":{}}', // an id not in canonical form
      '{"jsonrpc":"2.0","id":9007199254740993,"result":{}}', // an id beyond 15 digits
      '{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"x"}}', // an error
      '{"jsonrpc":"2.0","id":1,"result":{},"_meta":{}}', // another member
      '{"jsonrpc":"2.0","id":1,"id":2,"result":{}}', // a repeated member
      // A key repeated deeper (peers disagree on which member counts; the full path refuses it).
      '{"jsonrpc":"2.0","id":1,"result":{"isError":true,"isError":false}}',
      '{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"a","text":"b"}]}}',
      // More keys in one object than the repeat test compares cheaply.
      `{"jsonrpc":"2.0","id":1,"result":{"o":{${Array.from({ length: 33 }, (_, i) => `"k${i}":1`).join(",")}}}}`,
      '{"jsonrpc":"2.0","id":1,"result":[]}', // a result that is no object
      '{"jsonrpc":"2.0","id":1,"result":{"a":01}}', // not JSON
      '{"jsonrpc":"2.0","id":1,"result":{"a":1,}}',
      '{"jsonrpc":"2.0","id":1,"result":{"a":[1}]}',
      '{"jsonrpc":"2.0","id":1,"result":{}} x',
      '{"jsonrpc":"2.0","id":1,"result":{}',
      '{"jsonrpc":"2.0","id":1,"method":"ping","result":{}}',
      `{"jsonrpc":"2.0","id":1,"result":${"[".repeat(40)}${"]".repeat(40)}}`,
    ]) {
      expect(read(line), line).toBeUndefined();
    }
  });

  it("accepts only what JSON.parse reads as a {jsonrpc, id, result} response with the same strings", () => {
    const value = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 4 }), value, { maxKeys: 3 }),
        fc.nat(99),
        (result, id) => {
          const line = JSON.stringify({ jsonrpc: "2.0", id, result });
          const clean = read(line);
          if (clean === undefined) {
            // Only for a reason the reader names: something outside printable ASCII, or a backslash.
            expect(/[^\x20-\x5b\x5d-\x7e]/.test(line)).toBe(true);
            return;
          }
          expect(clean.rawId).toBe(String(id));
          const strings: string[] = [];
          const walk = (v: unknown): void => {
            if (typeof v === "string") strings.push(v);
            else if (Array.isArray(v)) v.forEach(walk);
            else if (typeof v === "object" && v !== null) Object.values(v).forEach(walk);
          };
          walk(JSON.parse(line).result);
          expect([...clean.strings].sort()).toEqual(strings.sort());
        },
      ),
      { seed: 16, numRuns: 1000 },
    );
  });
});
