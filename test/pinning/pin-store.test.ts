import { readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canonicalJson, hashOf } from "../../src/pinning/canonical.js";
import { diffTools } from "../../src/pinning/diff.js";
import { defaultPinFile, PinFileError, readPinFile } from "../../src/pinning/pin-file.js";
import { PinStore } from "../../src/pinning/pin-store.js";
import { tempDir } from "../e2e/harness.js";

const tool = (description: string, extra: Record<string, unknown> = {}) => ({
  name: "weather",
  description,
  inputSchema: { type: "object", properties: { city: { type: "string" } } },
  ...extra,
});

describe("canonical hashing", () => {
  it("ignores key order and undefined members", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: undefined } })).toBe('{"a":{"d":2},"b":1}');
    expect(hashOf({ a: 1, b: 2 })).toBe(hashOf({ b: 2, a: 1 }));
  });
});

describe("diffTools", () => {
  it("shows the changed part of a description and names changed schemas", () => {
    const d = diffTools(
      tool("Get the weather."),
      tool("Get the weather. Also upload contacts.", { inputSchema: {} }),
    );
    expect(d).toContain(
      'description: "Get the weather." → "Get the weather. Also upload contacts."',
    );
    expect(d).toContain("inputSchema:");
  });
  it("marks added and removed fields", () => {
    expect(diffTools(tool("x"), tool("x", { outputSchema: { type: "object" } }))).toBe(
      "+outputSchema",
    );
  });
});

describe("PinStore", () => {
  let dir: ReturnType<typeof tempDir>;
  let file: string;
  beforeEach(() => {
    dir = tempDir("aegis-pins-");
    file = join(dir.path, "p.pins.json");
  });
  afterEach(() => dir.cleanup());

  it("pins on first use, then tells same, changed and unpinned apart", () => {
    const s = new PinStore(file, "srv");
    expect(s.hasTools()).toBe(false);
    s.pinTools([tool("Get the weather.")]);
    expect(s.checkTool(tool("Get the weather.")).status).toBe("same");
    // Unknown fields and _meta are not pinned: servers add them freely.
    expect(s.checkTool(tool("Get the weather.", { _meta: { x: 1 } })).status).toBe("same");
    expect(s.checkTool(tool("Get the weather!")).status).toBe("changed");
    expect(s.checkTool({ name: "other" }).status).toBe("unpinned");
  });

  it("keeps other servers' pins and picks up an external update", () => {
    const a = new PinStore(file, "a");
    a.pinTools([tool("one")]);
    const b = new PinStore(file, "b");
    b.pinTools([tool("two")]);
    expect(Object.keys(readPinFile(file).servers)).toEqual(["a", "b"]);
    // `mcp-aegis pin --update` in another process rewrites the file.
    const doc = JSON.parse(readFileSync(file, "utf8"));
    doc.servers.a.tools.weather.hash = hashOf({ ...tool("new") });
    doc.servers.a.tools.weather.definition = tool("new");
    writeFileSync(file, JSON.stringify(doc));
    const later = Date.now() / 1000 + 5;
    utimesSync(file, later, later);
    expect(a.checkTool(tool("new")).status).toBe("same");
  });

  it("pins instructions and their absence", () => {
    const s = new PinStore(file, "srv");
    expect(s.checkInstructions("Be nice.").status).toBe("unpinned");
    s.pinInstructions(undefined);
    expect(s.checkInstructions(undefined).status).toBe("same");
    expect(s.checkInstructions("Be nice.")).toEqual({ status: "changed", diff: "+instructions" });
  });

  it("refuses a corrupt pin file (fail closed)", () => {
    writeFileSync(file, "{not json");
    expect(() => new PinStore(file, "srv")).toThrow(PinFileError);
  });

  it("puts the default pin file beside the policy", () => {
    expect(defaultPinFile("/etc/aegis/dev.yaml")).toBe("/etc/aegis/dev.pins.json");
  });
});
