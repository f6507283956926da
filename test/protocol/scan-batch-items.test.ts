import { describe, expect, it } from "vitest";
import { scanBatchItems } from "../../src/protocol/scan.js";

describe("scanBatchItems", () => {
  it("reads each element's id exactly as written, above 2^53 too", () => {
    const items = scanBatchItems(
      Buffer.from(
        '[{"jsonrpc":"2.0","id":9007199254740993,"method":"ping"}, {"method":"a","id":"x]}"},' +
          ' 3, [{"id":1}], {"jsonrpc":"2.0","method":"notifications/x","params":{"id":5}}]',
      ),
    );
    expect(items.map((i) => [i.rawId, i.method])).toEqual([
      ["9007199254740993", "ping"],
      ['"x]}"', "a"],
      [undefined, "notifications/x"],
    ]);
  });

  it("finds nothing in an empty or truncated array", () => {
    expect(scanBatchItems(Buffer.from("[]"))).toEqual([]);
    expect(scanBatchItems(Buffer.from('[{"id":1,"method":"x"'))).toEqual([]);
  });
});
