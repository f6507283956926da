// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template payloads, not JS templates
/**
 * SSTI object walks in a file's or a note's content (issue 13): template syntax is ordinary
 * there, so only the walks no template needs count — Python dunders that reach classes,
 * globals and builtins, and the JS constructor walk to `Function` — written from the
 * public Jinja2 and Handlebars/Nunjucks chains, with real code and templates that pass.
 */
import { describe, expect, it } from "vitest";
import { hasTemplateGadget } from "../../../src/sanitizer/rules/template.js";
import { rule } from "../blocked-rule.js";

const WALKS = [
  "{{''.__class__.__mro__[1].__subclasses__()}}",
  "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
  "{{ lipsum.__globals__['os'].popen('id').read() }}",
  "{{ request|attr('__class__') }}",
  "{% for c in ().__class__.__base__.__subclasses__() %}{{ c }}{% endfor %}",
  "{{ constructor.constructor('return process')().mainModule.require('child_process') }}",
  '{{ range.constructor("return global.process")() }}',
  "{{ ''['constructor']['constructor']('return this')() }}",
];

describe("template.injection: object walks in content", () => {
  it("blocks a walk inside a marker in a note body, a message and a file's content", () => {
    for (const walk of WALKS) {
      expect(rule("create_note", { title: "Note", body: walk }), walk).toBe("template.injection");
      expect(rule("post_comment", { issue: 4, content: `Thanks! ${walk}` }), walk).toBe(
        "template.injection",
      );
      expect(
        rule("write_file", { path: "templates/x.html", content: `<p>${walk}</p>` }),
        walk,
      ).toBe("template.injection");
    }
  });

  it("passes templates, Python and JS code and docs that mention the same names", () => {
    for (const content of [
      "<title>{% block title %}{% endblock %}</title>\n{{ super() }}\n{{ item.name|title }}",
      "class A:\n    def __init__(self):\n        self.t = '{{ name }}'\n    def __repr__(self):\n        return f'{{{self.__class__.__name__}}}'\n",
      "const s = `${require('child_process').execSync('git rev-parse HEAD')}`;\nconsole.log({}.constructor.constructor === Function);",
      "Jinja: `{{ user.name }}` and `{% if x %}`.\nPython: `obj.__class__.__name__`.",
      "tpl = env.from_string('{{ x }}')\nprint(type(x).__mro__)",
      "{{#each items}}<li>{{this}}</li>{{/each}}",
    ]) {
      expect(hasTemplateGadget([content]), content).toBe(false);
      expect(rule("write_file", { path: "src/x", content }), content).toBeUndefined();
    }
  });

  it("stays linear on long runs of markers and dunders", () => {
    const long = `{{${"__init__".repeat(37)}`.repeat(2000);
    const t0 = performance.now();
    hasTemplateGadget([long]);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
