// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template payloads, not JS templates
/**
 * Template probes of issue 13's generalisation pass, from engine documentation and public
 * write-ups outside the independent corpus: Smarty 4 manual ({php} and plugin tags),
 * Handlebars' prototype-access advisory (handlebars-lang/handlebars.js, GHSA-q42p-pg8m-cqh6),
 * ASP.NET Razor syntax reference (`@( )`, `@{ }`), Go text/template (`call`, method
 * values), Twig's `dump` and `app` globals, Django settings, and the polyglot of the
 * "Template Injection Table" (Hackmanit/template-injection-table).
 */
import { describe, expect, it } from "vitest";
import { hasTemplateCode } from "../../../src/sanitizer/rules/template.js";

const code = (s: string) => hasTemplateCode([s]);

describe("template.injection: more engines", () => {
  it("blocks code in Smarty, Handlebars, Razor and Go templates, and secrets walks", () => {
    for (const t of [
      "{php}echo `id`;{/php}",
      "{system('ls')}",
      '{{#with "s" as |string|}}{{this.push (lookup string.sub "constructor")}}{{/with}}',
      '@(System.Diagnostics.Process.Start("cmd.exe","/c whoami"))',
      '{{ .System "id" }}',
      '{{printf "%s" "x" | call .Exec}}',
      "{{ dump(app) }}",
      "{{ app.request.server.all|join(',') }}",
      "{{ settings.SECRET_KEY }}",
    ])
      expect(code(t), t).toBe(true);
  });

  it("blocks a polyglot of three engines' markers side by side", () => {
    expect(code("${{<%[%'\"}}%\\.")).toBe(true);
    expect(code("{{<%= ${x} %>}}")).toBe(true);
  });

  it("passes ordinary templates of the same engines", () => {
    for (const t of [
      "{if $user}Hi {$user.name}{/if}",
      "{{#each items}}<li>{{this}}</li>{{/each}}",
      "@Model.Title and @(Model.Count + 1)",
      "{{ .Name }} ({{ .Command }})",
      "Total: ${total} {{ items|length }} <%= user.name %>",
      '{% extends "layout.html" %}{% block content %}Hi{% endblock %}',
    ])
      expect(code(t), t).toBe(false);
  });
});
