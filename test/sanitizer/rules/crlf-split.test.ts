import { describe, expect, it } from "vitest";
import { hasHeaderSplit } from "../../../src/sanitizer/rules/crlf.js";
import { rule } from "../blocked-rule.js";

describe("header splitting in fields that are not headers", () => {
  it("finds a capitalised X- header or a status line after a CR", () => {
    expect(hasHeaderSplit(["GET\r\nX-Evil: 1"])).toBe(true);
    expect(hasHeaderSplit(["ok\r\nHTTP/1.1 200 OK"])).toBe(true);
    expect(rule("http_request", { url: "https://e.com/", method: "GET\r\nX-Admin: true" })).toBe(
      "crlf.injection",
    );
  });

  it("passes YAML with CRLF endings, OpenAPI x- keys and host keys included", () => {
    expect(hasHeaderSplit(["paths:\r\n  /a:\r\n    x-amazon-apigateway-integration:\r\n"])).toBe(
      false,
    );
    expect(hasHeaderSplit(["server:\r\n  host: 0.0.0.0\r\n  port: 80\r\n"])).toBe(false);
    expect(rule("x", { data: "server:\r\n  host: 0.0.0.0\r\n" })).toBeUndefined();
  });
});
