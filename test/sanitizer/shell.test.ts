// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell payloads, not templates
import { describe, expect, it } from "vitest";
import { hasDangerousFlag, startsLikeOption } from "../../src/sanitizer/flags.js";
import { scanCommandLine, scanIdentifier, scanSubstitution } from "../../src/sanitizer/shell.js";

const rule = (s: string) => scanCommandLine(s)?.rule;

describe("scanCommandLine", () => {
  it("names each operator", () => {
    expect(rule("a; b")).toBe("shell.separator");
    expect(rule("a\nb")).toBe("shell.separator");
    expect(rule("a && b")).toBe("shell.chain");
    expect(rule("a || b")).toBe("shell.chain");
    expect(rule("a | b")).toBe("shell.pipe");
    expect(rule("a &")).toBe("shell.background");
    expect(rule("a > f")).toBe("shell.redirect");
    expect(rule("a 2>&1")).toBe("shell.redirect");
    expect(rule("a $(b)")).toBe("shell.substitution");
    expect(rule("a `b`")).toBe("shell.substitution");
    expect(rule("diff <(a) b")).toBe("shell.substitution");
    expect(rule("a ${X}")).toBe("shell.expansion");
    expect(rule("cat$IFS/x")).toBe("shell.expansion");
    expect(rule("echo {a,b}")).toBe("shell.brace-expansion");
    expect(rule("echo {1..3}")).toBe("shell.brace-expansion");
  });

  it("honours quotes and escapes", () => {
    expect(rule("grep 'a|b;c' f")).toBeUndefined();
    expect(rule('git commit -m "a && b"')).toBeUndefined();
    expect(rule("echo a\\;b")).toBeUndefined();
    expect(rule('echo "$(id)"')).toBe("shell.substitution");
    expect(rule("echo '$(id)'")).toBeUndefined();
    expect(rule("awk '{print $1}' f")).toBeUndefined();
    expect(rule('echo "$HOME"')).toBeUndefined();
    expect(rule("find . -name '*.ts'")).toBeUndefined();
  });
});

describe("identifiers, unknown fields and flags", () => {
  it("treats any metacharacter in an identifier as shell syntax", () => {
    expect(scanIdentifier("main;id")?.rule).toBe("shell.separator");
    expect(scanIdentifier("a$b")?.rule).toBe("shell.expansion");
    expect(scanIdentifier("feature/login")).toBeUndefined();
  });

  it("in unknown fields only flags unmistakable substitution", () => {
    expect(scanSubstitution("x $(id) y")?.rule).toBe("shell.substitution");
    expect(scanSubstitution("use `code` here")).toBeUndefined();
    expect(scanSubstitution("costs $(")).toBeUndefined();
  });

  it("knows dangerous flags as whole options", () => {
    expect(hasDangerousFlag("--upload-pack=x")).toBe(true);
    expect(hasDangerousFlag("-oProxyCommand=x")).toBe(true);
    expect(hasDangerousFlag("find . -exec rm {} +")).toBe(true);
    expect(hasDangerousFlag("feature-exec")).toBe(false);
    expect(hasDangerousFlag("--executable")).toBe(false);
  });

  it("sees option-looking positionals", () => {
    expect(startsLikeOption("--help")).toBe(true);
    expect(startsLikeOption("-1")).toBe(false);
    expect(startsLikeOption("main")).toBe(false);
  });
});
