import { describe, expect, it } from "vitest";
import { SamplingConfigSchema } from "../../../src/inspect/config.js";
import { narrowRoots, rootsChecks } from "../../../src/pipeline/checks/roots.js";
import { samplingCheck } from "../../../src/pipeline/checks/sampling.js";
import { secretArgumentsCheck } from "../../../src/pipeline/checks/secret-arguments.js";
import type { Verdict } from "../../../src/pipeline/types.js";
import { SecretsConfigSchema } from "../../../src/secrets/config.js";
import { contextOf, frameOf, memoryReporter, parsedOf } from "../../inspect/helpers.js";

const sampling = (includeContext?: string) =>
  frameOf(
    {
      jsonrpc: "2.0",
      id: 7,
      method: "sampling/createMessage",
      params: { messages: [], maxTokens: 5, ...(includeContext ? { includeContext } : {}) },
    },
    "server-to-client",
  );

describe("samplingCheck", () => {
  it("refuses includeContext allServers by default and allows thisServer", () => {
    const c = samplingCheck({ config: SamplingConfigSchema.parse({}) });
    expect(c.inspect(sampling("allServers"), contextOf())).toMatchObject({
      ok: false,
      error: { data: { check: "sampling" } },
    });
    expect(c.inspect(sampling("thisServer"), contextOf())).toEqual({ ok: true });
  });
  it("allows allServers when the policy says so, and can deny sampling altogether", () => {
    expect(
      samplingCheck({
        config: SamplingConfigSchema.parse({ allowAllServersContext: true }),
      }).inspect(sampling("allServers"), contextOf()),
    ).toEqual({ ok: true });
    expect(
      samplingCheck({ config: SamplingConfigSchema.parse({ deny: true }) }).inspect(
        sampling(),
        contextOf(),
      ),
    ).toMatchObject({ ok: false });
  });
});

describe("roots narrowing", () => {
  it("keeps roots inside the allowed ones and narrows wider ones", () => {
    expect(
      narrowRoots(
        [{ uri: "file:///srv/project/a" }, { uri: "file:///etc" }],
        ["file:///srv/project"],
      ).map((r) => r.uri),
    ).toEqual(["file:///srv/project/a"]);
    expect(narrowRoots([{ uri: "file:///", name: "all" }], ["file:///srv/project"])).toEqual([
      { uri: "file:///srv/project", name: "all" },
    ]);
    expect(narrowRoots([{ uri: "file:///srv/projects" }], ["file:///srv/project"])).toEqual([]);
  });
  it("rewrites only the client's answer to the server's roots/list request", () => {
    const { server, client } = rootsChecks({
      config: { allow: ["/srv/project"] },
      reporter: memoryReporter(),
    });
    const answer = frameOf(
      { jsonrpc: "2.0", id: 3, result: { roots: [{ uri: "file:///" }] } },
      "client-to-server",
    );
    // Not asked for: an unrelated response with the same shape passes untouched.
    expect(client.inspect(answer, contextOf())).toEqual({ ok: true });
    server.inspect(
      frameOf({ jsonrpc: "2.0", id: 3, method: "roots/list" }, "server-to-client"),
      contextOf(),
    );
    const v = client.inspect(answer, contextOf()) as Extract<Verdict, { ok: true }>;
    expect(parsedOf(v.frame!)).toMatchObject({
      id: 3,
      result: { roots: [{ uri: "file:///srv/project" }] },
    });
  });
});

describe("secretArgumentsCheck", () => {
  const call = (name: string, args: unknown) =>
    frameOf(
      { jsonrpc: "2.0", id: 1, method: "tools/call", params: { name, arguments: args } },
      "client-to-server",
    );
  const token = `ghp_${"a1B2c3D4e5".repeat(3)}xYz123`;
  it("refuses a credential in the arguments, naming the type and path but not the value", () => {
    const c = secretArgumentsCheck({
      config: SecretsConfigSchema.parse({}),
      reporter: memoryReporter(),
    });
    const v = c.inspect(call("search", { q: "x", nested: [{ t: token }] }), contextOf()) as Extract<
      Verdict,
      { ok: false }
    >;
    expect(v.ok).toBe(false);
    expect(v.error.data.reason).toContain("github-token in arguments.nested[0].t");
    expect(v.error.data.reason).not.toContain(token);
  });
  it("lets listed tools receive credentials", () => {
    const c = secretArgumentsCheck({
      config: SecretsConfigSchema.parse({ allowArgumentsTo: ["vault_*"] }),
      reporter: memoryReporter(),
    });
    expect(c.inspect(call("vault_store", { v: token }), contextOf())).toEqual({ ok: true });
    expect(c.inspect(call("search", { q: "plain words" }), contextOf())).toEqual({ ok: true });
  });
});
