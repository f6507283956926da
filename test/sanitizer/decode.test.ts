import { describe, expect, it } from "vitest";
import { decodeLayers, MAX_DECODE_ROUNDS, percentDecodeOnce } from "../../src/sanitizer/decode.js";
import { stripInvisible } from "../../src/sanitizer/invisible.js";
import { normalizeValue } from "../../src/sanitizer/normalize.js";

describe("percent-decoding", () => {
  it("decodes ASCII, UTF-8 and IIS %u escapes", () => {
    expect(percentDecodeOnce("..%2f..%2F")).toBe("../../");
    expect(percentDecodeOnce("%E2%80%8B")).toBe("\u200B");
    expect(percentDecodeOnce("%u002e%u002E")).toBe("..");
  });

  it("accepts overlong UTF-8 the way lax decoders do", () => {
    expect(percentDecodeOnce("%c0%ae%c0%ae%c0%af")).toBe("../");
    expect(percentDecodeOnce("%e0%80%ae")).toBe(".");
  });

  it("reads broken overlong leads and IIS best-fit units as path characters", () => {
    // `%c0` before an ASCII escape: the lead byte is dropped, as masking decoders do.
    expect(percentDecodeOnce("..%c0%2f..%c0%5c")).toBe("../..\\");
    expect(percentDecodeOnce("%c0%2e%c0%2e/")).toBe("../");
    // `%c1%af` is `o` strictly, `/` to a decoder keeping seven bits: the path reading wins.
    expect(percentDecodeOnce("..%c1%afetc")).toBe("../etc");
    expect(percentDecodeOnce("%c1%9c")).toBe("\\");
    expect(percentDecodeOnce("..%uEFC8..%uF025")).toBe("../..\\");
    // Other broken sequences and other private-use units stay as written.
    expect(percentDecodeOnce("%c0x")).toBe("%c0x");
    expect(percentDecodeOnce("%c3%28")).toBe("%c3(");
    expect(percentDecodeOnce("%uE000")).toBe("\ue000");
  });

  it("leaves what is not an escape alone", () => {
    expect(percentDecodeOnce("100% sure %zz %")).toBe("100% sure %zz %");
    expect(percentDecodeOnce("%ff%fe")).toBe("%ff%fe");
  });

  it("peels nested layers up to the bound, and no further", () => {
    expect(decodeLayers("%25252e%25252e")).toBe("..");
    let deep = ".";
    for (let i = 0; i < MAX_DECODE_ROUNDS + 2; i++)
      deep = deep.replaceAll("%", "%25").replace(".", "%2e");
    expect(decodeLayers(deep)).not.toBe(".");
  });
});

describe("invisible characters", () => {
  it("removes zero-width characters and flags them between ASCII", () => {
    expect(stripInvisible("..\u200B/")).toEqual({ text: "../", suspicious: true });
    expect(stripInvisible("a\u200Db")).toEqual({ text: "ab", suspicious: true });
  });

  it("accepts joiners in emoji, Persian and Indic text, and tags in subdivision flags", () => {
    expect(stripInvisible("👩\u200D💻").suspicious).toBe(false);
    expect(stripInvisible("می\u200Cخواهم").suspicious).toBe(false);
    expect(
      stripInvisible("🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}").suspicious,
    ).toBe(false);
    expect(stripInvisible("❤️ ok").suspicious).toBe(false);
  });

  it("always flags bidi overrides and stray tag characters", () => {
    expect(stripInvisible("invoice\u202Egpj.exe").suspicious).toBe(true);
    expect(stripInvisible("a\u{E0041}").suspicious).toBe(true);
  });
});

describe("normalizeValue", () => {
  it("maps fullwidth forms with NFKC and decodes after", () => {
    expect(normalizeValue("\uFF0E\uFF0E\uFF0F", false).plain).toBe("../");
    expect(normalizeValue("%ef%bc%8e%ef%bc%8e/", true).decoded).toBe("../");
  });

  it("skips all work on plain ASCII", () => {
    expect(normalizeValue("src/index.ts", true)).toEqual({
      plain: "src/index.ts",
      hiddenChars: false,
    });
  });
});
