import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../src/config/limits.js";
import { createGateway, type Gateway } from "../../src/gateway/gateway.js";
import { compose } from "../../src/pipeline/compose.js";
import type { Verdict } from "../../src/pipeline/types.js";
import { PolicyStore } from "../../src/policy/store.js";
import { tempDir } from "../e2e/harness.js";
import { contextOf, frameOf, memoryReporter } from "../inspect/helpers.js";

const policy = (inspection: string) => `version: "1"
principals:
  tester:
    tools: [{ pattern: "*", actions: [read, execute] }]
${inspection}`;

const RED = "\u001b[31mred\u001b[0m";
const result = {
  jsonrpc: "2.0",
  id: 7,
  result: { content: [{ type: "text", text: `the answer is ${RED}` }] },
};

/** What an open session's server → client checks send on for a result carrying ANSI colour. */
function judge(serverChecks: Parameters<typeof compose>[0]): string {
  const outcome = compose(serverChecks)(
    frameOf(result, "server-to-client", { method: "tools/call", tool: "echo" }),
    contextOf(),
  );
  if (outcome instanceof Promise) throw new Error("expected a synchronous verdict");
  const v: Verdict = outcome.verdict;
  if (!v.ok) throw new Error("a tool result is rewritten, never refused");
  return JSON.stringify((v.frame?.parsed.message ?? result) as unknown);
}

describe("Gateway: one assembly whose sections follow a reload in open sessions", () => {
  let dir: ReturnType<typeof tempDir> | undefined;
  let gateway: Gateway | undefined;
  afterEach(async () => {
    await gateway?.close();
    dir?.cleanup();
  });

  it("rebuilds inspection for a session already open, and keeps the last good one on a broken edit", () => {
    dir = tempDir("aegis-gateway-");
    const file = join(dir.path, "policy.yaml");
    writeFileSync(file, policy(""));
    const store = PolicyStore.fromFile(file);
    const { audit, logger } = memoryReporter();
    gateway = createGateway({
      policy: store,
      policyFile: file,
      limits: DEFAULT_LIMITS,
      logger,
      audit,
      serverIdentity: ["node", "server.js"],
      watch: false,
    });
    const defences = gateway.session();
    const stop = defences.onPolicyChange?.(() => {});

    // Default inspection strips the colour and passes the rest of the text.
    const stripped = judge(defences.serverChecks);
    expect(stripped).toContain("the answer is red");
    expect(stripped).not.toContain("\\u001b");

    // ansi: block withholds the result (an isError result in its place).
    writeFileSync(file, policy("inspection:\n  ansi: block\n"));
    expect(store.reload()).toMatchObject({ ok: true });
    const withheld = judge(defences.serverChecks);
    expect(withheld).toContain("was withheld");
    expect(withheld).not.toContain("the answer is");

    // A broken edit is refused; the session keeps the section it had.
    writeFileSync(file, policy("inspection:\n  ansi: sometimes\n"));
    expect(store.reload()).toMatchObject({ ok: false });
    expect(judge(defences.serverChecks)).toContain("was withheld");
    stop?.();
  });
});

describe("Gateway: the bash parser's loader rides the server direction with the sanitizer", () => {
  it.each([
    [true, ["parser-preload"]],
    [false, []],
  ])("sanitizer %s: server checks named %j", (sanitizer, expected) => {
    const dir = tempDir("aegis-gateway-");
    const file = join(dir.path, "policy.yaml");
    writeFileSync(file, policy(""));
    const gateway = createGateway({
      policy: PolicyStore.fromFile(file),
      policyFile: file,
      limits: DEFAULT_LIMITS,
      ...memoryReporter(),
      serverIdentity: ["node", "server.js"],
      watch: false,
      sanitizer,
    });
    const names = gateway.session().serverChecks.map((c) => c.name);
    expect(names.filter((n) => n === "parser-preload")).toEqual(expected);
    void gateway.close();
    dir.cleanup();
  });
});
