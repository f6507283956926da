import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterEach, describe, expect, it } from "vitest";
import { NULL_AUDIT } from "../../../src/audit/audit.js";
import { createLogger } from "../../../src/audit/logger.js";
import { LocalAuthenticator } from "../../../src/auth/local.js";
import type { Check } from "../../../src/pipeline/types.js";
import { YamlPolicyEngine } from "../../../src/policy/engine.js";
import { AegisError, ErrorCode } from "../../../src/protocol/errors.js";
import { GuardianProxy } from "../../../src/transport/http/proxy.js";
import { type Seen, startRecorder } from "../../http/helpers.js";

const policy = YamlPolicyEngine.fromString(`
version: "1"
principals:
  agent:
    tools:
      - pattern: "*"
        actions: [execute]
`);

/** A stand-in sanitizer: refuses any call whose arguments mention "rm -rf". */
const noRmRf: Check = {
  name: "sanitizer",
  inspect(frame) {
    return frame.raw.includes("rm -rf")
      ? {
          ok: false,
          error: new AegisError(ErrorCode.SanitizerBlocked, {
            check: "sanitizer",
            reason: "shell injection",
          }),
        }
      : { ok: true };
  },
};

describe("GuardianProxy (library)", () => {
  let upstream: { url: string; seen: Seen[]; close: () => Promise<void> } | undefined;
  let proxy: GuardianProxy | undefined;
  afterEach(async () => {
    await proxy?.close();
    await upstream?.close();
  });

  it("runs the injected checks after policy, relays the rest, and closes cleanly", async () => {
    upstream = await startRecorder();
    proxy = new GuardianProxy({
      authenticator: new LocalAuthenticator({ principal: "agent" }),
      policyEngine: policy,
      sanitizer: noRmRf,
      upstream: upstream.url,
      port: 0,
      logger: createLogger("silent"),
      audit: NULL_AUDIT,
    });
    const { url, host } = await proxy.listen();
    expect(host).toBe("127.0.0.1");
    expect(proxy.resource).toBe(url);
    const client = new Client({ name: "lib", version: "1" }, { capabilities: {} });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    const ok = await client.callTool({ name: "echo", arguments: { message: "ls" } });
    expect(ok.content).toEqual([{ type: "text", text: "recorded" }]);
    const before = upstream.seen.length;
    const bad = await client.callTool({ name: "echo", arguments: { message: "x; rm -rf /" } });
    expect(bad.isError).toBe(true);
    expect(JSON.stringify(bad.content)).toContain(
      "Blocked by mcp-aegis (sanitizer): shell injection",
    );
    expect(upstream.seen.length).toBe(before);
    await client.close();
    await proxy.close();
    proxy = undefined;
    await expect(fetch(url, { method: "POST" })).rejects.toThrow();
  });

  it("validates its options", () => {
    expect(
      () =>
        new GuardianProxy({
          authenticator: {} as never,
          policyEngine: policy,
          upstream: "http://x",
        }),
    ).toThrow(/authenticator/);
    expect(
      () =>
        new GuardianProxy({
          authenticator: new LocalAuthenticator(),
          policyEngine: policy,
          upstream: "ftp://x",
        }),
    ).toThrow(/http\(s\) upstream/);
  });
});
