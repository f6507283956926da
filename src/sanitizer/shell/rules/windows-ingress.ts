import type { Cmd } from "../facts.js";

/**
 * Windows system programs used to bring files in from the network (LOLBAS, MITRE ATT&CK
 * T1105): `certutil -urlcache -f URL out.exe`, `bitsadmin /transfer job URL out.exe`.
 * Developers fetch with curl, a package manager or a browser; these spellings come from
 * download-and-run cradles, so the fetch itself is the finding.
 */
export function windowsIngress(c: Cmd): boolean {
  if (!c.r.args.some((w) => (w.text ?? w.raw).includes("://"))) return false;
  const t = c.r.args.map((w) => (w.text ?? w.raw).toLowerCase());
  if (!t.some((a) => URL_IN.test(a))) return false;
  const name = c.r.name.replace(/\.exe$/, "");
  if (name === "certutil") return t.some((a) => /^[-/](?:urlcache|verifyctl)$/.test(a));
  if (name === "bitsadmin") return t.some((a) => /^\/(?:transfer|addfile|download)$/.test(a));
  return REMOTE_RUNNERS.has(name);
}

/** A URL as a word or an option value (`/i:http://…`, `/format:"http://…"`). */
const URL_IN = /(?:^|[:="'])(?:https?|ftp|file|smb):\/\//i;

/**
 * Windows programs that run what a URL serves, no file needed (LOLBAS): HTML applications
 * (`mshta URL`), COM scriptlets (`regsvr32 /i:URL scrobj.dll`), installers (`msiexec /i
 * URL`), XSL scripts (`wmic … /format:URL`), `rundll32` and `cscript`/`wscript` handed a URL.
 */
const REMOTE_RUNNERS = new Set([
  "mshta",
  "regsvr32",
  "msiexec",
  "wmic",
  "rundll32",
  "cscript",
  "wscript",
  "msxsl",
  "installutil",
  "regasm",
  "regsvcs",
  "msbuild",
]);
