import { type Logger, pino } from "pino";

export type LogLevel = "debug" | "info" | "warn" | "error" | "silent";
export const LOG_LEVELS: readonly LogLevel[] = ["debug", "info", "warn", "error", "silent"];

export type { Logger };

/**
 * The diagnostic log: pino JSON on stderr (fd 2), never stdout, which carries only
 * protocol messages. Synchronous writes so nothing is lost when the process exits.
 */
export function createLogger(level: LogLevel = "info", fd = 2): Logger {
  return pino(
    { name: "mcp-aegis", level, base: { pid: process.pid } },
    pino.destination({ dest: fd, sync: true }),
  );
}
