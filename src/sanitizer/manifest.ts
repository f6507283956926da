import { parse as parseYaml } from "yaml";

/**
 * Lifecycle scripts in a package.json a tool call writes (`{path: "package.json", content:
 * "{\"scripts\":{\"postinstall\":\"curl …|sh\"}}"}`): npm runs them as shell command lines on
 * the next install, so they are judged as command lines now. The same holds for the steps of
 * a CI pipeline (a GitHub Actions workflow's `run:`, GitLab CI's `script:`): the runner runs
 * them on the next push, with the repository's secrets in reach. Other files' content is data.
 */
const MANIFEST = /(?:^|[\\/])package\.json$/i;
const WORKFLOW =
  /(?:^|[\\/])\.github[\\/](?:workflows[\\/][^\\/]+|actions[\\/].+[\\/]action)\.ya?ml$/i;
const GITLAB_CI = /(?:^|[\\/])\.gitlab-ci\.ya?ml$/i;
/** A GitHub expression (`${{ secrets.TOKEN }}`) is filled in before the shell sees the step. */
const EXPRESSION = /\$\{\{[^}]{0,400}\}\}/g;
const PATH_KEYS = ["path", "file", "file_path", "filePath", "filename", "target"];
const CONTENT_KEYS = ["content", "contents", "text", "data", "body"];

/** Runs for every object of every call: a loop, no arrays. */
function firstString(o: Readonly<Record<string, unknown>>, keys: readonly string[]) {
  for (const k of keys) {
    const v = o[k];
    if (typeof v === "string") return v;
  }
  return undefined;
}

/**
 * Command lines of a file being written that something will run. `lenient`: a pipeline
 * step bash cannot parse is not refused (a Windows runner's steps are PowerShell); a
 * package.json script is run by sh, so it is.
 */
export interface Scripts {
  readonly scripts: readonly string[];
  readonly lenient: boolean;
}

/** The script command lines of a package.json or CI pipeline being written, or undefined. */
export function manifestScripts(o: Readonly<Record<string, unknown>>): Scripts | undefined {
  const path = firstString(o, PATH_KEYS)?.trim();
  if (path === undefined) return undefined;
  const steps = WORKFLOW.test(path)
    ? pipelineSteps(firstString(o, CONTENT_KEYS), ["run"])
    : GITLAB_CI.test(path)
      ? pipelineSteps(firstString(o, CONTENT_KEYS), ["script", "before_script", "after_script"])
      : undefined;
  if (steps !== undefined) return { scripts: steps, lenient: true };
  const scripts = packageScripts(path, o);
  return scripts && { scripts, lenient: false };
}

function packageScripts(path: string, o: Readonly<Record<string, unknown>>): string[] | undefined {
  if (!MANIFEST.test(path)) return undefined;
  const content = firstString(o, CONTENT_KEYS);
  if (typeof content !== "string" || !content.includes('"scripts"')) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return undefined; // not JSON: npm refuses the file, so nothing in it runs
  }
  const scripts = (parsed as { scripts?: unknown } | null)?.scripts;
  if (typeof scripts !== "object" || scripts === null) return undefined;
  return Object.values(scripts).filter((v): v is string => typeof v === "string");
}

/** Steps held under `keys` anywhere in a YAML pipeline (a string, or a list of strings). */
function pipelineSteps(content: string | undefined, keys: readonly string[]): string[] | undefined {
  if (content === undefined || !keys.some((k) => content.includes(`${k}:`))) return undefined;
  let doc: unknown;
  try {
    doc = parseYaml(content, { maxAliasCount: 100 });
  } catch {
    return undefined; // not YAML: the runner refuses the file, so nothing in it runs
  }
  const out: string[] = [];
  const add = (line: unknown) => {
    if (typeof line === "string") out.push(line.replace(EXPRESSION, "x"));
  };
  const stack: unknown[] = [doc];
  while (stack.length > 0 && out.length < 1000) {
    const v = stack.pop();
    if (Array.isArray(v)) for (const x of v) stack.push(x);
    else if (typeof v === "object" && v !== null) {
      // A step run by another interpreter (`shell: pwsh`, `shell: python`) is not shell.
      const shell = (v as { shell?: unknown }).shell;
      const otherShell = typeof shell === "string" && !/^(?:bash|sh)\b/.test(shell);
      for (const [k, x] of Object.entries(v)) {
        if (!keys.includes(k)) stack.push(x);
        else if (otherShell) continue;
        else if (Array.isArray(x)) for (const line of x) add(line);
        else add(x);
      }
    }
  }
  return out;
}
