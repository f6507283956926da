import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Limits } from "../../src/config/limits.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { PolicyLoadError } from "../../src/policy/load.js";
import { tempDir } from "../e2e/harness.js";
import { sessionRig } from "../fuzz/session-rig.js";

/**
 * Every limit at n − 1, n and n + 1, in each direction it applies to. The first two pass,
 * the third is refused with an answer, never silently dropped.
 */
const N = [-1, 0, 1] as const;

/** A ping of exactly `bytes` bytes. */
function pingOf(bytes: number, id = 1): string {
  const base = `{"jsonrpc":"2.0","id":${id},"method":"ping","params":{"p":""}}`;
  return base.replace('"p":""', `"p":"${"x".repeat(bytes - base.length)}"`);
}

/** A response of exactly `bytes` bytes. */
function resultOf(bytes: number, id = 1): string {
  const base = `{"jsonrpc":"2.0","id":${id},"result":{"p":""}}`;
  return base.replace('"p":""', `"p":"${"x".repeat(bytes - base.length)}"`);
}

/** `{"a":[[[…]]]}` nested so the whole message is `depth` deep (message 1, params/result 2). */
const nest = (depth: number) => `{"a":${"[".repeat(depth - 2)}${"]".repeat(depth - 2)}}`;

const line = (s: string) => ({ kind: "line" as const, bytes: Buffer.from(s) });

function rig(limits: Partial<Limits>) {
  const r = sessionRig({ limits });
  return {
    ...r,
    client: (s: string) => r.clientBytes(Buffer.from(`${s}\n`)),
    server: (s: string) => r.serverBytes(Buffer.from(`${s}\n`)),
    clientLine: (s: string) => r.session.fromClient(line(s)),
  };
}

const reply = (s: string | undefined) => JSON.parse(s ?? "null") as Record<string, unknown>;

describe("limit boundaries (n − 1, n, n + 1)", () => {
  it.each(N)("maxLineBytes, client → server: a line of limit %+d bytes", (d) => {
    const max = 300;
    const r = rig({ maxLineBytes: max });
    r.client(pingOf(max + d));
    if (d <= 0) expect(r.toServer).toHaveLength(1);
    else {
      expect(r.toServer).toEqual([]);
      expect(reply(r.toClient[0])).toMatchObject({ id: 1, error: { code: -32011 } });
    }
  });

  it.each(N)("maxLineBytes, server → client: a response of limit %+d bytes", (d) => {
    const max = 300;
    const r = rig({ maxLineBytes: max });
    r.client(pingOf(100));
    r.server(resultOf(max + d));
    expect(r.toClient).toHaveLength(1);
    if (d <= 0) expect(r.toClient[0]).toHaveLength(max + d);
    else expect(reply(r.toClient[0])).toMatchObject({ id: 1, error: { code: -32011 } });
  });

  it.each(N)("maxLineBytes, server → client: a server request of limit %+d bytes", (d) => {
    const max = 300;
    const r = rig({ maxLineBytes: max });
    r.server(pingOf(max + d, 5));
    if (d <= 0) expect(r.toClient).toHaveLength(1);
    else {
      expect(r.toClient).toEqual([]);
      expect(reply(r.toServer[0])).toMatchObject({ id: 5, error: { code: -32011 } });
    }
  });

  it.each(N)("maxArgumentBytes: one argument of limit %+d bytes", (d) => {
    const max = 100;
    const r = rig({ maxArgumentBytes: max });
    // A string of k characters serializes to k + 2 bytes.
    const args = { message: "m".repeat(max + d - 2) };
    r.clientLine(
      `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":${JSON.stringify(args)}}}`,
    );
    if (d <= 0) expect(r.toServer).toHaveLength(1);
    else {
      expect(r.toServer).toEqual([]);
      expect(reply(r.toClient[0])).toMatchObject({ id: 1, result: { isError: true } });
      expect(r.toClient[0]).toContain('"check":"size"');
    }
  });

  it.each(N)("maxArgumentsTotalBytes: arguments of limit %+d bytes together", (d) => {
    const max = 200;
    const r = rig({ maxArgumentsTotalBytes: max, maxArgumentBytes: max });
    const args = { a: "a".repeat(98), b: "b".repeat(max + d - 100 - 2) };
    r.clientLine(
      `{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":${JSON.stringify(args)}}}`,
    );
    if (d <= 0) expect(r.toServer).toHaveLength(1);
    else expect(reply(r.toClient[0])).toMatchObject({ id: 1, result: { isError: true } });
  });

  it.each(N)("maxDepth, client → server: a message of limit %+d levels", (d) => {
    const max = 10;
    const r = rig({ maxDepth: max });
    r.client(`{"jsonrpc":"2.0","id":1,"method":"ping","params":${nest(max + d)}}`);
    if (d <= 0) expect(r.toServer).toHaveLength(1);
    else expect(reply(r.toClient[0])).toMatchObject({ id: 1, error: { code: -32012 } });
  });

  it.each(N)("maxDepth, server → client: a response of limit %+d levels", (d) => {
    const max = 10;
    const r = rig({ maxDepth: max });
    r.client(pingOf(100));
    r.server(`{"jsonrpc":"2.0","id":1,"result":${nest(max + d)}}`);
    if (d <= 0) expect(reply(r.toClient[0])).toHaveProperty("result");
    else expect(reply(r.toClient[0])).toMatchObject({ id: 1, error: { code: -32012 } });
  });

  it.each(N)("maxConcurrentRequests, client → server: request number limit %+d + 1", (d) => {
    const max = 4;
    const r = rig({ maxConcurrentRequests: max });
    for (let i = 1; i <= max + d; i++) r.client(pingOf(80, i));
    expect(r.toServer).toHaveLength(Math.min(max, max + d));
    if (d > 0) expect(reply(r.toClient[0])).toMatchObject({ id: max + 1, error: { code: -32017 } });
    else expect(r.toClient).toEqual([]);
    // An answer frees a place: the next request goes through again.
    r.server(resultOf(60, 1));
    r.client(pingOf(80, 99));
    expect(r.toServer.at(-1)).toContain('"id":99');
  });

  it.each(N)("maxConcurrentRequests, server → client: server request number limit %+d + 1", (d) => {
    const max = 4;
    const r = rig({ maxConcurrentRequests: max });
    for (let i = 1; i <= max + d; i++) r.server(pingOf(80, i));
    expect(r.toClient).toHaveLength(Math.min(max, max + d));
    if (d > 0) expect(reply(r.toServer[0])).toMatchObject({ id: max + 1, error: { code: -32017 } });
    else expect(r.toServer).toEqual([]);
  });

  it.each(N)("maxPolicyFileBytes: a policy file of limit %+d bytes", (d) => {
    const dir = tempDir();
    try {
      const text = 'version: "1"\ndefaults:\n  effect: deny\n';
      const max = 200;
      const file = join(dir.path, "p.yaml");
      writeFileSync(file, text + "#".repeat(max + d - text.length));
      if (d <= 0) expect(YamlPolicyEngine.fromFile(file, max).document.version).toBe("1");
      else expect(() => YamlPolicyEngine.fromFile(file, max)).toThrow(PolicyLoadError);
    } finally {
      dir.cleanup();
    }
  });
});
