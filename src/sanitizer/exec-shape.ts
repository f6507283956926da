import { keyWords } from "./kinds.js";
import { SHELLS } from "./shell/resolve.js";

/** Keys naming the program of an exec-shaped call (`{ command: "git", args: [...] }`). */
const PROGRAM_KEYS = ["command", "file", "program", "executable", "cmd", "binary", "bin"];
const ARGV_KEYS = ["args", "argv", "arguments"];
const EXEC_KEYS = new Set([...PROGRAM_KEYS, ...ARGV_KEYS]);

function hasExecKey(o: Record<string, unknown>): boolean {
  for (const k in o) if (EXEC_KEYS.has(k)) return true;
  return false;
}

/**
 * Programs a tool may be named after (`git{args}`, `kubectl{args}`): CLIs agents are given
 * as tools, and those whose options run code (GTFOBins). Only a tool name that is exactly
 * one of these makes its `args` that program's argv; `git_log{args}` says nothing.
 */
const PROGRAM_TOOLS = new Set(
  `git docker podman kubectl helm npm npx pnpm yarn pip pip3 pipx uv poetry cargo go make
  ssh scp sftp rsync curl wget tar zip unzip find xargs gh aws gcloud az terraform apt
  apt-get brew systemctl journalctl psql mysql sqlite3 redis-cli less man awk sed grep rg
  jq openssl tcpdump nmap node python python3 deno bun ruby perl php rpm dnf yum env
  sudo nc ncat socat crontab chmod chown rm mv cp dd`.split(/\s+/),
);

/** The program a tool is named after (`git`, `Docker`), or undefined. */
export function toolProgram(tool: string | undefined): string | undefined {
  if (tool === undefined) return undefined;
  const t = tool.toLowerCase();
  if (PROGRAM_TOOLS.has(t) || SHELLS.has(t)) return t;
  const w = keyWords(tool);
  const one = w.length === 1 ? w[0] : undefined;
  return one !== undefined && (PROGRAM_TOOLS.has(one) || SHELLS.has(one)) ? one : undefined;
}

/**
 * The program and argv of an exec-shaped object, when it is one. `program`, when given, is
 * the program the tool is named after: its argv needs no program key.
 */
export function execShape(
  o: Record<string, unknown>,
  program?: string,
): { program: string; args: string[]; key: string; programKey?: string } | undefined {
  // Most objects have none of these keys: asked of their own few keys first (this runs for
  // every object of every call), then in priority order, with loops rather than closures.
  if (!hasExecKey(o)) return undefined;
  let argKey: string | undefined;
  for (const k of ARGV_KEYS)
    if (Array.isArray(o[k])) {
      argKey = k;
      break;
    }
  if (argKey === undefined) {
    // The exec form of Docker's CMD and a Kubernetes container's `command`
    // (`command: ["python", "-c", "print(1)"]`): the program first, no shell between.
    for (const k of PROGRAM_KEYS) {
      const form = o[k];
      if (isExecForm(form)) return { program: form[0] as string, args: form.slice(1), key: k };
    }
    return undefined;
  }
  const args = o[argKey] as unknown[];
  if (!args.every((a) => typeof a === "string" || typeof a === "number")) return undefined;
  for (const k of PROGRAM_KEYS) {
    const named = o[k];
    if (typeof named === "string")
      return { program: named, args: args.map(String), key: argKey, programKey: k };
  }
  // `argv` alone holds the program first, as execve(2) and every exec tool spell it.
  if (argKey === "argv" && typeof args[0] === "string" && args[0] !== "")
    return { program: args[0], args: args.slice(1).map(String), key: argKey };
  if (program !== undefined) return { program, args: args.map(String), key: argKey };
  return undefined;
}

/**
 * An argv array under a program key: strings, at least two, the first a program name or path
 * without blanks. A list of shell lines (`["npm ci", "npm test"]`) is not one.
 */
export function isExecForm(v: unknown): v is string[] {
  return (
    Array.isArray(v) &&
    v.length >= 2 &&
    v.every((x) => typeof x === "string") &&
    /^[\w./+-]+$/.test(v[0] as string)
  );
}
