// biome-ignore-all lint/suspicious/noTemplateCurlyInString: exim expansion payloads, not templates
/**
 * Argument-injection probes of the fifth generalisation pass (issue 13), from
 * SonarSource/argument-injection-vectors@2ebd29b8d0038013e2c0041a287d60542a71632c
 * `_binaries/{zip,sendmail,chrome,psql,git-grep,git-blame,git-diff,hg,env,busctl}.md`, and
 * from the programs' manuals (mysql(1) `\!`, find(1) -fprint, sed(1) `w`, node(1) --require,
 * git-difftool(1) -x). Each program also gets ordinary argv that must pass.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { argv } from "./first-rule.js";

beforeAll(() => loadShellParser());

describe("arg.dangerous-flag: options that run a program, from the argument-injection vectors", () => {
  it("blocks each vector", () => {
    const cases: string[][] = [
      ["zip", "-TmTT=$(id>/tmp/foo)foooo.zip", "./a.zip", "./a.txt"],
      ["sendmail", "-OQueueDirectory=/tmp", "-X/tmp/foo"],
      ["sendmail", "-C/tmp/evil.cf", "x@x"],
      ["exim", "-be", "${run{/bin/sh -c id}}"],
      ["chrome", "--gpu-launcher=id>/tmp/foo"],
      ["chromium", "--renderer-cmd-prefix=sh -c id"],
      ["google-chrome", "--no-sandbox", "--utility-cmd-prefix=id"],
      ["psql", "-o|id>/tmp/foo"],
      ["psql", "-o", "|id"],
      ["git", "blame", "--output=.git/config"],
      ["git", "diff", "--output=./.git/config"],
      ["git", "grep", "--open-files-in-pager=id>/tmp/foo;", "."],
      ["git", "grep", "-Oid", "x"],
      ["git", "difftool", "-x", "sh -c id"],
      ["hg", "cat", "--config=alias.cat=!touch /tmp/foo"],
      ["hg", "log", "--config", "hooks.pre-log=id"],
      ["env", "--split-string=sh -c id", "foo"],
      ["env", "-S", "sh -c id", "x"],
      [
        "busctl",
        "set-property",
        "a",
        "/b",
        "c",
        "LogLevel",
        "s",
        "debug",
        "--address=unixexec:path=sh",
      ],
      ["mysql", "--init-command=\\! id"],
      ["find", ".", "-fprintf", "/tmp/x", "%p"],
      ["sed", "-n", "w /tmp/x", "a.txt"],
      ["node", "--require", "/tmp/evil.js", "app.js"],
    ];
    for (const [p, ...a] of cases)
      expect(argv(p as string, ...a), [p, ...a].join(" ")).toBe("arg.dangerous-flag");
  });

  it("passes the same programs with ordinary options", () => {
    const cases: string[][] = [
      ["zip", "-r", "dist/app.zip", "build"],
      ["zip", "-T", "dist/app.zip"],
      ["sendmail", "-t"],
      ["chromium", "--headless", "--disable-gpu", "--screenshot", "https://example.com"],
      ["psql", "-o", "out.txt", "-c", "select 1"],
      ["git", "diff", "--output=changes.patch"],
      ["git", "archive", "--format=tar.gz", "--output=dist/src.tgz", "HEAD"],
      ["git", "grep", "-n", "TODO", "--", "src"],
      ["git", "rebase", "-i", "HEAD~3"],
      ["hg", "log", "--config", "ui.username=Ana <ana@example.com>"],
      ["env", "NODE_ENV=test", "npm", "test"],
      ["find", ".", "-name", "*.ts", "-print"],
      ["find", ".", "-name", "*.log", "-delete"],
      ["sed", "-n", "/x/w /dev/stdout", "a.txt"],
      ["sed", "-i", "s/foo/bar/g", "src/a.ts"],
      ["node", "--require", "./test/setup.js", "app.js"],
      ["node", "--test"],
      ["node", "--run", "build"],
      ["rsync", "-avz", "-e", "ssh", "build/", "deploy@web-1:/srv/app/"],
      ["rsync", "-avz", "-e", "ssh -p 2222", "build/", "deploy@web-1:/srv/app/"],
      ["mysql", "-e", "SELECT 1"],
    ];
    for (const [p, ...a] of cases)
      expect(argv(p as string, ...a), [p, ...a].join(" ")).toBeUndefined();
  });

  it("still blocks rsync -e with another program", () => {
    expect(argv("rsync", "-e", "sh -c id", "a", "b:")).toBe("arg.dangerous-flag");
    expect(argv("rsync", "-e", "ssh -oProxyCommand=id", "a", "b:")).toBeDefined();
  });
});
