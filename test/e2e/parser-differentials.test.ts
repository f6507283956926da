import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Proc, startProxy } from "../http/helpers.js";
import {
  answerTo,
  BIN,
  expectShimStdoutClean,
  killLeftovers,
  SERVERS,
  type ShimProcess,
  shimArgs,
  spawnShim,
  tempDir,
} from "./harness.js";

// One subtree allowed, and an explicit deny on the static documents on top of the default.
const POLICY = `version: "1"
defaults:
  effect: deny
principals:
  agent:
    tools:
      - { pattern: "echo", actions: [read, execute] }
    resources:
      - pattern: "demo://resource/dynamic/**"
      - pattern: "demo://resource/static/**"
        effect: deny
`;

const STATIC = "architecture.md";
/** URIs that a lenient judge reads inside dynamic/ while the server opens a static document. */
const CLIMBS = [
  "demo://resource/dynamic/text/a%2fb%2fc/../../../static/document/architecture.md",
  "demo://resource/dynamic/text/a\\\\b\\\\c/../../../static/document/architecture.md",
  "demo://resource/dynamic/text/%2e%2e/%2e%2e/static/document/architecture.md",
  "demo://resource/dynamic/text/..%2f..%2f..%2fstatic/document/architecture.md",
];
/** Spellings of a tools/list whose answer must still be filtered, with the id it is answered under. */
const LISTS: Array<[string, string]> = [
  ['{"jsonrpc":"2.0","\\u0069d":301,"method":"tools/list"}', "301"],
  ['{"jsonrpc":"2.0","id":1e2,"method":"tools/list"}', "100"],
  ['{"jsonrpc":"2.0","id":303.0,"method":"tools/list"}', "303"],
  ['{"jsonrpc":"2.0","id":"\\u0033\\u0030\\u0034","method":"tools/list"}', '"304"'],
];

const dir = tempDir("aegis-differential-");
const policy = join(dir.path, "policy.yaml");
writeFileSync(policy, POLICY);
afterAll(() => dir.cleanup());

/** Every tool name the client was ever shown, over all lines. */
function listedTools(lines: string[]): string[] {
  const names: string[] = [];
  for (const line of lines) {
    const m = JSON.parse(line) as { result?: { tools?: Array<{ name: string }> } };
    for (const t of m.result?.tools ?? []) names.push(t.name);
  }
  return names;
}

describe("stdio: the shim judges what server-everything acts on", () => {
  let shim: ShimProcess;
  afterEach(async () => {
    shim.end();
    await shim.exited;
    killLeftovers();
    expectShimStdoutClean();
  });

  async function start(): Promise<ShimProcess> {
    shim = spawnShim(
      shimArgs(
        ["--policy", policy, "--principal", "agent"],
        [process.execPath, SERVERS.everything],
      ),
    );
    shim.send(
      '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}',
    );
    await shim.waitForLine(answerTo("0"));
    shim.send('{"jsonrpc":"2.0","method":"notifications/initialized"}');
    return shim;
  }

  it("refuses URIs that climb out through encoded separators, backslashes or encoded dots", async () => {
    await start();
    const methods = ["resources/read", "resources/subscribe"];
    let id = 10;
    for (const uri of CLIMBS) {
      for (const method of methods) {
        id++;
        shim.send(
          JSON.stringify({ jsonrpc: "2.0", id, method, params: { uri: JSON.parse(`"${uri}"`) } }),
        );
        const answer = JSON.parse(await shim.waitForLine(answerTo(String(id)))) as {
          error?: { message: string; data?: { reason?: string } };
        };
        expect(answer.error?.data?.reason).toMatch(/URI is refused/);
      }
    }
    // The allowed subtree still works, and the deny rule still holds for the plain spelling.
    shim.send(
      '{"jsonrpc":"2.0","id":90,"method":"resources/read","params":{"uri":"demo://resource/dynamic/text/1"}}',
    );
    expect(JSON.parse(await shim.waitForLine(answerTo("90")))).toHaveProperty("result.contents");
    shim.send(
      `{"jsonrpc":"2.0","id":91,"method":"resources/read","params":{"uri":"demo://resource/static/document/${STATIC}"}}`,
    );
    expect(JSON.parse(await shim.waitForLine(answerTo("91")))).toHaveProperty("error");
    expect(shim.lines.join("\n")).not.toMatch(/# (?:Architecture|architecture)/);
  });

  it("filters every tools/list, however its id is spelled, and answers every ambiguous one", async () => {
    await start();
    for (const [line] of LISTS) shim.send(line);
    // Two id members: refused, answered under both.
    shim.send('{"jsonrpc":"2.0","id":401,"id":402,"method":"tools/list"}');
    // Two requests in flight under one id: the second is refused, the first answered.
    shim.send('{"jsonrpc":"2.0","id":500,"method":"tools/list"}');
    shim.send('{"jsonrpc":"2.0","id":500,"method":"tools/list"}');
    for (const [, answeredAs] of LISTS) await shim.waitForLine(answerTo(answeredAs));
    await shim.waitForLine(answerTo("401"));
    await shim.waitForLine(answerTo("402"));
    await shim.waitForLine((l) => l.includes('"id":500') && l.includes('"result"'));
    await shim.waitForLine((l) => l.includes('"id":500') && l.includes('"error"'));
    const tools = listedTools(shim.lines);
    expect(tools.length).toBeGreaterThan(0);
    expect(new Set(tools)).toEqual(new Set(["echo"]));
  });
});

describe("HTTP mode: the same URIs, and Host parsed strictly", () => {
  let proxy: Proc;
  beforeAll(async () => {
    proxy = await startProxy(
      [
        "--no-auth",
        "--policy",
        policy,
        "--principal",
        "agent",
        "--",
        process.execPath,
        SERVERS.everything,
      ],
      { GUARDIAN_TARGET_SHUTDOWN_TIMEOUT_MS: "300" },
    );
  });
  afterAll(async () => {
    await proxy?.stop();
  });

  function post(
    body: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string; session?: string }> {
    const url = new URL(proxy.url);
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: "POST",
          headers: {
            "content-type": "application/json",
            accept: "application/json, text/event-stream",
            ...headers,
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (d: string) => {
            text += d;
          });
          res.on("end", () => {
            const session = res.headers["mcp-session-id"];
            resolve({
              status: res.statusCode ?? 0,
              text,
              ...(typeof session === "string" ? { session } : {}),
            });
          });
        },
      );
      req.on("error", reject);
      req.end(body);
    });
  }

  it("refuses the climbing URIs over HTTP too", async () => {
    const init = await post(
      '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}',
    );
    expect(init.status).toBe(200);
    const session = init.session as string;
    const h = { "mcp-session-id": session, "mcp-protocol-version": "2025-06-18" };
    await post('{"jsonrpc":"2.0","method":"notifications/initialized"}', h);
    let id = 10;
    for (const uri of CLIMBS) {
      const r = await post(
        JSON.stringify({
          jsonrpc: "2.0",
          id: ++id,
          method: "resources/read",
          params: { uri: JSON.parse(`"${uri}"`) },
        }),
        h,
      );
      expect(r.text).toMatch(/URI is refused/);
      expect(r.text).not.toMatch(/# (?:Architecture|architecture)/);
    }
  });

  it.each(["127.0.0.1:8443@evil", "127.0.0.1 evil", "evil@127.0.0.1"])(
    "answers Host %j with 403",
    async (host) => {
      const r = await post('{"jsonrpc":"2.0","id":1,"method":"ping"}', { host });
      expect(r.status).toBe(403);
    },
  );
});

describe("explain agrees with the shim", () => {
  it.each([
    ["demo://resource/dynamic/text/a%2fb%2fc/../../../static/document/architecture.md", 1],
    ["demo://resource/dynamic/text/1", 0],
  ])("explain --resource %s exits %i", (uri, code) => {
    const r = spawnSync(
      process.execPath,
      [BIN, "explain", "--policy", policy, "--principal", "agent", "--resource", uri],
      {
        encoding: "utf8",
      },
    );
    expect(r.status).toBe(code);
    if (code === 1) expect(r.stdout + r.stderr).toMatch(/refused/);
  });

  it("file:///workspace/a%2fb%2fc/../../../etc/passwd is no longer allowed under file:///workspace/**", () => {
    const p = join(dir.path, "fs.yaml");
    writeFileSync(
      p,
      'version: "1"\nprincipals:\n  agent:\n    resources:\n      - pattern: "file:///workspace/**"\n',
    );
    const r = spawnSync(
      process.execPath,
      [
        BIN,
        "explain",
        "--policy",
        p,
        "--principal",
        "agent",
        "--resource",
        "file:///workspace/a%2fb%2fc/../../../etc/passwd",
      ],
      { encoding: "utf8" },
    );
    expect(r.status).toBe(1);
  });
});
