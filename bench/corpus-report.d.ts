/** Types of bench/corpus-report.js. */
export interface CorpusCase {
  id: string;
  family: string;
  label: "attack" | "benign";
  core: boolean;
  tool: string;
  arguments: Record<string, unknown>;
  source: { repo: string; path: string; commit: string; transform?: string };
}
export interface CorpusSplit {
  split: string;
  sources: Record<string, string>;
  core: string[];
  attackFamilies: string[];
  tools: Record<string, Record<string, unknown>>;
  cases: CorpusCase[];
}
export interface Tally {
  total: number;
  blocked: number;
}
export interface FamilyRow extends Tally {
  family: string;
  label: "attack" | "benign";
  core: boolean;
  rules: Record<string, number>;
  passedIds: string[];
  blockedIds: string[];
}
export interface CorpusReport {
  split: string;
  rows: FamilyRow[];
  summary: { core: Tally; attacks: Tally; benign: Tally };
}
interface ScanLike {
  scan(
    args: unknown,
    options: {
      tool?: string;
      toolDefinition?: Readonly<Record<string, unknown>>;
      maxScanBytes: number;
      maxValueBytes: number;
    },
  ): { blocked?: { rule: string } };
}
export const CORPUS_DIR: string;
export const TARGETS: Readonly<{ coreBlocked: number; benignBlocked: number }>;
export function loadSplit(name: "tuning" | "held-out"): CorpusSplit;
export function evaluate<C>(
  doc: CorpusSplit,
  env: {
    Sanitizer: new (config: C) => ScanLike;
    config: C;
    limits: { sanitizerMaxScanBytes: number; maxArgumentBytes: number };
  },
): CorpusReport;
export function rate(t: Tally): number;
export function markdown(
  report: CorpusReport,
  targets?: { coreBlocked: number; benignBlocked: number },
): string;
