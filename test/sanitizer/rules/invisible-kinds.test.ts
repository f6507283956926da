import { describe, expect, it } from "vitest";
import { rule } from "../blocked-rule.js";

// Names, mail fields, SQL and templates need no invisible character between ASCII letters;
// prose may hold joiners and isolates but never a direction override.
describe("hidden characters by kind", () => {
  it("blocks a right-to-left override in a name (invoice<RLO>fdp.exe)", () => {
    expect(rule("create_file", { name: "invoice\u202Efdp.exe" })).toBe("evasion.invisible");
    expect(rule("x", { name: "ab\u202Dcd" })).toBe("evasion.invisible");
  });

  it("blocks a zero-width space inside a SQL keyword or a mail address", () => {
    expect(rule("query_database", { query: "DR\u200BOP TABLE users" })).toBe("evasion.invisible");
    expect(rule("send_email", { to: "adm\u200Bin@example.com", body: "hi" })).toBe(
      "evasion.invisible",
    );
  });

  it("blocks a zero-width space inside an ASCII word of prose, not beside a mention", () => {
    expect(rule("send_message", { text: "Click h\u200Bttps://examp\u200Ble.com" })).toBe(
      "evasion.invisible",
    );
    expect(rule("send_message", { text: "@\u200Beveryone the build is green" })).toBeUndefined();
  });

  it("passes joiners where scripts and emoji need them", () => {
    // ZWNJ in Persian, ZWJ in an emoji family, RLM in mixed Hebrew text.
    expect(rule("search_users", { name: "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645" })).toBe(
      undefined,
    );
    expect(rule("send_message", { text: "family \u{1F468}\u200D\u{1F469}\u200D\u{1F467}" })).toBe(
      undefined,
    );
    expect(rule("create_note", { content: "\u05E9\u05DC\u05D5\u05DD\u200F (hello)" })).toBe(
      undefined,
    );
    expect(rule("create_file", { name: "report-2026.pdf" })).toBeUndefined();
  });
});
