import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalUri } from "../../src/uri/resource-uri.js";

const ok = (raw: string, mode?: "strict" | "lenient") => {
  const c = canonicalUri(raw, mode);
  if (!c.ok) throw new Error(`refused ${raw}: ${c.reason}`);
  return c.uri;
};
const refused = (raw: string, mode?: "strict" | "lenient") => {
  const c = canonicalUri(raw, mode);
  return c.ok ? undefined : c.reason;
};

describe("canonicalUri: the WHATWG reading, folded for comparison", () => {
  it.each([
    ["FILE:///workspace/a", "file:///workspace/a"],
    ["file://localhost/workspace/a", "file:///workspace/a"],
    ["file:/etc/passwd", "file:///etc/passwd"],
    ["file:///work%73pace/a", "file:///workspace/a"],
    ["file:///a%20b/%3Fq", "file:///a b/%3Fq"],
    ["demo://Resource/static/1", "demo://resource/static/1"],
    ["http://0x7f.1/x", "http://127.0.0.1/x"],
    ["HTTPS://Example.COM/a?q=../x#f", "https://example.com/a?q=../x#f"],
    ["urn:isbn:123", "urn:isbn:123"],
    ["demo://resource/dynamic/text/%C3%A9t%C3%A9", "demo://resource/dynamic/text/été"],
    ["demo://resource/dynamic/text/{id}", "demo://resource/dynamic/text/{id}"],
  ])("%s → %s", (raw, canonical) => {
    expect(ok(raw)).toBe(canonical);
  });
});

describe("canonicalUri refuses what servers read two ways", () => {
  it.each([
    // The reported bypass: %2f is data to WHATWG, so `..` climbs over the real `/` only.
    "demo://resource/dynamic/text/a%2fb%2fc/../../../static/document/architecture.md",
    "demo://resource/dynamic/text/a\\b\\c/../../../static/document/architecture.md",
    "file:///workspace/a%2fb%2fc/../../../etc/passwd",
    "file:///workspace/../etc/passwd",
    "file:///workspace/./a",
    "file:///workspace/%2e%2e/etc",
    "file:///workspace/.%2E/etc",
    "file:///workspace/%252e%252e/etc",
    "file:///workspace/a%5cb",
    "file:///workspace/a%00.txt",
    "file:///workspace/a\n",
    " file:///workspace/a",
    "file:///workspace\\..\\etc",
    "notes/../secret",
    // An empty segment: a file system reads `//` as `/`, a pattern does not.
    "file:///workspace//secrets/id",
    "demo://resource//static/1",
    // Windows aliases of another name: trailing dot or blank, 8.3 short name, data stream.
    "file:///workspace/secrets./id",
    "file:///workspace/secrets%20/id",
    "file:///workspace/SECRE~1/id",
    "file:///workspace/secrets::$DATA",
  ])("%s", (raw) => {
    expect(refused(raw)).toBeDefined();
  });

  it("keeps ordinary names that only look close: dots inside, a trailing slash, a tilde without a digit", () => {
    for (const raw of [
      "file:///workspace/v1.2/a.txt",
      "file:///workspace/dir/",
      "file:///workspace/backup~/a",
      "file:///C:/Users/me/notes.md",
      "https://example.com/a?u=https://x//y",
    ])
      expect(refused(raw), raw).toBeUndefined();
    // The Windows aliases are strict-mode refusals; the empty segment is refused in both.
    expect(refused("file:///workspace/secrets./id", "lenient")).toBeUndefined();
    expect(refused("file:///workspace//secrets", "lenient")).toMatch(/empty segment/);
  });

  it("lenient keeps encoded separators as data but still refuses dot segments and backslashes", () => {
    expect(ok("repo://github/owner%2Frepo/readme", "lenient")).toBe(
      "repo://github/owner%2Frepo/readme",
    );
    expect(refused("demo://r/a%2fb/../x", "lenient")).toMatch(/segment/);
    expect(refused("demo://r/%2e%2e/x", "lenient")).toMatch(/segment/);
    expect(refused("demo://r/a\\b", "lenient")).toMatch(/backslash/);
  });
});

/** Percent-encodings of one character, in both cases, and once more encoded. */
const spellings = (ch: string) => {
  const hex = ch.charCodeAt(0).toString(16).padStart(2, "0");
  return [ch, `%${hex}`, `%${hex.toUpperCase()}`, `%25${hex}`];
};

describe("canonicalUri agrees with what a Node server opens", () => {
  it("every accepted file: URI names the file fileURLToPath(new URL(raw)) names, under its prefix", () => {
    const piece = fc.oneof(
      fc.constantFrom("a", "b", "ws", "etc", "passwd", "é", " "),
      fc.constantFrom(...spellings("/"), ...spellings("."), ...spellings("\\"), "..", "."),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), (pieces) => {
        const raw = `file:///ws/${pieces.join("")}`;
        const c = canonicalUri(raw);
        if (!c.ok) return;
        let served: string;
        try {
          served = fileURLToPath(new URL(raw));
        } catch {
          return; // The server cannot open it either.
        }
        // What was judged is what is opened: same path, and no climbing out of /ws/.
        expect(fileURLToPath(new URL(c.uri.replace(/ /g, "%20")))).toBe(served);
        expect(served.startsWith("/ws/") || served === "/ws").toBe(true);
      }),
      { seed: 18, numRuns: 2000 },
    );
  });
});
