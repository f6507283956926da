// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template payloads, not JS templates
/**
 * Template probes of the fifth generalisation pass (issue 13), from
 * payloadbox/ssti-payloads@9101330d542a3b2fac4e17cb7b735ad9eeab5988 `Intruder/ssti-payloads.txt`,
 * put into a template field and into a note's title (a name some page renders), with
 * ordinary templates and prose that must pass.
 */
import { describe, expect, it } from "vitest";
import { hasTemplateCode } from "../../../src/sanitizer/rules/template.js";
import { rule } from "../blocked-rule.js";

describe("template.injection: probes and engine internals", () => {
  it("reads Razor arithmetic, bare request/self objects and Smarty's internals as code", () => {
    for (const t of ["Hello @(6+5)!", "{{ request }}", "{{_self}}", "{$smarty.version}"])
      expect(hasTemplateCode([t]), t).toBe(true);
  });

  it("passes ordinary templates", () => {
    for (const t of [
      "Hello {{ request.user.first_name }}!",
      "{{ loop.index }}",
      "Total: {{ total | round(2) }}",
      "{$smarty.now|date_format}",
      "Call @(555-123-4567)",
    ])
      expect(hasTemplateCode([t]), t).toBe(false);
  });
});

describe("template.injection: template code in a title or name", () => {
  it("blocks code inside a marker in a note title", () => {
    for (const title of [
      "{{''.class.mro()[1].subclasses()}}",
      "{{config.items()}}",
      "<%= File.open('/etc/passwd').read %>",
      "{{['id']|filter('system')}}",
      "*{T(java.lang.Runtime).getRuntime().exec('id')}",
      "{php}echo `id`;{/php}",
      "@(6+5)",
    ])
      expect(rule("create_note", { title, content: "x" }), title).toBe("template.injection");
  });

  it("passes titles and messages that mention template syntax without code", () => {
    for (const args of [
      { title: "Use {{ user.name | title }} in the header", content: "x" },
      { title: "Template: {% if user %}Hi{% endif %}", content: "x" },
      { title: "Jinja: {{ item.get('name') }} fails", content: "x" },
      { title: "Price is ${price} per seat", content: "x" },
      { title: "Call me @(555-123-4567)", content: "x" },
    ])
      expect(rule("create_note", args), args.title).toBeUndefined();
    expect(
      rule("send_email", {
        to: "a@example.com",
        subject: "Report for {{month}}",
        body: "Hi {{ name }}, total: {{ total | round(2) }}",
      }),
    ).toBeUndefined();
  });
});
