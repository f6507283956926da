import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  connectShim,
  expectOnlyJsonRpc,
  expectShimStdoutClean,
  FIXTURE_POLICIES,
  fixtureServer,
  killLeftovers,
  type ShimSession,
  shimArgs,
} from "./harness.js";

const ALLOW_ALL = join(FIXTURE_POLICIES, "allow-all.yaml");

describe("stdio shim: what the server writes that is not protocol", () => {
  let session: ShimSession | undefined;
  afterEach(async () => {
    await session?.client.close();
    session = undefined;
    killLeftovers();
    expectShimStdoutClean();
  });

  it("drops a banner and log lines the server prints on stdout, logs them on stderr, and the session works", async () => {
    session = await connectShim(
      shimArgs(["--policy", ALLOW_ALL], fixtureServer("banner-on-stdout")),
    );
    expect(session.client.getServerVersion()?.name).toBe("banner-on-stdout");
    const tools = await session.client.listTools();
    expect(tools.tools.map((t) => t.name)).toContain("echo");
    const result = await session.client.callTool({ name: "echo", arguments: { message: "hi" } });
    expect(result.content).toEqual([{ type: "text", text: "hi" }]);
    await session.client.close();
    const { shim } = session;
    expect((await shim.exited).code).toBe(0);

    // stdout: protocol only; the client never saw the banner.
    expectOnlyJsonRpc(shim.lines);
    expect(shim.lines.join("\n")).not.toContain("Banner Server");
    expect(shim.lines.join("\n")).not.toContain("[log] echo called");
    expect(shim.lines.join("\n")).not.toContain('"status":"starting"');
    expect(session.clientErrors).toEqual([]);
    // stderr: each dropped line is logged (as a warning with a preview).
    const drops = shim
      .stderr()
      .split("\n")
      .filter((l) => l.includes("dropped a non-JSON-RPC line from the server"));
    expect(drops).toHaveLength(3);
    expect(drops.some((l) => l.includes("Banner Server v1.0 starting..."))).toBe(true);
    expect(drops.some((l) => l.includes("[log] echo called with hi"))).toBe(true);
  });

  it("passes the server's stderr through unchanged", async () => {
    session = await connectShim(shimArgs(["--policy", ALLOW_ALL], fixtureServer("echo-raw")));
    const m = await session.shim.waitForStderr(/^echo-raw ready pid=\d+$/m);
    expect(m).toBeTruthy();
  });
});
