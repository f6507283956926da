import { Command } from "commander";
import { commaList } from "../options.js";
import type { WrapCliOptions } from "./wrap-run.js";

const collect = (v: string, prev: string[] = []) => [...prev, v];

/** Runs wrap or unwrap, imported on use (jsonc-parser and diff stay out of a plain run). */
async function runEdit(which: "wrap" | "unwrap", o: WrapCliOptions): Promise<number> {
  const [{ runWrap, runUnwrap, currentHost }, { ConfigParseError }] = await Promise.all([
    import("./wrap-run.js"),
    import("./wrap-entries.js"),
  ]);
  const print = (s: string) => process.stdout.write(`${s}\n`);
  try {
    return (which === "wrap" ? runWrap : runUnwrap)(o, currentHost(), print);
  } catch (err) {
    if (!(err instanceof ConfigParseError)) throw err;
    process.stderr.write(`mcp-aegis ${which}: ${err.message}\n`);
    return 1;
  }
}

function common(cmd: Command): Command {
  return cmd
    .exitOverride()
    .option("--config <file>", "the client config file to edit (default: found by --client)")
    .option("--client <name>", "claude-desktop, cursor, claude-code, vscode or windsurf")
    .option(
      "--server <name>",
      "only this server entry (repeatable; default: every stdio entry)",
      collect,
    )
    .option("--dry-run", "print a unified diff and write nothing");
}

export function wrapCommand(onExit: (code: number) => void): Command {
  return common(new Command("wrap"))
    .description("rewrite MCP client config entries to run their server through mcp-aegis")
    .option("--policy <file>", "policy the wrapped servers run under (required)")
    .option("--principal <name>", "the shim's --principal for the wrapped entries")
    .option("--roles <a,b>", "the shim's --roles for the wrapped entries", commaList)
    .option("--audit-log <file>", "the shim's --audit-log for the wrapped entries")
    .option(
      "--npx",
      "run the shim with npx -y --package=mcp-aegis-shim (default: this installation)",
    )
    .action(async (opts: WrapCliOptions) => onExit(await runEdit("wrap", opts)));
}

export function unwrapCommand(onExit: (code: number) => void): Command {
  return common(new Command("unwrap"))
    .description("restore entries wrap rewrote (byte for byte where unchanged since)")
    .action(async (opts: WrapCliOptions) => onExit(await runEdit("unwrap", opts)));
}
