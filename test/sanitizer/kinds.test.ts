import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  keyWords,
  kindFromDescription,
  kindFromFormat,
  kindFromKey,
  kindFromToolName,
} from "../../src/sanitizer/kinds.js";

describe("field kinds", () => {
  it("splits keys into words", () => {
    expect(keyWords("sourcePath")).toEqual(["source", "path"]);
    expect(keyWords("repo_path")).toEqual(["repo", "path"]);
    expect(keyWords("HTTPUrl")).toEqual(["http", "url"]);
  });

  it("splits keys as the per-character definition does, on any string", () => {
    // The definition the char-code loop replaced: ASCII letters and digits make words, a
    // capital after a lower-case letter or before one (ending an acronym) starts a word.
    const reference = (key: string): string[] => {
      const words: string[] = [];
      let cur = "";
      for (let i = 0; i < key.length && i < 128; i++) {
        const c = key[i] as string;
        const lower = c.toLowerCase();
        if (!/[a-z0-9]/i.test(c)) {
          if (cur) words.push(cur);
          cur = "";
          continue;
        }
        const prev = key[i - 1];
        const next = key[i + 1];
        const prevLower = prev !== undefined && prev !== prev.toUpperCase();
        const nextLower = next !== undefined && next !== next.toUpperCase();
        const prevUpper = prev !== undefined && prev !== prev.toLowerCase();
        if (c !== lower && cur && (prevLower || (prevUpper && nextLower))) {
          words.push(cur);
          cur = "";
        }
        cur += lower;
      }
      if (cur) words.push(cur);
      return words;
    };
    const ch = fc.constantFrom(..."aZ9_-. éÉßİıKµ\u{1F600}xHTTPUrl".split(""));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(ch, { maxLength: 140 }).map((a) => a.join("")),
        ),
        (k) => {
          expect(keyWords(k)).toEqual(reference(k));
        },
      ),
      { seed: 77, numRuns: 3000 },
    );
  });

  it("reads the head noun of a key", () => {
    expect(kindFromKey("path")).toBe("path");
    expect(kindFromKey("file_content")).toBe("text");
    expect(kindFromKey("content_file")).toBe("path");
    expect(kindFromKey("branch_name")).toBe("identifier");
    expect(kindFromKey("name")).toBe("text");
    expect(kindFromKey("user_id")).toBe("identifier");
    expect(kindFromKey("callbackUrl")).toBe("url");
    expect(kindFromKey("excludePatterns")).toBe("text");
    expect(kindFromKey("sql")).toBe("text");
    expect(kindFromKey("command")).toBe("command");
    expect(kindFromKey("args")).toBe("argument");
    expect(kindFromKey("max_length")).toBeUndefined();
  });

  it("reads schema formats and descriptions", () => {
    expect(kindFromFormat("uri")).toBe("url");
    expect(kindFromDescription("URL of the page")).toBe("url");
    expect(kindFromDescription("Shell command to execute")).toBe("command");
    expect(kindFromDescription("Path to the file")).toBe("path");
    expect(kindFromDescription("How many")).toBeUndefined();
  });

  it("reads shell tools from their names", () => {
    expect(kindFromToolName("shell_exec")).toBe("command");
    expect(kindFromToolName("read_file")).toBeUndefined();
  });
});
