/**
 * When the shim cannot start a session (an invalid policy, no server command, bad limits),
 * the reason goes to stderr, which Claude Desktop and Cursor bury in a log file: the user
 * sees only "Connection closed". So the shim also reads the client's first line and, if it
 * is `initialize`, answers it with a JSON-RPC error that says what is wrong and where. The
 * client shows that message.
 */

/** JSON-RPC code of that answer: the first of the implementation-defined range. */
export const STARTUP_FAILED_CODE = -32000;

/** How long to wait for the client's first line (clients send initialize at once). */
const WAIT_MS = 3000;

/** At most this much of the client's first line is read (an initialize is small). */
const MAX_FIRST_LINE_BYTES = 1 << 20;

/** The id of `line` when it is an initialize request, else undefined. */
export function initializeId(line: string): string | number | undefined {
  try {
    const m = JSON.parse(line) as { method?: unknown; id?: unknown } | null;
    if (m === null || typeof m !== "object" || m.method !== "initialize") return undefined;
    return typeof m.id === "string" || typeof m.id === "number" ? m.id : undefined;
  } catch {
    return undefined;
  }
}

/** The answer to initialize request `id`: one protocol line. */
export function startupErrorLine(id: string | number, reason: string): string {
  // A client shows one message: the problems on one line, each still naming file:line.
  const message = `mcp-aegis could not start: ${reason
    .trim()
    .split(/\r?\n\s*/)
    .join("; ")}`;
  return `${JSON.stringify({
    jsonrpc: "2.0",
    id,
    error: { code: STARTUP_FAILED_CODE, message, data: { check: "startup", reason: message } },
  })}\n`;
}

/**
 * Reads the client's first line from `input` (up to WAIT_MS; not at all from a terminal)
 * and answers it on `output` if it is `initialize`. Resolves once the answer is written.
 */
export function answerStartupFailure(
  reason: string,
  input: NodeJS.ReadableStream & { isTTY?: boolean } = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
): Promise<void> {
  if (input.isTTY) return Promise.resolve();
  return new Promise((resolve) => {
    let buffered = "";
    const finish = (line: string | undefined) => {
      clearTimeout(timer);
      input.off("data", onData);
      input.off("end", onEnd);
      input.off("error", onEnd);
      input.pause();
      const id = line === undefined ? undefined : initializeId(line);
      if (id === undefined) return resolve();
      output.write(startupErrorLine(id, reason), () => resolve());
    };
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      const newline = buffered.indexOf("\n");
      if (newline !== -1) finish(buffered.slice(0, newline));
      else if (buffered.length > MAX_FIRST_LINE_BYTES) finish(undefined);
    };
    const onEnd = () => finish(buffered === "" ? undefined : buffered);
    const timer = setTimeout(() => finish(undefined), WAIT_MS);
    input.on("data", onData);
    input.once("end", onEnd);
    input.once("error", onEnd);
  });
}
