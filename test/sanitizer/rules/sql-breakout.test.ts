import { describe, expect, it } from "vitest";
import { rule } from "../blocked-rule.js";

describe("quote breakouts in mail and text fields", () => {
  it("blocks SQL after a quote in an address and a whole-value breakout in a text field", () => {
    expect(rule("lookup", { email: "a@b.c' UNION SELECT NULL,NULL--" })).toBe("sql.injection");
    expect(rule("get_orders", { status: "shipped' OR 'a'='a" })).toBe("sql.injection");
    expect(rule("get_orders", { status: "x' or 1=1 --" })).toBe("sql.injection");
  });

  it("passes apostrophes in names, addresses and prose", () => {
    expect(rule("send_email", { to: "o'brien@example.com", body: "hi" })).toBeUndefined();
    expect(rule("set_status", { status: "Out for lunch, back at 2 -- Bob" })).toBeUndefined();
    expect(rule("create_note", { content: "It's O'Reilly's book or the other one" })).toBe(
      undefined,
    );
    expect(rule("set_status", { status: "it's done or 1=1" })).toBeUndefined();
  });
});
