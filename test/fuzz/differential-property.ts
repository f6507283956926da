import { JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import fc from "fast-check";
import { expect } from "vitest";
import { NULL_AUDIT } from "../../src/audit/audit.js";
import { createLogger } from "../../src/audit/logger.js";
import { getLimits } from "../../src/config/limits.js";
import { listFilterCheck } from "../../src/pipeline/checks/list-filter.js";
import { compose } from "../../src/pipeline/compose.js";
import { clientChecks, serverChecks } from "../../src/pipeline/default-checks.js";
import type { Context } from "../../src/pipeline/types.js";
import { YamlPolicyEngine } from "../../src/policy/engine.js";
import { idKeyFromRaw } from "../../src/protocol/jsonrpc.js";
import { Session } from "../../src/session/session.js";

/**
 * Parser differentials (issue 18): a message is generated as a value, then spelled in one
 * of the many ways JSON allows (escapes in keys and values, number forms, whitespace, key
 * order, repeated members). The shim must decide exactly as it would on the canonical
 * parse, forward only what names the same method, id, tool and resource it decided on,
 * and answer every request exactly once.
 */

const POLICY = `version: "1"
defaults: { effect: deny }
principals:
  tester:
    tools:
      - { pattern: "echo", actions: [read, execute] }
    resources:
      - pattern: "demo://resource/dynamic/**"
      - { pattern: "demo://resource/static/**", effect: deny }
`;
const engine = YamlPolicyEngine.fromString(POLICY);
const principal = { id: "tester", roles: new Set<string>() };

/** The resource a Node server opens for a URI: the WHATWG reading of it. */
function serverReads(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    return `${url.protocol}//${url.host.toLowerCase()}${url.pathname}`;
  } catch {
    return undefined;
  }
}

/**
 * A URI that every reading resolves alike (the documented strict rule): no backslash, no
 * escaped `/`, `\\`, `.` or NUL (once or more encoded), no `.` or `..` segment.
 */
const plain = (uri: string) =>
  !uri.includes("\\") &&
  !/%(?:25)*(?:2f|5c|2e|00)/i.test(uri) &&
  !uri.split("/").some((s) => s === "." || s === "..");

/**
 * The oracle, written without the shim's code: a call is allowed when the server would
 * run `echo`, or open a resource inside dynamic/ (never static/). Strict mode refuses a
 * URI that readings could disagree on, so only plain ones may pass.
 */
function allowed(method: string, params: Record<string, unknown>): boolean {
  if (method === "tools/call") return params.name === "echo";
  if (method === "resources/read") {
    const uri = String(params.uri);
    const opened = serverReads(uri);
    return plain(uri) && opened?.startsWith("demo://resource/dynamic/") === true;
  }
  return true;
}

const URIS = [
  "demo://resource/dynamic/text/1",
  "demo://resource/static/document/architecture.md",
  "demo://resource/dynamic/text/a%2fb%2fc/../../../static/document/architecture.md",
  "demo://resource/dynamic/text/a\\b\\c/../../../static/document/architecture.md",
  "demo://resource/dynamic/text/%2e%2e/%2e%2e/static/document/architecture.md",
  "demo://resource/dynamic/./text/1",
  "DEMO://RESOURCE/dynamic/text/2",
  "demo://resource/dynamic/text/%C3%A9",
];

/** A string spelled with random escapes: `\uXXXX` for some characters, `\/` for slashes. */
const spell = (s: string) =>
  fc.array(fc.nat({ max: 3 }), { minLength: s.length, maxLength: s.length }).map((modes) => {
    let out = '"';
    [...s].forEach((ch, i) => {
      const m = modes[i] ?? 0;
      const code = ch.codePointAt(0) as number;
      if (ch === '"' || ch === "\\") out += `\\${ch}`;
      else if (m === 1 && code < 0x10000) out += `\\u${code.toString(16).padStart(4, "0")}`;
      else if (m === 2 && ch === "/") out += "\\/";
      else out += ch;
    });
    return `${out}"`;
  });

/** An integer id in one of its number spellings. */
const numberId = fc
  .tuple(
    fc.oneof(
      fc.integer({ min: 0, max: 10_000 }).map(BigInt),
      fc.constantFrom(9007199254740993n, 9007199254740992n, 2n ** 53n + 20n),
    ),
    fc.constantFrom("plain", "exp", "frac", "fracexp"),
  )
  .map(([n, form]) => {
    const d = n.toString();
    if (form === "exp" && d.endsWith("0") && d !== "0") return `${d.slice(0, -1)}e1`;
    if (form === "frac") return `${d}.0`;
    if (form === "fracexp") return d === "0" ? "0.0e0" : `${d}0e-1`;
    return d;
  });
const stringId = fc.constantFrom("a", "1", "req-7", "é");

const ws = fc.constantFrom("", " ", "\t", "\n ", "  ");

interface Spelled {
  line: string;
  method: string;
  params: Record<string, unknown>;
  /** The id token as the last id member writes it, if any. */
  idToken?: string;
  /** Every id member's token, in order. */
  ids?: string[];
  /** A member repeated: the shim must refuse. */
  repeated: boolean;
}

const message: fc.Arbitrary<Spelled> = fc
  .record({
    method: fc.constantFrom("tools/call", "tools/list", "resources/read", "ping"),
    tool: fc.constantFrom("echo", "get-env", "ech\u006f"),
    uri: fc.constantFrom(...URIS),
    id: fc.oneof(numberId, stringId.chain(spell)),
    secondId: fc.option(fc.oneof(numberId, stringId.chain(spell)), { freq: 6 }),
    repeatInParams: fc.boolean().map((b) => b && Math.random() < 0.2),
    order: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
    spaces: fc.array(ws, { minLength: 8, maxLength: 8 }),
    keyModes: fc.array(fc.constantFrom("id", "method", "params", "jsonrpc", "name", "uri")),
  })
  .chain((r) =>
    fc
      .record({
        idKey: spell("id"),
        methodKey: spell("method"),
        methodValue: spell(r.method),
        nameKey: spell("name"),
        nameValue: spell(r.tool),
        uriKey: spell("uri"),
        uriValue: spell(r.uri),
      })
      .map((s) => {
        const params: Record<string, unknown> =
          r.method === "tools/call"
            ? { name: r.tool, arguments: {} }
            : r.method === "resources/read"
              ? { uri: r.uri }
              : {};
        const paramParts =
          r.method === "tools/call"
            ? [`${s.nameKey}:${s.nameValue}`, '"arguments":{}']
            : r.method === "resources/read"
              ? [`${s.uriKey}:${s.uriValue}`]
              : [];
        if (r.repeatInParams && paramParts.length) {
          // The same key again, spelled its own way: JSON.parse keeps this value.
          paramParts.push(`${r.method === "tools/call" ? s.nameKey : s.uriKey}:"other"`);
        }
        const [a, b, c, d] = r.spaces;
        const members: Array<{ text: string; id?: string }> = [
          { text: `${a}"jsonrpc"${b}:${c}"2.0"` },
          { text: `${s.idKey}:${d}${r.id}`, id: r.id },
          { text: `${s.methodKey}:${s.methodValue}` },
          { text: `"params":{${paramParts.join(",")}}` },
        ];
        if (r.secondId !== null) members.push({ text: `"id":${r.secondId}`, id: r.secondId });
        const order = members
          .map((m, i) => [m, r.order[i] ?? i] as const)
          .sort((x, y) => x[1] - y[1])
          .map(([m]) => m);
        const ids = order.flatMap((m) => (m.id === undefined ? [] : [m.id]));
        const spelled: Spelled = {
          line: `{${order.map((m) => m.text).join(",")}${r.spaces[7] ?? ""}}`,
          method: r.method,
          params,
          repeated: r.secondId !== null || (r.repeatInParams && paramParts.length > 1),
        };
        // JSON.parse keeps the last id member; the shim answers each id a reading could use.
        spelled.idToken = ids[ids.length - 1] as string;
        spelled.ids = ids;
        return spelled;
      }),
  );

function rig() {
  const limits = getLimits();
  const toClient: string[] = [];
  const forwarded: string[] = [];
  const context: Context = { principal, limits, now: () => 0, tools: new Map() };
  const logger = createLogger("silent");
  const session: Session = new Session({
    clientPipeline: compose(clientChecks({ limits, policyEngine: engine })),
    serverPipeline: compose(serverChecks({ limits, extra: [listFilterCheck({ engine, logger })] })),
    context,
    logger,
    audit: NULL_AUDIT,
    output: {
      toClient: (l) => {
        toClient.push(String(l));
      },
      toServer: (l) => {
        const text = String(l);
        forwarded.push(text);
        // A server that reads numbers as doubles and lists a tool the policy hides.
        const msg = JSON.parse(text) as { id?: unknown; method?: string };
        if (msg.id === undefined || msg.method === undefined) return;
        const result =
          msg.method === "tools/list" ? { tools: [{ name: "echo" }, { name: "get-env" }] } : {};
        const reply = JSON.stringify({ jsonrpc: "2.0", id: msg.id, result });
        queueMicrotask(() => session.fromServer({ kind: "line", bytes: Buffer.from(reply) }));
      },
    },
  });
  return { session, toClient, forwarded };
}

/** The property, shared by `npm test` (fixed seed) and the soak suite (random seeds). */
export const differentialProperty = () =>
  fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 12 }), async (messages) => {
    const r = rig();
    // Answers are counted per id as a double reads it: a server echoes big ids rounded.
    const looseOf = (key: string) => (key.startsWith("n:") ? `n:${Number(key.slice(2))}` : key);
    const expectedAnswers = new Map<string, number>();
    const open = new Set<string>();
    const expectForward: boolean[] = [];
    for (const m of messages) {
      const canonical = JSON.parse(m.line) as {
        method: string;
        params: Record<string, unknown>;
      };
      const key = looseOf(idKeyFromRaw(m.idToken as string));
      const forward = !m.repeated && !open.has(key) && allowed(canonical.method, canonical.params);
      expectForward.push(forward);
      if (forward) open.add(key);
      // A refused repeated-id message is answered under each distinct id it carries.
      const keys = new Set((m.repeated ? (m.ids ?? []) : [m.idToken as string]).map(idKeyFromRaw));
      for (const k of keys)
        expectedAnswers.set(looseOf(k), (expectedAnswers.get(looseOf(k)) ?? 0) + 1);
      r.session.fromClient({ kind: "line", bytes: Buffer.from(m.line) });
    }
    await r.session.idle();
    await new Promise((resolve) => setImmediate(resolve));
    await r.session.idle();

    // (a) forwarded exactly what the canonical decision allows (b) naming the same things.
    const sent = messages.filter((_, i) => expectForward[i]);
    expect(r.forwarded).toHaveLength(sent.length);
    r.forwarded.forEach((line, i) => {
      const m = sent[i] as Spelled;
      expect(line).toBe(m.line);
      const parsed = JSON.parse(line) as { method: string; params: Record<string, unknown> };
      // The SDK's schema takes ids up to 2^53 only (zod's int()); bigger ones are ours to keep.
      const id = (parsed as { id?: unknown }).id;
      if (typeof id === "string" || Number.isSafeInteger(id)) {
        expect(JSONRPCMessageSchema.safeParse(parsed).success).toBe(true);
      }
      expect(parsed.method).toBe(m.method);
      expect(parsed.params.name).toBe(m.params.name);
      expect(parsed.params.uri).toBe(m.params.uri);
      if (m.method === "resources/read") {
        expect(serverReads(String(parsed.params.uri))).toMatch(/^demo:\/\/resource\/dynamic\//);
      }
    });

    // (c) every request answered exactly once, and no list shows what the policy hides.
    const answers = new Map<string, number>();
    for (const line of r.toClient) {
      const msg = JSON.parse(line) as { result?: { tools?: Array<{ name: string }> } };
      const token = /"id":("(?:[^"\\]|\\.)*"|[-\d.eE+]+)/.exec(line)?.[1];
      expect(token).toBeDefined();
      const key = looseOf(idKeyFromRaw(token as string));
      answers.set(key, (answers.get(key) ?? 0) + 1);
      for (const t of msg.result?.tools ?? []) expect(t.name).toBe("echo");
    }
    expect(answers).toEqual(expectedAnswers);
  });
