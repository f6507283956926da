/**
 * Seventh pass probes (issue 13), written for this pass from how agents, tools and attackers
 * behave, not taken from the corpus: test/fixtures/probes-seventh/benign.jsonl holds everyday
 * calls an AI coding agent makes (shell and argv commands, file writes of code, configs,
 * Dockerfiles, CI YAML, migrations and security docs, fetches with headers, SQL, templates of
 * five engines, search globs and regexes, env maps, git, chat and notes in several
 * languages); attacks.jsonl holds the attack probes of the same pass that the sanitizer
 * blocks (shell and argument injection, env maps, destructive commands, CRLF, SSTI in
 * templates, names and titles, SQLi, prompt injection, sensitive writes, zip-slip, globs,
 * traversal, Unicode evasion). One JSON array per line: [tool, args] and [family, tool, args].
 */
import { probeSet } from "./probe-set.js";

probeSet({
  title: "seventh pass",
  dir: "probes-seventh",
  benign: "benign.jsonl",
  attacks: "attacks.jsonl",
  minBenign: 300,
  minAttacks: 200,
});
