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
