import { Command } from "commander";
import { type SelfCheck, unitChecks } from "./verify-checks.js";
import { sanitizerChecks } from "./verify-sanitizer.js";
import { sessionChecks } from "./verify-session.js";

declare const __VERSION__: string;

const RULE = "=".repeat(60);

/**
 * Runs every self-check and prints one PASS/FAIL line each, grouped, then a total.
 * Resolves with the number of failures. A check fails by returning false or throwing.
 */
export async function runVerify(
  write: (s: string) => void = (s) => process.stdout.write(s),
): Promise<number> {
  const version = typeof __VERSION__ === "string" ? __VERSION__ : "0.0.0-dev";
  const session = sessionChecks();
  // TODO(ratelimit): add the rate limiter's checks once the limiter lands on main.
  const checks: SelfCheck[] = [...unitChecks(), ...sanitizerChecks(), ...session.checks];
  let failed = 0;
  let group = "";
  let n = 0;
  write(`mcp-aegis ${version} self-check\n`);
  try {
    for (const check of checks) {
      if (check.group !== group) {
        group = check.group;
        write(`\n${++n}. ${group}\n`);
      }
      let ok = false;
      let why = "";
      try {
        ok = (await check.run()) === true;
      } catch (err) {
        why = err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err);
      }
      if (!ok) failed++;
      write(`  ${ok ? "PASS" : "FAIL"}  ${check.name}${why ? ` (${why})` : ""}\n`);
    }
  } finally {
    session.cleanup();
  }
  write(`\n${RULE}\n`);
  write(
    failed === 0
      ? `ALL ${checks.length} CHECKS PASSED\nmcp-aegis ${version} is fully operational.\n`
      : `${failed} OF ${checks.length} CHECKS FAILED\n`,
  );
  write(`${RULE}\n`);
  return failed;
}

/** `mcp-aegis verify`: the seed's verify.py. Exit 0 when every check passes, 1 otherwise. */
export function verifyCommand(onExit: (code: number) => void): Command {
  return new Command("verify")
    .description(
      "self-check: modules, policy engine, checks and a real session through a demo server",
    )
    .action(async () => {
      onExit((await runVerify()) === 0 ? 0 : 1);
    });
}
