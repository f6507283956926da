// biome-ignore-all lint/suspicious/noTemplateCurlyInString: template payloads, not JS templates
/**
 * Field rules of the seventh pass (issue 13): search globs over the whole disk or home and
 * brace alternatives naming secrets, an archive tool's `entry_name`, template code in a
 * rename's `new_name`, and SSTI payloads of OGNL, Django, Cheetah, Ruby's Dir and includes of
 * system files — each beside the everyday values of the same fields.
 */
import { describe, expect, it } from "vitest";
import { braceAlternatives, isWholeDiskGlob } from "../../../src/sanitizer/rules/glob.js";
import { rule } from "../blocked-rule.js";

describe("globs of search tools", () => {
  it("blocks the whole disk or home, and brace alternatives naming secrets", () => {
    expect(rule("search_files", { pattern: "/**" })).toBe("glob.wide");
    expect(rule("search_files", { pattern: "/**/*" })).toBe("glob.wide");
    expect(rule("search_files", { pattern: "~/**" })).toBe("glob.wide");
    expect(rule("glob", { pattern: "C:/**" })).toBe("glob.wide");
    expect(rule("search_files", { pattern: "/{etc,root}/**" })).toBe("path.sensitive");
    expect(rule("search_files", { pattern: "{/etc/shadow,src/*.ts}" })).toBe("path.sensitive");
  });

  it("passes project globs, named files under home and absolute workspace paths", () => {
    for (const pattern of [
      "**/*",
      "**",
      "src/**",
      "{src,test}/**/*.ts",
      "**/*.{js,ts}",
      "~/notes/**/*.md",
      "/home/dev/project/src/**/*.ts",
      "/workspace/**",
      "/**/*.ts",
    ])
      expect(rule("search_files", { pattern }), pattern).toBeUndefined();
  });

  it("expands the first brace group, at most 16 ways", () => {
    expect(braceAlternatives("/{etc,root}/**")).toEqual(["/etc/**", "/root/**"]);
    expect(braceAlternatives("src/*.ts")).toEqual(["src/*.ts"]);
    expect(braceAlternatives(`{${"a,".repeat(40)}b}`)).toHaveLength(16);
    expect(isWholeDiskGlob(["/home/*/x"])).toBe(false);
  });
});

describe("archive entries named by key", () => {
  it("judges an archive tool's entry_name as an entry", () => {
    expect(rule("extract_archive", { archive: "x.zip", entry_name: "../../.bashrc" })).toBe(
      "archive.entry-traversal",
    );
    expect(
      rule("extract_archive", { archive: "x.zip", entry_name: "docs/readme.md" }),
    ).toBeUndefined();
  });
});

describe("template.injection: names and more engines", () => {
  it("blocks code in a rename's new name (a name, not an edit's new text)", () => {
    expect(
      rule("rename_item", { new_name: "#{T(java.lang.Runtime).getRuntime().exec('id')}" }),
    ).toBe("template.injection");
    expect(rule("rename_item", { new_name: "Q3 report (final)" })).toBeUndefined();
    expect(
      rule("edit_file", { path: "a.erb", old_string: "x", new_string: "<%= Dir.pwd %>" }),
    ).toBeUndefined();
  });

  it("blocks OGNL, Django, Cheetah, Ruby Dir, dunder concatenation and system includes", () => {
    for (const template of [
      '%{#a=(new java.lang.ProcessBuilder(new java.lang.String[]{"id"})).start()}',
      "%{(#_memberAccess['allowStaticMethodAccess']=true)}",
      "${#context['xwork.MethodAccessor.denyMethodExecution']=false}",
      "<%= Dir.entries('/') %>",
      "{% debug %}",
      "{% load log %}{% get_admin_log 10 as log %}",
      "#from os import system\n$system('id')",
      '{{ ("__cla"+"ss__") }}',
      "{{ include('/etc/passwd') }}",
      "{{ source('/etc/passwd') }}",
      "{% include '../../../../etc/passwd' %}",
      "[#assign ex = 'freemarker.template.utility.Execute'?new()]${ ex('id')}",
    ])
      expect(rule("render_template", { template }), template).toBe("template.injection");
  });

  it("passes includes, imports and concatenation of ordinary templates", () => {
    for (const template of [
      "{% include 'partials/header.html' %}",
      "{% from 'macros.html' import input %}",
      "{{ include('partials/nav.twig') }}",
      '{% extends "layouts/base.html" %}',
      "<%= render 'shared/form', post: @post %>",
      "<%= ENV['DATABASE_URL'] %>",
      "{{ user.first_name ~ ' ' ~ user.last_name }}",
      '{{ "Hello " + name }}',
      "{% import 'forms.html' as forms %}",
    ])
      expect(rule("render_template", { template }), template).toBeUndefined();
  });
});

describe("sql.injection: blind probes in a field read as text", () => {
  it("blocks a quote, AND/OR, a call or subquery, then a comparison or comment", () => {
    for (const status of [
      "open' AND ASCII(SUBSTRING((SELECT password FROM users WHERE username='admin'),1,1))>64--",
      "open' AND SUBSTRING(version(),1,1)='5",
      "open' AND LENGTH(database())>1-- -",
      "x' AND (SELECT COUNT(*) FROM users)>0--",
    ])
      expect(rule("get_records", { status }), status).toBe("sql.injection");
    // a filter field, and a subquery with a call inside (`COUNT(*)`)
    expect(rule("get_records", { category: "x' AND (SELECT COUNT(*) FROM users)>0--" })).toBe(
      "sql.injection",
    );
    expect(rule("get_records", { id: "1 AND (SELECT COUNT(*) FROM users) > 0" })).toBe(
      "sql.injection",
    );
  });

  it("passes apostrophes before and/or in prose", () => {
    for (const status of [
      "Chris' and Sam(s) car",
      "shipped' and delivered (partly)",
      "James' or Anna's (either) = fine",
    ])
      expect(rule("get_records", { status }), status).toBeUndefined();
    expect(rule("list_items", { filter: "tags contains 'sale' or featured = true" })).toBe(
      undefined,
    );
    expect(rule("get_records", { category: "kids' toys (3+)" })).toBeUndefined();
  });
});
