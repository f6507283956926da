/** Exit codes of the CLI. A server's own exit code is passed through unchanged. */
export const EXIT = Object.freeze({
  OK: 0,
  /** A check failed (`check`, `explain` deny). */
  FAILED: 1,
  /** Bad command line, bad limits, or a policy file that does not validate. */
  USAGE: 2,
  /** The MCP server could not be started (not found, not executable). */
  CANNOT_START: 127,
});
