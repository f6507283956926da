import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalInteger, idKey, idKeyFromRaw, looseIdKey } from "../../src/protocol/jsonrpc.js";

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

describe("canonicalInteger", () => {
  it.each([
    ["100", "100"],
    ["1e2", "100"],
    ["1E+2", "100"],
    ["100e-2", "1"],
    ["303.0", "303"],
    ["1.50e1", "15"],
    ["-0", "0"],
    ["-0.0e5", "0"],
    ["0e-1", "0"],
    ["-0.0e-1", "0"],
    ["-12", "-12"],
    ["9007199254740993", "9007199254740993"],
    ["9007199254740993.000", "9007199254740993"],
  ])("%s is the integer %s", (token, value) => {
    expect(canonicalInteger(token)).toBe(value);
  });

  it.each(["0.5", "1e-2", "1.0000000000000001", "1e401", "abc", ""])("%s is no integer", (t) => {
    expect(canonicalInteger(t)).toBeUndefined();
  });

  it("agrees with JSON.parse on every safe integer spelling it accepts", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 6 }),
        (n, shift) => {
          // JSON forbids leading zeros, so zero is spelled without padding.
          const spelled = n === 0 ? `0e-${shift}` : `${n}${"0".repeat(shift)}e-${shift}`;
          expect(canonicalInteger(spelled)).toBe(String(n === 0 ? 0 : n));
          expect(Number(canonicalInteger(spelled))).toBe(JSON.parse(spelled) + 0);
        },
      ),
    );
  });
});

describe("looseIdKey", () => {
  it("is the key itself for safe ids and the double's digits beyond 2^53", () => {
    expect(looseIdKey("n:42")).toBe("n:42");
    expect(looseIdKey("s:9007199254740993")).toBe("s:9007199254740993");
    expect(looseIdKey("n:9007199254740993")).toBe("n:9007199254740992");
  });
});
