import { execFile, spawn } from "node:child_process";
import { appendFileSync, copyFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, FIXTURES, tempDir } from "./harness.js";

const run = promisify(execFile);
const LOG = join(FIXTURES, "audit", "session.jsonl");

async function audit(args: string[]) {
  try {
    const r = await run(process.execPath, [BIN, "audit", ...args]);
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("mcp-aegis audit (built CLI)", () => {
  let dir: ReturnType<typeof tempDir>;
  beforeEach(() => {
    dir = tempDir("aegis-audit-");
  });
  afterEach(() => dir.cleanup());

  it("prints rows without colour off a terminal, then the summary", async () => {
    const r = await audit([LOG]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain("\u001b[");
    expect(r.stdout).toMatch(
      /WOULD-BLOCK {2}ci {2}tools\/call run #a {2}\[sanitizer shell-metachar\]/,
    );
    expect(r.stdout).toMatch(/rows {12}7, malformed lines skipped: 3/);
    expect(r.stdout).toMatch(/round trip {6}p50 3\.1 ms, p95 9\.87 ms/);
  });

  it("--json is one document a script can read; filters apply", async () => {
    const r = await audit(["--json", "--tool", "echo", LOG]);
    const doc = JSON.parse(r.stdout) as {
      summary: { rows: number; malformed: number };
      rows: Array<{ tool: string }>;
    };
    expect(doc.summary.rows).toBe(3);
    expect(doc.summary.malformed).toBe(3);
    expect(doc.rows.every((x) => x.tool === "echo")).toBe(true);
    expect(r.stderr).toMatch(/3 malformed line\(s\) skipped/);
  });

  it("refuses a bad --since and a missing file with exit 2", async () => {
    const bad = await audit(["--since", "soon", LOG]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since expects a duration .* got "soon"/);
    const missing = await audit([join(dir.path, "none.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the audit log/);
  });

  it("--follow prints rows appended later, split across writes", async () => {
    const file = join(dir.path, "log.jsonl");
    copyFileSync(LOG, file);
    const child = spawn(process.execPath, [BIN, "audit", "--follow", "--json", file]);
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
    });
    const waitFor = (re: RegExp) =>
      new Promise<void>((resolve) => {
        const t = setInterval(() => {
          if (re.test(out)) {
            clearInterval(t);
            resolve();
          }
        }, 20);
      });
    await waitFor(/"id":6/);
    appendFileSync(file, '{"time":"2026-11-24T15:00:00.000Z","event":"decision","decisi');
    appendFileSync(file, 'on":"deny","check":"size","id":77}\n');
    await waitFor(/"id":77/);
    const exited = new Promise<number | null>((resolve) => child.once("close", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const rows = out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { id?: unknown });
    expect(rows.at(-1)).toMatchObject({ id: 77, check: "size" });
  });
});
