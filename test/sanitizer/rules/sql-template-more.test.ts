import { describe, expect, it } from "vitest";
import { hasStackedDestructive, statementHeads } from "../../../src/sanitizer/rules/sql.js";
import { hasTemplateCode } from "../../../src/sanitizer/rules/template.js";

describe("stacked statements after an unclosed quote or a time probe", () => {
  it("reads past a quote that never closes, and counts WAITFOR as stacked", () => {
    expect(statementHeads("SELECT 1 FROM t WHERE id = 1' ; drop table temp --")).toEqual([
      "select",
      "drop",
    ]);
    expect(hasStackedDestructive("SELECT id FROM c WHERE id = 1';waitfor delay '0:0:5'--")).toBe(
      true,
    );
    expect(hasStackedDestructive("SELECT id FROM c WHERE id = 1 ;waitfor delay '0:0:5'--")).toBe(
      true,
    );
  });

  it("passes closed quotes holding semicolons and plain stacked reads", () => {
    expect(hasStackedDestructive("SELECT ';drop table x' AS s; SELECT 2")).toBe(false);
    expect(hasStackedDestructive("SELECT name FROM t WHERE note = 'it''s; fine'")).toBe(false);
    expect(statementHeads("SELECT 'O''Brien'; SELECT 1")).toEqual(["select", "select"]);
  });
});

describe("template code in more spellings", () => {
  it("blocks dict literals handed to call_user_func, %x, System.shell and config walks", () => {
    expect(hasTemplateCode(["Hello {{ {'id':'shell_exec'}|map('call_user_func')|join }}!"])).toBe(
      true,
    );
    expect(hasTemplateCode(["#{ %x|env| }"])).toBe(true);
    expect(hasTemplateCode(['<%= elem(System.shell("id"), 0) %>'])).toBe(true);
    expect(hasTemplateCode(["{% for key, value in config.iteritems() %}"])).toBe(true);
  });

  it("passes ordinary templates with dicts, loops and config values", () => {
    expect(
      hasTemplateCode(["{{ {'a': 1}|tojson }} {% for x in items %}{{ x.name }}{% endfor %}"]),
    ).toBe(false);
    expect(hasTemplateCode(["{{ site.config.title }} and #{user.name}"])).toBe(false);
    expect(hasTemplateCode(["Dear {{ customer.first_name | title }},"])).toBe(false);
  });
});
