// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template payloads, not JS templates
/**
 * Template rules of the eighth pass: runtimes reached without a marker (Pug code lines, Razor
 * `@System.IO…`, Python's os/subprocess), a walk to `.constructor` in Handlebars, string
 * escapes that spell a dunder, and Velocity without braces in a title — beside the everyday
 * templates and messages of the same fields.
 */
import { describe, expect, it } from "vitest";
import { hasRuntimeExec, hasTemplateCode } from "../../../src/sanitizer/rules/template.js";
import { rule } from "../blocked-rule.js";

const tpl = (template: string) => rule("render_template", { template });

describe("template code without a marker, or spelled with escapes", () => {
  it("blocks runtimes reached from a template field", () => {
    expect(tpl("- var x = global.process.mainModule.require('child_process').execSync('id')")).toBe(
      "template.injection",
    );
    expect(tpl("- var fs = require('fs')")).toBe("template.injection");
    expect(tpl('@System.IO.File.ReadAllText("C:\\\\Windows\\\\win.ini")')).toBe(
      "template.injection",
    );
    expect(tpl("% os.system('id')")).toBe("template.injection");
    expect(hasRuntimeExec(["${subprocess.check_output(['id'])}"])).toBe(true);
  });

  it("blocks a constructor walk and escaped dunders inside a marker", () => {
    expect(
      tpl('{{#with string.constructor}}{{#with (bind "return process")}}{{/with}}{{/with}}'),
    ).toBe("template.injection");
    expect(tpl("{{ ''['\\x5f\\x5fclass\\x5f\\x5f'] }}")).toBe("template.injection");
    expect(hasTemplateCode(["{{ x['\\u005f\\u005fglobals\\u005f\\u005f'] }}"])).toBe(true);
  });

  it("blocks Velocity without braces in a title", () => {
    expect(
      rule("create_note", {
        title: '#set($e="e")$e.getClass().forName("java.lang.Runtime")',
        content: "x",
      }),
    ).toBe("template.injection");
  });

  it("passes templates that escape, build URLs or mention processes in prose", () => {
    for (const t of [
      "p Hello #{user.name}\nul\n  each item in items\n    li= item",
      "{{ title | replace('\\n', '<br>') }}",
      "Price: {{ '\\u20ac' }}{{ price }}",
      "{% set os = 'linux' %}{{ os }} build",
      "@Model.Title — @DateTime.Now.Year",
      "{{ item.constructorName }}",
    ])
      expect(tpl(t), t).toBeUndefined();
    expect(
      rule("slack_post_message", { channel: "#dev", text: "@bob subprocess.run() fails on CI" }),
    ).toBeUndefined();
    expect(
      rule("create_issue", { title: "#123 crash in os.system( call", body: "x" }),
    ).toBeUndefined();
  });
});
