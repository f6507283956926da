import {
  chmodSync,
  copyFileSync,
  existsSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { posix, win32 } from "node:path";
import { createTwoFilesPatch } from "diff";
import { YamlPolicyEngine } from "../../policy/engine.js";
import { EXIT } from "../exit-codes.js";
import { UsageError } from "../run.js";
import { CLIENTS, type ClientName, configLocations, type Where } from "./client-configs.js";
import {
  type EditResult,
  type Launcher,
  unwrapConfigText,
  type WrapRecord,
  wrapConfigText,
} from "./wrap-entries.js";

export interface WrapCliOptions {
  config?: string;
  client?: string;
  server?: string[];
  policy?: string;
  principal?: string;
  roles?: string[];
  auditLog?: string;
  npx?: boolean;
  dryRun?: boolean;
}

/** The machine as wrap sees it; tests pass another platform (Windows paths). */
export interface Host extends Where {
  execPath: string;
  /** The bin script running now (process.argv[1]). */
  script: string;
  now: Date;
}

export function currentHost(): Host {
  return {
    platform: process.platform,
    home: (process.env.HOME ?? process.env.USERPROFILE ?? "") || "/",
    ...(process.env.APPDATA !== undefined ? { appData: process.env.APPDATA } : {}),
    cwd: process.cwd(),
    execPath: process.execPath,
    script: process.argv[1] ?? "",
    now: new Date(),
  };
}

/** The sidecar holding what wrap changed, so unwrap can restore each entry byte for byte. */
export function sidecarOf(file: string): string {
  return `${file}.aegis-wrap.json`;
}

interface Sidecar {
  version: 1;
  entries: WrapRecord[];
}

function readSidecar(file: string): WrapRecord[] {
  const side = sidecarOf(file);
  if (!existsSync(side)) return [];
  const doc = JSON.parse(readFileSync(side, "utf8")) as Sidecar;
  return Array.isArray(doc.entries) ? doc.entries : [];
}

/** The config files to edit: --config, or the known locations of --client (or of all) that exist. */
function targets(o: WrapCliOptions, h: Host): string[] {
  const p = h.platform === "win32" ? win32 : posix;
  if (o.config !== undefined) {
    const file = p.resolve(h.cwd, o.config);
    if (!existsSync(file)) throw new UsageError(`${o.config}: no such file`);
    return [file];
  }
  if (o.client !== undefined && !(CLIENTS as readonly string[]).includes(o.client))
    throw new UsageError(`unknown client "${o.client}" (expected ${CLIENTS.join(", ")})`);
  const known = configLocations(h).filter(
    (l) => o.client === undefined || l.client === (o.client as ClientName),
  );
  const found = known.filter((l) => existsSync(l.file));
  if (found.length === 0)
    throw new UsageError(
      `no MCP client config found; looked in:\n  ${known.map((l) => l.file).join("\n  ")}\nname one with --config <file>`,
    );
  if (found.length > 1 && o.client === undefined)
    throw new UsageError(
      `several client configs found; choose one with --client or --config:\n  ${found.map((l) => `${l.client}: ${l.file}`).join("\n  ")}`,
    );
  return found.map((l) => l.file);
}

/** How the wrapped entry starts the shim. */
export function launcherFor(o: WrapCliOptions, h: Host): Launcher {
  if (o.npx)
    return {
      command: h.platform === "win32" ? "npx.cmd" : "npx",
      args: ["-y", "--package=mcp-aegis-shim", "mcp-aegis"],
    };
  // This installation by absolute path: works before publishing, and needs no network.
  let script = h.script;
  try {
    script = realpathSync(h.script);
  } catch {
    // Not on this disk (a test host): keep it as given.
  }
  return { command: h.execPath, args: [script] };
}

/** Writes `text` over `file` by rename, with the file's permission bits kept. */
function replaceFile(file: string, text: string): void {
  const mode = statSync(file).mode & 0o777;
  const tmp = `${file}.aegis-tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode });
  chmodSync(tmp, mode);
  renameSync(tmp, file);
}

function backup(file: string, now: Date): string {
  const to = `${file}.aegis-backup-${now.toISOString().replace(/[:.]/g, "-")}`;
  copyFileSync(file, to);
  chmodSync(to, statSync(file).mode & 0o777);
  return to;
}

/** Applies an edit to one file: a diff on --dry-run, else backup, file, sidecar. */
function apply(
  file: string,
  before: string,
  r: EditResult,
  records: WrapRecord[],
  o: WrapCliOptions,
  h: Host,
  print: (s: string) => void,
  verb: string,
): void {
  for (const n of r.notes) print(`${file}: ${n}`);
  if (r.text === before) {
    print(`${file}: nothing to ${verb}`);
    return;
  }
  if (o.dryRun) {
    print(createTwoFilesPatch(file, file, before, r.text, "", `after mcp-aegis ${verb}`).trimEnd());
    return;
  }
  const saved = backup(file, h.now);
  const side = sidecarOf(file);
  if (records.length > 0) {
    writeFileSync(side, `${JSON.stringify({ version: 1, entries: records }, null, 2)}\n`, {
      mode: statSync(file).mode & 0o777,
    });
  } else rmSync(side, { force: true });
  replaceFile(file, r.text);
  print(`${file}: ${verb}ped ${r.changed.join(", ")} (backup: ${saved})`);
}

const samePath = (a: WrapRecord, b: WrapRecord) =>
  JSON.stringify(a.path) === JSON.stringify(b.path);

/** `mcp-aegis wrap`. */
export function runWrap(o: WrapCliOptions, h: Host, print: (s: string) => void): number {
  if (o.policy === undefined) throw new UsageError("wrap needs --policy <file>");
  const p = h.platform === "win32" ? win32 : posix;
  const policy = p.resolve(h.cwd, o.policy);
  // A policy the shim would refuse at start is refused now, before any config changes.
  YamlPolicyEngine.fromFile(policy);
  const launcher = launcherFor(o, h);
  if (!o.npx && /[/\\]_npx[/\\]/.test(launcher.args[0] ?? ""))
    print("note: this mcp-aegis runs from the npx cache, which npm may clear; --npx is steadier");
  for (const file of targets(o, h)) {
    const before = readFileSync(file, "utf8");
    const r = wrapConfigText(before, file, {
      launcher,
      policy,
      ...(o.principal !== undefined ? { principal: o.principal } : {}),
      ...(o.roles !== undefined ? { roles: o.roles } : {}),
      ...(o.auditLog !== undefined ? { auditLog: p.resolve(h.cwd, o.auditLog) } : {}),
      ...(o.server !== undefined && o.server.length > 0 ? { servers: o.server } : {}),
    });
    const kept = readSidecar(file).filter((old) => !r.records.some((n) => samePath(old, n)));
    apply(file, before, r, [...kept, ...r.records], o, h, print, "wrap");
  }
  return EXIT.OK;
}

/** `mcp-aegis unwrap`. */
export function runUnwrap(o: WrapCliOptions, h: Host, print: (s: string) => void): number {
  for (const file of targets(o, h)) {
    const before = readFileSync(file, "utf8");
    const records = readSidecar(file);
    const r = unwrapConfigText(
      before,
      file,
      records,
      o.server !== undefined && o.server.length > 0 ? o.server : undefined,
    );
    const left = records.filter((old) => !r.records.some((n) => samePath(old, n)));
    apply(file, before, r, left, o, h, print, "unwrap");
  }
  return EXIT.OK;
}
