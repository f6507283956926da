// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell payloads, not templates
import { describe, expect, it } from "vitest";
import { hasDangerousFlag, startsLikeOption } from "../../src/sanitizer/flags.js";
import { scanIdentifier, scanSubstitution } from "../../src/sanitizer/shell.js";

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

  it("passes plain ${NAME} placeholders, and flags expansions that do more", () => {
    expect(scanSubstitution("Bearer ${TOKEN}")).toBeUndefined();
    expect(scanSubstitution("postgres://${DB_HOST}:${DB_PORT}/app")).toBeUndefined();
    expect(scanSubstitution("cat${IFS}/etc/passwd")?.rule).toBe("shell.expansion");
    expect(scanSubstitution("x ${PATH:0:1}bin")?.rule).toBe("shell.expansion");
    expect(scanSubstitution("${!ref}")?.rule).toBe("shell.expansion");
    expect(scanSubstitution("${#}")?.rule).toBe("shell.expansion");
    // One bad expansion after a plain one still counts.
    expect(scanSubstitution("${USER} ${HOME//a/b}")?.rule).toBe("shell.expansion");
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
