import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type Connected, connect, FIXTURES } from "./harness.js";

const text = (r: unknown) => (r as { content: Array<{ text: string }> }).content[0]?.text ?? "";

describe("a check that throws (library-assembled bridge, built package)", () => {
  let session: Connected | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it("denies only that message, logs the check's name, and the session continues", async () => {
    session = await connect([
      join(FIXTURES, "bridges", "throwing-check.js"),
      join(FIXTURES, "servers", "echo.js"),
    ]);
    const { client } = session;
    const boom = await client.callTool({ name: "echo", arguments: { message: "boom" } });
    expect(boom.isError).toBe(true);
    expect(text(boom)).toMatch(/^Blocked by mcp-aegis \(flaky\)/);
    // The exception's text stays in the log; the client only learns that the check failed.
    expect(text(boom)).not.toContain("exploded");

    const rejected = await client.callTool({ name: "echo", arguments: { message: "async boom" } });
    expect(text(rejected)).toMatch(/^Blocked by mcp-aegis \(flaky\)/);

    const fine = await client.callTool({ name: "echo", arguments: { message: "fine" } });
    expect(fine.isError).toBeFalsy();
    expect(text(fine)).toBe("fine");

    const log = session.stderr();
    expect(log).toMatch(/"check":"flaky".*flaky check exploded/);
    expect(log).toMatch(/"check":"flaky".*flaky check rejected/);
  });
});
