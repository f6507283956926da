import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Connected, connect, POLICIES, SERVERS, shimArgs } from "./harness.js";

const POLICY = join(POLICIES, "everything-demo.yaml");

describe("stdio shim in front of server-everything", () => {
  let session: Connected | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it("forwards an allowed call and blocks a denied one with a readable isError result", async () => {
    session = await connect(
      shimArgs(
        ["--policy", POLICY, "--principal", "developer", "--roles", "dev"],
        [process.execPath, SERVERS.everything],
      ),
    );
    const echo = await session.client.callTool({ name: "echo", arguments: { message: "hello" } });
    expect(echo.isError).toBeFalsy();
    expect(echo.content).toEqual([{ type: "text", text: "Echo: hello" }]);

    const env = await session.client.callTool({ name: "get-env", arguments: {} });
    expect(env.isError).toBe(true);
    const text = (env.content as Array<{ text: string }>)[0]?.text ?? "";
    expect(text).toMatch(/^Blocked by mcp-aegis \(policy\): .*get-env/);
  });
});
