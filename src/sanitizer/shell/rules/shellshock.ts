import type { Analysis, Hit } from "../facts.js";

/**
 * A bash function definition with commands after it (`() { :;}; /bin/id`), alone or as the
 * value of a setting or a header (`x=() { …`, `User-Agent: () { …`): bash before 4.3
 * (CVE-2014-6271, "Shellshock") ran the trailing commands when it imported such a value
 * from its environment, where CGI servers put request headers. No value holds one
 * otherwise: bash itself exports functions under `BASH_FUNC_name%%` keys.
 */
const FUNCTION_IMPORT = /^\s*(?:[A-Za-z_][\w-]{0,100}\s*[=:]\s*)?\(\s*\)\s*\{[^}]{0,200}\}\s*;/;

/** A Shellshock value (see FUNCTION_IMPORT). */
export const isFunctionImport = (s: string): boolean => s.includes("(") && FUNCTION_IMPORT.test(s);

/**
 * shell.injection: a Shellshock value in an assignment or a word of any command
 * (`env x='() { :;}; echo vulnerable' bash -c …`, `curl -A '() { :;}; /bin/id' …`).
 */
export function shellshock(a: Analysis, hit: Hit): boolean {
  for (const c of a.cmds) {
    for (const { value } of c.sc.assigns) {
      const v = value?.text;
      if (v !== undefined && isFunctionImport(v)) return hit("shell.injection", v);
    }
    for (const w of c.sc.words) {
      const t = w.text;
      if (t !== undefined && isFunctionImport(t)) return hit("shell.injection", t);
    }
  }
  return false;
}
