#!/usr/bin/env node
// `npm run bench:sanitizer` (first part): the held-out split of the independent corpus
// (test/fixtures/sanitizer-external/) through the built Sanitizer with the shim's default
// configuration and limits, as a markdown report. BENCH_CORPUS_SPLIT=tuning for the other split.
import {
  DEFAULT_LIMITS,
  DEFAULT_SANITIZER_CONFIG,
  loadShellParser,
  Sanitizer,
} from "../dist/index.js";
import { evaluate, loadSplit, markdown } from "./corpus-report.js";

// Command values are judged on a bash syntax tree; load its parser before timing.
await loadShellParser();

const split = process.env.BENCH_CORPUS_SPLIT ?? "held-out";
const doc = loadSplit(split);
const report = evaluate(doc, {
  Sanitizer,
  config: DEFAULT_SANITIZER_CONFIG,
  limits: DEFAULT_LIMITS,
});
console.log(markdown(report));
console.log(
  `\nSources: ${Object.entries(doc.sources)
    .map(([r, c]) => `${r}@${c.slice(0, 10)}`)
    .join(", ")}`,
);
