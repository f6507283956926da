/**
 * Eighth pass probes, shell command lines and exec argv, written for this pass from how
 * coding agents, CI scripts and attackers behave (not taken from the corpus):
 * test/fixtures/probes-eighth/shell-benign.jsonl holds everyday compound dev commands (&&,
 * ||, pipes, subshells, here-documents, loops, substitutions, jq/rg/sed/awk, docker,
 * kubectl, terraform, gh, aws, curl to APIs, package managers, CI snippets) and argv calls;
 * shell-attacks.jsonl holds injection in every separator form, recon then exfiltration,
 * uploads of secrets, reverse shells, download-and-run, obfuscation, destructive,
 * persistence and privilege commands, and Windows lines, under several tool and field names.
 * One JSON array per line: [tool, args] and [family, tool, args].
 */
import { probeSet } from "./probe-set.js";

probeSet({
  title: "eighth pass (shell)",
  dir: "probes-eighth",
  benign: "shell-benign.jsonl",
  attacks: "shell-attacks.jsonl",
  minBenign: 200,
  minAttacks: 200,
});
