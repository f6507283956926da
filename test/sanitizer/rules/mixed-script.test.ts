import { describe, expect, it } from "vitest";
import { isMixedScript } from "../../../src/sanitizer/rules/index.js";
import { rule } from "../blocked-rule.js";

describe("mixed-script names (homoglyph spoofing)", () => {
  it("finds a word mixing Latin with Cyrillic or Greek", () => {
    expect(isMixedScript("\u0430dmin")).toBe(true); // Cyrillic а
    expect(isMixedScript("p\u0430ypal.com")).toBe(true);
    expect(isMixedScript("g\u03BFogle")).toBe(true); // Greek ο
    expect(isMixedScript("\u0418\u0432\u0430\u043D Petrov")).toBe(false); // two words, one script each
    expect(isMixedScript("\u03B1-helix")).toBe(false);
    expect(isMixedScript("admin")).toBe(false);
  });

  it("blocks it in names, hosts and addresses, not in prose", () => {
    expect(rule("create_user", { username: "\u0430dmin" })).toBe("evasion.mixed-script");
    expect(rule("fetch", { url: "https://p\u0430ypal.com/login" })).toBe("evasion.mixed-script");
    expect(rule("send_email", { to: "supp\u043Ert@example.com", body: "hi" })).toBe(
      "evasion.mixed-script",
    );
    expect(rule("read_file", { path: "/\u0435tc/p\u0430sswd" })).toBe("evasion.mixed-script");
    expect(rule("read_file", { path: "docs/\u043E\u0442\u0447\u0451\u0442_final.md" })).toBe(
      undefined,
    );
    expect(rule("search_users", { name: "\u0418\u0432\u0430\u043D Petrov" })).toBeUndefined();
    // A search may mix scripts in one word (fast-check found this one).
    expect(rule("web_search", { query: "solve e^(i\u03C0) + 1 = 0" })).toBeUndefined();
    expect(rule("create_note", { content: "Le mot \u00AB\u0434\u0430\u00BB means yes" })).toBe(
      undefined,
    );
  });
});
