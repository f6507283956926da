import { join } from "node:path";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { getDefaultEnvironment } from "@modelcontextprotocol/sdk/client/stdio.js";
import { CreateMessageRequestSchema, type Progress } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, describe, expect, it } from "vitest";
import {
  type Connected,
  connect,
  connectShim,
  expectOnlyJsonRpc,
  expectShimStdoutClean,
  FIXTURE_POLICIES,
  killLeftovers,
  SERVERS,
  type ShimSession,
  shimArgs,
} from "./harness.js";

const ALLOW_ALL = join(FIXTURE_POLICIES, "allow-all.yaml");
const EVERYTHING = [process.execPath, SERVERS.everything];

/** The same environment the SDK gives a server it spawns, so get-env can be compared. */
const ENV = getDefaultEnvironment();

const CLOCK = /created at [^"\\]*/g;

/** The answer with server-everything's per-second timestamps blanked (in text and in blobs). */
function withoutClock(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) =>
      key === "blob" && typeof v === "string"
        ? Buffer.from(v, "base64").toString("utf8").replace(CLOCK, "created at <time>")
        : v,
    ).replace(CLOCK, "created at <time>"),
  );
}

/** A fixed tour of server-everything; every answer goes into the list. */
async function tour(client: Client): Promise<unknown[]> {
  const out: unknown[] = [];
  out.push(await client.listTools());
  out.push(await client.listPrompts());
  out.push(await client.listResources());
  out.push(await client.listResourceTemplates());
  out.push(await client.getPrompt({ name: "simple-prompt" }));
  out.push(
    await client.getPrompt({ name: "args-prompt", arguments: { city: "Oslo", state: "NO" } }),
  );
  out.push(await client.readResource({ uri: "demo://resource/static/document/features.md" }));
  out.push(await client.readResource({ uri: "demo://resource/dynamic/text/7" }));
  const calls: Array<[string, Record<string, unknown>]> = [
    ["echo", { message: 'héllo 🌍 "quoted" \\ back\nslash' }],
    ["get-sum", { a: 2, b: 40 }],
    ["get-structured-content", { location: "New York" }],
    ["get-tiny-image", {}],
    ["get-annotated-message", { messageType: "error", includeImage: true }],
    ["get-resource-links", { count: 4 }],
    ["get-resource-reference", { resourceType: "Blob", resourceId: 2 }],
    ["get-env", {}],
    ["get-sum", { a: "not a number", b: 1 }],
    ["no-such-tool", {}],
  ];
  for (const [name, args] of calls) {
    out.push(await client.callTool({ name, arguments: args }).catch((e: Error) => e.message));
  }
  out.push(await client.ping());
  return out;
}

describe("stdio shim: transparent in front of server-everything (allow-all policy)", () => {
  let direct: Connected | undefined;
  let shimmed: ShimSession | undefined;
  afterEach(async () => {
    await direct?.close();
    await shimmed?.client.close();
    direct = undefined;
    shimmed = undefined;
    killLeftovers();
    expectShimStdoutClean();
  });

  it("lists the same tools, prompts and resources and returns the same results as a direct connection", async () => {
    // connect() runs its arguments with this Node: the server's script alone.
    direct = await connect([SERVERS.everything], { env: ENV });
    shimmed = await connectShim(shimArgs(["--policy", ALLOW_ALL], EVERYTHING), { env: ENV });
    const expected = withoutClock(await tour(direct.client)) as unknown[];
    const actual = withoutClock(await tour(shimmed.client)) as unknown[];
    expect(JSON.stringify(expected)).toContain("created at <time>");
    // The tour reaches the conditional and erroring paths, so equal answers mean something.
    expect(JSON.stringify(expected)).toContain("trigger-sampling-request");
    expect(JSON.stringify(expected)).toContain("no-such-tool");
    // Item by item, so a difference names the step.
    expect(actual).toHaveLength(expected.length);
    for (const [i, item] of expected.entries()) expect(actual[i], `step ${i}`).toEqual(item);
    expect(shimmed.client.getServerVersion()).toEqual(direct.client.getServerVersion());
    expect(shimmed.client.getServerCapabilities()).toEqual(direct.client.getServerCapabilities());
    expect(shimmed.clientErrors).toEqual([]);
    expectOnlyJsonRpc(shimmed.shim.lines);
  });

  it("passes progress notifications of a long-running call to the client", async () => {
    shimmed = await connectShim(shimArgs(["--policy", ALLOW_ALL], EVERYTHING), { env: ENV });
    const progress: Progress[] = [];
    const result = await shimmed.client.callTool(
      { name: "trigger-long-running-operation", arguments: { duration: 0.3, steps: 3 } },
      undefined,
      { onprogress: (p) => progress.push(p) },
    );
    expect(result.isError).toBeFalsy();
    // The SDK client may drop the last step: it handles notifications a tick later than the
    // response that arrives right behind them (it does so on a direct connection too).
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.map((p) => [p.progress, p.total])).toEqual(
      [
        [1, 3],
        [2, 3],
        [3, 3],
      ].slice(0, progress.length),
    );
    // On the wire: all three steps, in order, before the answer.
    const lines = shimmed.shim.lines;
    const steps = lines
      .map((l, i) => ({ i, m: JSON.parse(l) as { method?: string; params?: Progress } }))
      .filter(({ m }) => m.method === "notifications/progress");
    expect(steps.map(({ m }) => m.params?.progress)).toEqual([1, 2, 3]);
    const answer = lines.findIndex((l) => l.includes("Long running operation completed"));
    expect(answer).toBeGreaterThan(steps[2]?.i ?? Number.POSITIVE_INFINITY);
    expectOnlyJsonRpc(shimmed.shim.lines);
  });

  it("passes a sampling request from the server to the client and the client's answer back", async () => {
    shimmed = await connectShim(shimArgs(["--policy", ALLOW_ALL], EVERYTHING), {
      env: ENV,
      capabilities: { capabilities: { sampling: {} } },
    });
    const asked: string[] = [];
    shimmed.client.setRequestHandler(CreateMessageRequestSchema, (request) => {
      const content = request.params.messages[0]?.content;
      asked.push(content && "text" in content ? String(content.text) : "");
      return {
        model: "e2e-model",
        role: "assistant",
        content: { type: "text", text: "sampled through the shim" },
      };
    });
    const result = await shimmed.client.callTool({
      name: "trigger-sampling-request",
      arguments: { prompt: "what is 2+2?", maxTokens: 10 },
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toContain("what is 2+2?");
    const text = (result.content as Array<{ text: string }>)[0]?.text ?? "";
    expect(text).toContain("sampled through the shim");
    expect(text).toContain("e2e-model");
    expectOnlyJsonRpc(shimmed.shim.lines);
  });

  it("round-trips a 5 MB argument under the default limits", async () => {
    shimmed = await connectShim(shimArgs(["--policy", ALLOW_ALL], EVERYTHING), { env: ENV });
    // Multi-byte characters, so chunk boundaries fall inside characters too.
    const message = "ß→🌍x".repeat(Math.ceil((5 * 1024 * 1024) / 10) + 1);
    expect(Buffer.byteLength(message)).toBeGreaterThan(5 * 1024 * 1024);
    const result = await shimmed.client.callTool({ name: "echo", arguments: { message } });
    expect(result.isError).toBeFalsy();
    const text = (result.content as Array<{ text: string }>)[0]?.text;
    expect(text === `Echo: ${message}`).toBe(true);
    expectOnlyJsonRpc(shimmed.shim.lines);
  });

  it("gives the server the client's environment minus the shim's own GUARDIAN_* settings", async () => {
    shimmed = await connectShim(shimArgs(["--policy", ALLOW_ALL], EVERYTHING), {
      env: { ...ENV, AEGIS_E2E_MARK: "passed through", GUARDIAN_MAX_NESTING_DEPTH: "50" },
    });
    const result = await shimmed.client.callTool({ name: "get-env", arguments: {} });
    const text = (result.content as Array<{ text: string }>)[0]?.text ?? "";
    expect(text).toContain("passed through");
    expect(text).not.toContain("GUARDIAN_");
  });
});
