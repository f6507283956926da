import type { Analysis, Hit } from "../facts.js";

/**
 * Variables that make the dynamic loader, a shell or an interpreter load code the setter
 * chose, whatever the program (ld.so(8), dyld(1), bash(1), perlrun(1), ruby(1)). Those
 * whose everyday values are harmless (`LD_LIBRARY_PATH=./lib`, `NODE_OPTIONS=--max-old-…`,
 * `ENV=staging`) are judged by value below or left to the env-map rules.
 */
const ALWAYS =
  /^(?:LD_PRELOAD|LD_AUDIT|DYLD_INSERT_LIBRARIES|BASH_ENV|PERL5OPT|RUBYOPT|PYTHONSTARTUP)$/;
/** NODE_OPTIONS preloading a module from outside the project (`--require /tmp/x.js`, `--import data:…`). */
export const NODE_PRELOAD =
  /(?:^|\s)(?:-r|--require|--import|--loader|--experimental-loader)[=\s]+["']?(?:\/|~|data:|https?:)/;

/**
 * env.code-loading for a command line: an assignment before a command, through `env` or
 * `sudo`, or exported (`LD_PRELOAD=/tmp/x.so ls`, `export LD_PRELOAD=…`, `env
 * DYLD_INSERT_LIBRARIES=… app`) that makes the program load code — the same keys an env map
 * may not set.
 */
export function envAssignments(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    const pairs: Array<[string, string]> = c.sc.assigns.map((x) => [
      x.name,
      x.value?.text ?? x.value?.raw ?? "",
    ]);
    for (const w of c.sc.words) {
      if (w === c.r.program) break;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(w.text ?? "");
      if (m) pairs.push([m[1] as string, m[2] as string]);
    }
    for (const [name, value] of pairs) {
      if (ALWAYS.test(name) && value !== "") return hit("env.code-loading", name);
      if (name === "NODE_OPTIONS" && NODE_PRELOAD.test(value))
        return hit("env.code-loading", `${name}=${value}`);
    }
  }
  return false;
}
