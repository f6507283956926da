import { isIndexOverride } from "../env.js";
import type { Analysis, Cmd, Hit } from "../facts.js";

/**
 * The public indexes themselves over https, and a mirror on this machine (verdaccio,
 * devpi on localhost): pointing an install there changes nothing an attacker controls.
 */
const TRUSTED_INDEX =
  /^(?:https:\/\/(?:registry\.npmjs\.org|registry\.yarnpkg\.com|pypi\.org|pypi\.python\.org|files\.pythonhosted\.org|proxy\.golang\.org)(?:[:/]|$)|https?:\/\/(?:localhost|127\.\d+\.\d+\.\d+|\[::1\])(?:[:/]|$))/i;

/** Options that name where packages come from, per installer family. */
const NODE_PMS = new Set(["npm", "npx", "pnpm", "yarn", "bun"]);
const PY_PMS = new Set(["pip", "pip3", "uv", "pipx", "poetry", "pdm"]);
const NODE_OPTS = new Set(["--registry"]);
const PY_OPTS = new Set([
  "--index-url",
  "-i",
  "--extra-index-url",
  "--find-links",
  "-f",
  "--trusted-host",
  "--index",
  "--default-index",
  "--pip-args",
]);
/** `npm config set registry URL`, `yarn config set npmRegistryServer URL`, `pip config set global.index-url URL`. */
const CONFIG_KEY =
  /^(?:(?:@[\w.-]+:)?registry|npmregistryserver|(?:[\w.-]+\.)?(?:index-url|extra-index-url|find-links|trusted-host))$/i;

/** A directory or file of wheels/tarballs on this machine (`-f ./wheels`, `file:///…`). */
const LOCAL = /^(?:\.{0,2}\/|~\/|file:)/i;

/**
 * The value is a known URL or host and not a trusted index. A `$VAR` cannot be judged and
 * a placeholder (`registry_url`) names nothing: they pass.
 */
const untrusted = (v: string | undefined) =>
  v !== undefined && /:\/\/|\./.test(v) && !TRUSTED_INDEX.test(v) && !LOCAL.test(v);

/** The installer an invocation runs (`python -m pip` is pip). */
function installer(
  c: Cmd,
): { family: "node" | "py"; args: ReadonlyArray<string | undefined> } | undefined {
  const args = c.r.args.map((w) => w.text);
  if (NODE_PMS.has(c.r.name)) return { family: "node", args };
  if (PY_PMS.has(c.r.name)) return { family: "py", args };
  if (/^python[0-9.]*$/.test(c.r.name) && args[0] === "-m" && PY_PMS.has(args[1] ?? ""))
    return { family: "py", args: args.slice(2) };
  return undefined;
}

function overrides(c: Cmd): string | undefined {
  const inst = installer(c);
  if (inst) {
    const opts = inst.family === "node" ? NODE_OPTS : PY_OPTS;
    const a = inst.args;
    for (let i = 0; i < a.length; i++) {
      const t = a[i];
      if (t === undefined) continue;
      const eq = t.indexOf("=");
      const name = eq > 0 ? t.slice(0, eq) : t;
      if (opts.has(name) && untrusted(eq > 0 ? t.slice(eq + 1) : a[i + 1])) return t;
      if (t === "set" && a[i - 1] === "config" && CONFIG_KEY.test(a[i + 1] ?? ""))
        if (untrusted(a[i + 2])) return `${a[i + 1]} ${a[i + 2]}`;
    }
  }
  // `go env -w GOPROXY=…`
  if (c.r.name === "go" && c.r.args[0]?.text === "env")
    for (const w of c.r.args) {
      const m = /^([A-Za-z_]+)=(.*)$/s.exec(w.text ?? "");
      if (m && isIndexOverride(m[1] as string) && untrusted(m[2])) return w.text;
    }
  return undefined;
}

/**
 * shell.index-override: an install pointed at a package index the caller chose — a
 * `--registry`/`--index-url`/`--extra-index-url` option, `npm|yarn|pip config set` of the
 * registry, or an index variable assigned on the line (`PIP_INDEX_URL=… pip install`,
 * `export npm_config_registry=…`): what an env map may not set, said on a command line.
 * The public registries over https and a loopback mirror pass.
 */
export function indexOverride(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    const o = overrides(c);
    if (o !== undefined) return hit("shell.index-override", o);
    for (const x of c.sc.assigns)
      if (isIndexOverride(x.name) && untrusted(x.value?.text ?? x.value?.raw))
        return hit("shell.index-override", x.name);
    for (const w of c.sc.words) {
      if (w === c.r.program) break;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.text ?? "");
      if (m && isIndexOverride(m[1] as string) && untrusted(m[2]))
        return hit("shell.index-override", m[1] as string);
    }
  }
  return false;
}
