import { describe, expect, it } from "vitest";
import { readFrame } from "../../src/session/read-frame.js";

describe("readFrame with a depth limit", () => {
  it("returns too-deep with the scanned id and method instead of parsing", () => {
    const line = Buffer.from(
      `{"jsonrpc":"2.0","id":9007199254740993,"method":"tools/call","params":${"[".repeat(70)}${"]".repeat(70)}}`,
    );
    const read = readFrame(line, "client-to-server", 64);
    expect(read).toMatchObject({
      kind: "too-deep",
      scan: { rawId: "9007199254740993", method: "tools/call", depth: 71 },
    });
  });

  it("parses a message at the limit, and any message without a limit", () => {
    const atLimit = Buffer.from(`{"jsonrpc":"2.0","id":1,"method":"ping","params":{"a":[]}}`);
    expect("frame" in readFrame(atLimit, "client-to-server", 3)).toBe(true);
    expect(readFrame(atLimit, "client-to-server", 2)).toMatchObject({ kind: "too-deep" });
    expect("frame" in readFrame(atLimit, "client-to-server")).toBe(true);
  });
});
