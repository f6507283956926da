import { describe, expect, it } from "vitest";
import { listMemory } from "../../../src/pipeline/checks/list-memory.js";
import type { Context, Frame } from "../../../src/pipeline/types.js";
import type { Target } from "../../../src/policy/types.js";

const ctx = { principal: { id: "p", roles: new Set() } } as unknown as Context;
const listResult = (method: string, key: string, items: unknown[]): Frame =>
  ({
    direction: "server-to-client",
    parsed: { kind: "response", message: { jsonrpc: "2.0", id: 1, result: { [key]: items } } },
    rawId: "1",
    inReplyTo: { method },
  }) as unknown as Frame;
const nameOf = (t: Target) => (t.kind === "resource" ? t.uri : "name" in t ? t.name : "");

describe("listMemory", () => {
  it("announces exactly the lists whose shown items changed", () => {
    const hidden = new Set<string>();
    const m = listMemory({ visible: (_c, t) => !hidden.has(nameOf(t)) });
    m.check.inspect(listResult("tools/list", "tools", [{ name: "a" }, { name: "b" }]), ctx);
    m.check.inspect(listResult("resources/list", "resources", [{ uri: "file:///x" }]), ctx);
    expect(m.changed(false)).toEqual([]);
    hidden.add("b");
    expect(m.changed(false)).toEqual([
      '{"jsonrpc":"2.0","method":"notifications/tools/list_changed"}',
    ]);
    // Already announced: the same state again is no change.
    expect(m.changed(false)).toEqual([]);
    hidden.add("file:///x");
    expect(m.changed(false)).toEqual([
      '{"jsonrpc":"2.0","method":"notifications/resources/list_changed"}',
    ]);
  });

  it("announces every list seen when items would read differently, and none never fetched", () => {
    const m = listMemory({ visible: () => true });
    expect(m.changed(true)).toEqual([]);
    m.check.inspect(listResult("prompts/list", "prompts", [{ name: "p" }]), ctx);
    expect(m.changed(true)).toEqual([
      '{"jsonrpc":"2.0","method":"notifications/prompts/list_changed"}',
    ]);
  });

  it("past its bound, always announces that list", () => {
    const m = listMemory({ visible: () => true, maxItems: 2 });
    m.check.inspect(
      listResult("tools/list", "tools", [{ name: "a" }, { name: "b" }, { name: "c" }]),
      ctx,
    );
    expect(m.changed(false)).toHaveLength(1);
  });
});
