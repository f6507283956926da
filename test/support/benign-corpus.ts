import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** One line of benign text and where it came from. */
export interface BenignLine {
  source: string;
  text: string;
}

const ROOT = join(import.meta.dirname, "../..");
/** Packages whose files make the corpus: runtime dependencies, read as installed. */
const PACKAGES = [
  "ajv",
  "commander",
  "execa",
  "ioredis",
  "jose",
  "pino",
  "rate-limiter-flexible",
  "yaml",
  "zod",
  "@modelcontextprotocol/sdk",
];
/** Files full of the key words (token, secret, password, auth) that hold no credential. */
const CREDENTIAL_WORDS = [
  "@modelcontextprotocol/sdk/dist/esm/server/auth/handlers/token.js",
  "@modelcontextprotocol/sdk/dist/esm/server/auth/handlers/authorize.js",
  "@modelcontextprotocol/sdk/dist/esm/server/auth/handlers/register.js",
  "@modelcontextprotocol/sdk/dist/esm/shared/auth.js",
  "@modelcontextprotocol/sdk/dist/esm/client/auth.js",
  "jose/dist/webapi/jwt/verify.js",
  "jose/dist/webapi/jwt/sign.js",
  "ioredis/built/redis/RedisOptions.js",
  "ioredis/built/redis/event_handler.js",
  "typescript/lib/lib.dom.d.ts",
];
const EXTENSIONS = /\.(?:js|mjs|cjs|ts|md|json)$/;
const FILES_PER_PACKAGE = 4;
const LINES_PER_FILE = 300;

function filesOf(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) filesOf(p, out);
    else if (EXTENSIONS.test(name) && !/\.min\.|\.map$|\.d\.ts$/.test(name)) out.push(p);
  }
  return out;
}

function linesOf(file: string, max = Number.POSITIVE_INFINITY): BenignLine[] {
  const source = relative(ROOT, file);
  return readFileSync(file, "utf8")
    .split("\n")
    .slice(0, max)
    .filter((l) => l.trim() !== "")
    .map((text) => ({ source, text }));
}

const digest = (alg: string, i: number, enc: "hex" | "base64") =>
  createHash(alg).update(`benign-${i}`).digest(enc);

/** A UUID v4 shape from a hash: deterministic, as random-looking as the real ones. */
function uuidOf(i: number): string {
  const h = digest("sha256", i, "hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * Real source and lockfile lines plus identifiers that look random but are not secrets,
 * chosen deterministically (sorted paths, fixed counts) so the rate is reproducible:
 * this repo's package-lock.json, the first files of installed packages, UUIDs, git
 * hashes, sha256 hex, Subresource Integrity strings and a base64 PNG.
 */
export function benignCorpus(): BenignLine[] {
  const lines: BenignLine[] = [...linesOf(join(ROOT, "package-lock.json"))];
  for (const pkg of PACKAGES) {
    const dir = join(ROOT, "node_modules", pkg);
    const files = filesOf(dir);
    // The README and the first sources by path: prose, code and package metadata.
    const chosen = [
      ...files.filter((f) => /readme\.md$/i.test(f)).slice(0, 1),
      ...files.filter((f) => !/readme\.md$/i.test(f)).slice(0, FILES_PER_PACKAGE - 1),
    ];
    for (const f of chosen) lines.push(...linesOf(f, LINES_PER_FILE));
  }
  for (const f of CREDENTIAL_WORDS) lines.push(...linesOf(join(ROOT, "node_modules", f), 2000));
  for (let i = 0; i < 100; i++) {
    lines.push({ source: "uuid", text: `request ${uuidOf(i)} completed` });
    lines.push({ source: "git", text: `commit ${digest("sha1", i, "hex")}` });
    lines.push({ source: "sha256", text: `${digest("sha256", i, "hex")}  dist/file-${i}.tgz` });
    lines.push({
      source: "integrity",
      text: `"integrity": "sha512-${digest("sha512", i, "base64")}",`,
    });
    lines.push({
      source: "json-ids",
      text: `{"id":"${uuidOf(i + 1000)}","etag":"${digest("md5", i, "hex")}"}`,
    });
  }
  const png = readFileSync(
    join(ROOT, "node_modules/zod-to-json-schema/.github/CR_logotype-full-color.png"),
  ).toString("base64");
  for (let i = 0; i < png.length && i < 76 * 200; i += 76) {
    lines.push({ source: "png-base64", text: png.slice(i, i + 76) });
  }
  lines.push({
    source: "data-uri",
    text: `<img src="data:image/png;base64,${png.slice(0, 4000)}">`,
  });
  return lines;
}
