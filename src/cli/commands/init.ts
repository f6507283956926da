import { Command } from "commander";
import { commaList } from "../options.js";

export interface InitOptions {
  out: string;
  principal: string;
  roles: string[];
  ask?: boolean;
  force?: boolean;
  target?: string;
}

/**
 * `mcp-aegis init`: only the command line lives here; the work (execa, the policy
 * loader) is imported when the command runs, so a plain stdio run never loads it.
 */
export function initCommand(onExit: (code: number) => void): Command {
  return new Command("init")
    .exitOverride()
    .description("start the server, read its tools, resources and prompts, write a starter policy")
    .usage(
      '[options] -- <server command> [args...]\n       mcp-aegis init [options] --target "<command line>"',
    )
    .option("--out <file>", "where to write the policy", "policy.yaml")
    .option(
      "--principal <name>",
      "the principal the entry is keyed by (the shim's --principal)",
      "local-user",
    )
    .option("--roles <a,b>", "roles the entry also covers", commaList, [] as string[])
    .option("--ask", "destructive tools ask a human (elicitation) instead of being refused")
    .option("--force", "overwrite an existing file")
    .option("--target <command>", "command line of the MCP server")
    .argument("[command...]", "the MCP server command after --")
    .action(async (command: string[], opts: InitOptions) => {
      const { runInit } = await import("./init-run.js");
      onExit(await runInit(opts, command, (s) => process.stdout.write(`${s}\n`)));
    });
}
