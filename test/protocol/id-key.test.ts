import { describe, expect, it } from "vitest";
import { idKey, idKeyFromRaw } from "../../src/protocol/jsonrpc.js";

describe("idKeyFromRaw", () => {
  it("keeps ids above 2^53 apart", () => {
    expect(idKeyFromRaw("9007199254740993")).not.toBe(idKeyFromRaw("9007199254740992"));
  });

  it('agrees with idKey on safe integers and strings, and keeps 1 and "1" apart', () => {
    for (const id of [0, 1, -7, 2 ** 53 - 1, "1", 'a"b', "é"]) {
      expect(idKeyFromRaw(JSON.stringify(id))).toBe(idKey(id));
    }
    expect(idKeyFromRaw('"\\u0041"')).toBe(idKey("A"));
    expect(idKeyFromRaw("1")).not.toBe(idKeyFromRaw('"1"'));
    expect(idKeyFromRaw("-0")).toBe(idKeyFromRaw("0"));
  });
});
