import { Command } from "commander";
import type { AuditOptions } from "./audit-run.js";

/** Colours only on a terminal, and never with NO_COLOR set (https://no-color.org). */
function useColor(): boolean {
  return process.stdout.isTTY === true && !process.env.NO_COLOR;
}

export function auditCommand(onExit: (code: number) => void): Command {
  return new Command("audit")
    .exitOverride()
    .description("read an audit log (--audit-log): rows, filters and a summary")
    .argument("<file>", "the audit log (JSON lines)")
    .option("--principal <name>", "only this principal's rows")
    .option("--tool <name>", "only rows about this tool")
    .option("--decision <d>", "only decisions: allow, deny (or blocked), would-block")
    .option("--since <when>", "rows from a duration ago (30s, 15m, 2h, 7d) or an ISO time on")
    .option("--follow", "keep printing rows as they are appended (Ctrl-C ends)")
    .option("--summary", "only the summary")
    .option("--json", "one JSON document (with --follow: one JSON row per line)")
    .action(async (file: string, opts: AuditOptions) => {
      const { runAudit } = await import("./audit-run.js");
      onExit(
        await runAudit(
          file,
          opts,
          (s) => process.stdout.write(`${s}\n`),
          (s) => process.stderr.write(`${s}\n`),
          useColor(),
        ),
      );
    });
}
