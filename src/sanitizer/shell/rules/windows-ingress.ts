import type { Cmd } from "../facts.js";

const URL_WORD = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Windows system programs used to bring files in from the network (LOLBAS, MITRE ATT&CK
 * T1105): `certutil -urlcache -f URL out.exe`, `bitsadmin /transfer job URL out.exe`.
 * Developers fetch with curl, a package manager or a browser; these spellings come from
 * download-and-run cradles, so the fetch itself is the finding.
 */
export function windowsIngress(c: Cmd): boolean {
  const t = c.r.args.map((w) => (w.text ?? w.raw).toLowerCase());
  if (!t.some((a) => URL_WORD.test(a))) return false;
  const name = c.r.name.replace(/\.exe$/, "");
  if (name === "certutil") return t.some((a) => /^[-/](?:urlcache|verifyctl)$/.test(a));
  if (name === "bitsadmin") return t.some((a) => /^\/(?:transfer|addfile|download)$/.test(a));
  return false;
}
