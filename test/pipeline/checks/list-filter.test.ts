import { describe, expect, it } from "vitest";
import { listFilterCheck } from "../../../src/pipeline/checks/list-filter.js";
import type { Verdict } from "../../../src/pipeline/types.js";
import { engineOf, who } from "../../policy/helpers.js";
import { ctxOf, frameOf, recordingLogger } from "./frames.js";

const engine = engineOf({
  version: "1",
  principals: {
    u: {
      tools: [{ pattern: "read_*", actions: ["read", "execute"] }],
      resources: [{ pattern: "file:///w/**" }],
      prompts: [{ pattern: "ok" }],
    },
  },
});
const ctx = ctxOf(who("u"));

function run(
  line: string,
  method: string,
  opts: Parameters<typeof listFilterCheck>[0] = { engine },
): Verdict {
  return listFilterCheck(opts).inspect(
    frameOf(line, "server-to-client", { method }),
    ctx,
  ) as Verdict;
}

describe("listFilterCheck", () => {
  it("filters a tools/list page, keeping cursor, _meta, unknown fields and the exact id", () => {
    const line =
      '{"jsonrpc":"2.0","id":9007199254740993,"result":{"tools":[{"name":"read_file","x":1},{"name":"write_file"}],"nextCursor":"c2","_meta":{"m":1},"extra":true}}';
    const v = run(line, "tools/list");
    expect(v.ok && v.frame).toBeTruthy();
    if (!v.ok || !v.frame) return;
    const raw = v.frame.raw.toString();
    expect(raw).toContain('"id":9007199254740993');
    expect(JSON.parse(raw).result).toEqual({
      tools: [{ name: "read_file", x: 1 }],
      nextCursor: "c2",
      _meta: { m: 1 },
      extra: true,
    });
    const parsed = v.frame.parsed.message as { result: { tools: unknown[] } };
    expect(parsed.result.tools).toHaveLength(1);
  });

  it("forwards a page with nothing to hide byte for byte (no new frame)", () => {
    const line = '{"jsonrpc":"2.0","id":"a","result":{"tools":[{"name":"read_file"}]}}';
    expect(run(line, "tools/list")).toEqual({ ok: true });
  });

  it("keeps a page that becomes empty, with its cursor", () => {
    const line = '{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"rm"}],"nextCursor":"n"}}';
    const v = run(line, "tools/list");
    if (!v.ok || !v.frame) throw new Error("expected a rewritten frame");
    expect(JSON.parse(v.frame.raw.toString()).result).toEqual({ tools: [], nextCursor: "n" });
  });

  it("filters resources, templates and prompts; hides items without a name", () => {
    const res = run(
      '{"jsonrpc":"2.0","id":1,"result":{"resources":[{"uri":"file:///w/a"},{"uri":"file:///etc/passwd"},{"name":"no-uri"}]}}',
      "resources/list",
    );
    if (!res.ok || !res.frame) throw new Error("expected a rewritten frame");
    expect(JSON.parse(res.frame.raw.toString()).result.resources).toEqual([{ uri: "file:///w/a" }]);
    const tpl = run(
      '{"jsonrpc":"2.0","id":1,"result":{"resourceTemplates":[{"uriTemplate":"file:///w/{name}"},{"uriTemplate":"db://{t}"}]}}',
      "resources/templates/list",
    );
    if (!tpl.ok || !tpl.frame) throw new Error("expected a rewritten frame");
    expect(JSON.parse(tpl.frame.raw.toString()).result.resourceTemplates).toEqual([
      { uriTemplate: "file:///w/{name}" },
    ]);
    const pr = run(
      '{"jsonrpc":"2.0","id":1,"result":{"prompts":[{"name":"ok"},{"name":"no"}]}}',
      "prompts/list",
    );
    if (!pr.ok || !pr.frame) throw new Error("expected a rewritten frame");
    expect(JSON.parse(pr.frame.raw.toString()).result.prompts).toEqual([{ name: "ok" }]);
  });

  it("leaves other responses, errors and client messages alone", () => {
    expect(
      run('{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"rm"}]}}', "tools/call"),
    ).toEqual({ ok: true });
    expect(run('{"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"x"}}', "tools/list")).toEqual({
      ok: true,
    });
  });

  it("in monitor mode logs what it would hide and forwards the page unchanged", () => {
    const { records, logger } = recordingLogger();
    const v = run('{"jsonrpc":"2.0","id":1,"result":{"tools":[{"name":"rm"}]}}', "tools/list", {
      engine,
      monitor: () => true,
      logger,
    });
    expect(v).toEqual({ ok: true });
    expect(records[0]?.obj).toMatchObject({ monitor: true, wouldBlock: true, hidden: ["rm"] });
  });

  describe("a list filtered to nothing is warned about, once per list kind and caller", () => {
    const tools = (names: string[], cursor?: string) =>
      `{"jsonrpc":"2.0","id":1,"result":{"tools":[${names.map((n) => `{"name":"${n}"}`).join(",")}]${cursor ? `,"nextCursor":"${cursor}"` : ""}}}`;
    const warnings = (records: ReturnType<typeof recordingLogger>["records"]) =>
      records.filter((r) => r.level === "warn");

    it("warns once for tools/list, again for another list kind", () => {
      const { records, logger } = recordingLogger();
      const check = listFilterCheck({ engine, logger });
      const inspect = (line: string, method: string) =>
        check.inspect(frameOf(line, "server-to-client", { method }), ctx);
      inspect(tools(["rm", "mv"]), "tools/list");
      inspect(tools(["rm"]), "tools/list");
      expect(warnings(records)).toHaveLength(1);
      expect(warnings(records)[0]?.msg).toMatch(
        /tools\/list: the policy hides every item from principal "u"/,
      );
      expect(warnings(records)[0]?.obj).toMatchObject({
        method: "tools/list",
        principal: "u",
        hidden: 2,
      });
      inspect('{"jsonrpc":"2.0","id":2,"result":{"prompts":[{"name":"bad"}]}}', "prompts/list");
      expect(warnings(records).map((r) => r.obj.method)).toEqual(["tools/list", "prompts/list"]);
    });

    it("does not warn when something is shown, when the server offered nothing, or on a page that is not the last", () => {
      const { records, logger } = recordingLogger();
      const check = listFilterCheck({ engine, logger });
      const inspect = (line: string) =>
        check.inspect(frameOf(line, "server-to-client", { method: "tools/list" }), ctx);
      inspect(tools([]));
      inspect(tools(["rm"], "next"));
      expect(warnings(records)).toEqual([]);
      inspect(tools(["read_file", "rm"]));
      // This caller has seen a tool: a later page or list that is empty is not "nothing".
      inspect(tools(["rm"]));
      expect(warnings(records)).toEqual([]);
    });
  });
});
