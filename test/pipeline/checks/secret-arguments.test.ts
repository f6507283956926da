import { describe, expect, it } from "vitest";
import { secretArgumentsCheck } from "../../../src/pipeline/checks/secret-arguments.js";
import type { Verdict } from "../../../src/pipeline/types.js";
import { SecretsConfigSchema } from "../../../src/secrets/config.js";
import { contextOf, frameOf, memoryReporter } from "../../inspect/helpers.js";

const call = (tool: string, args: Record<string, unknown>) =>
  frameOf(
    { jsonrpc: "2.0", id: 3, method: "tools/call", params: { name: tool, arguments: args } },
    "client-to-server",
  );

const check = (config: Record<string, unknown> = {}) =>
  secretArgumentsCheck({ config: SecretsConfigSchema.parse(config), reporter: memoryReporter() });

describe("secretArgumentsCheck uses every detector", () => {
  it("refuses unprefixed credentials a model was made to paste, with a clear reason", () => {
    const v = check().inspect(
      call("http_post", {
        body: "secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYzQ4vT9sLm2",
        headers: { note: "db_password=Tr0ub4dor&3x" },
        url: "postgres://app:Zx9kLm2Qp7vB@db.internal:5432/prod",
      }),
      contextOf(),
    ) as Verdict;
    expect(v.ok).toBe(false);
    if (v.ok) return;
    expect(v.error.data.check).toBe("secrets");
    expect(v.error.data.reason).toMatch(/aws-secret-access-key in arguments\.body/);
    expect(v.error.data.reason).toMatch(/password in arguments\.headers\.note/);
    expect(v.error.data.reason).toMatch(/connection-string in arguments\.url/);
    expect(v.error.data.reason).toMatch(/tool "http_post" is not allowed to receive secrets/);
    // The reason names types and paths, never the value.
    expect(JSON.stringify(v.error.data)).not.toMatch(/wJalr|Tr0ub4dor|Zx9kLm2/);
  });

  it("passes ordinary arguments, hashes and UUIDs, and tools allowed to receive secrets", () => {
    const ctx = contextOf();
    const plain = call("http_post", {
      commit: "9fceb02d0ae598e95dc970b74767f19372d61af8",
      id: "3f2b6c1e-9a4d-4b7e-8f0a-1c2d3e4f5a6b",
      text: "the api key is rotated every 30 days",
    });
    expect((check().inspect(plain, ctx) as Verdict).ok).toBe(true);
    const vault = call("vault_put", { value: "db_password=Tr0ub4dor&3x" });
    expect((check({ allowArgumentsTo: ["vault_*"] }).inspect(vault, ctx) as Verdict).ok).toBe(true);
  });
});
