/**
 * Eighth pass probes on the non-shell kinds, written for this pass from how agents, tools and
 * attackers behave, not taken from the corpus. test/fixtures/probes-eighth/kinds-benign.jsonl
 * holds everyday calls whose values look risky (SQL with OR/UNION in a SQL tool, prose about
 * attacks, refs with slashes, encoded query strings, regexes, globs, templates of a dozen
 * engines, headers with commas, package specs with comparisons, env maps of builds, Windows
 * and Unicode file names); kinds-attacks.jsonl holds the attacks of the same pass (argument
 * injection into hosts, refs, packages, patterns and URLs in every separator and encoding,
 * CRLF, SQLi and NoSQLi in filter-like fields, SSTI in twelve engines, prompt injection,
 * traversal, sensitive writes, zip-slip, globs, env maps that load code, Unicode evasion,
 * SSRF). One JSON array per line: [tool, args] and [family, tool, args].
 */
import { probeSet } from "./probe-set.js";

probeSet({
  title: "eighth pass (kinds)",
  dir: "probes-eighth",
  benign: "kinds-benign.jsonl",
  attacks: "kinds-attacks.jsonl",
  minBenign: 200,
  minAttacks: 200,
});
