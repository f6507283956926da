import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Quarantine } from "../../../src/inspect/quarantine.js";
import { PinStore } from "../../../src/pinning/pin-store.js";
import { pinningCheck } from "../../../src/pipeline/checks/pinning.js";
import type { Verdict } from "../../../src/pipeline/types.js";
import { tempDir } from "../../e2e/harness.js";
import { contextOf, frameOf, memoryReporter, parsedOf } from "../../inspect/helpers.js";

const t = (name: string, description = `${name} tool`) => ({
  name,
  description,
  inputSchema: { type: "object" },
});
const list = (id: number, tools: unknown[], nextCursor?: string) =>
  frameOf(
    { jsonrpc: "2.0", id, result: { tools, ...(nextCursor ? { nextCursor } : {}) } },
    "server-to-client",
    { method: "tools/list" },
  );

describe("pinningCheck", () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir("aegis-pinning-");
  });
  afterEach(() => dir.cleanup());

  function setup(onChange: "block" | "warn" = "block") {
    const store = new PinStore(join(dir.path, "pins.json"), "srv");
    const quarantine = new Quarantine();
    const reporter = memoryReporter();
    return {
      store,
      quarantine,
      reporter,
      check: pinningCheck({ store, onChange, quarantine, reporter }),
    };
  }

  it("pins every page of the first listing, then hides changed and added tools", () => {
    const { check, store, quarantine, reporter } = setup();
    expect(check.inspect(list(1, [t("a")], "p2"), contextOf())).toEqual({ ok: true });
    expect(check.inspect(list(2, [t("b")]), contextOf())).toEqual({ ok: true });
    expect(store.toolNames().sort()).toEqual(["a", "b"]);

    const v = check.inspect(
      list(3, [t("a"), t("b", "b tool, now different"), t("c")]),
      contextOf(),
    ) as Extract<Verdict, { ok: true }>;
    expect(
      (parsedOf(v.frame!) as { result: { tools: Array<{ name: string }> } }).result.tools.map(
        (x) => x.name,
      ),
    ).toEqual(["a"]);
    expect(quarantine.get("b")?.reason).toContain(
      'tool "b" changed since it was pinned: description: "b tool" → "b tool, now different"',
    );
    expect(quarantine.has("c")).toBe(true);
    expect(reporter.records.filter((r) => r.decision === "deny").map((r) => r.tool)).toEqual([
      "b",
      "c",
    ]);

    // The server reverts: the tool is listed and callable again.
    expect(check.inspect(list(4, [t("a"), t("b"), t("c")]), contextOf())).toMatchObject({
      ok: true,
    });
    expect(quarantine.has("b")).toBe(false);
  });

  it("reports a removed tool", () => {
    const { check, reporter } = setup();
    check.inspect(list(1, [t("a"), t("b")]), contextOf());
    check.inspect(list(2, [t("a")]), contextOf());
    expect(reporter.records.at(-1)).toMatchObject({
      tool: "b",
      decision: "allow",
      change: "was removed since it was pinned",
    });
  });

  it("only warns in monitor mode", () => {
    const { check, quarantine, reporter } = setup("warn");
    check.inspect(list(1, [t("a")]), contextOf());
    expect(check.inspect(list(2, [t("a", "changed")]), contextOf())).toEqual({ ok: true });
    expect(quarantine.has("a")).toBe(false);
    expect(reporter.records.at(-1)).toMatchObject({ tool: "a", decision: "allow" });
  });
});
