import { randomUUID } from "node:crypto";
import type { ClientReply } from "../approval/channel.js";
import { idKey } from "../protocol/jsonrpc.js";
import { scanMessage } from "../protocol/scan.js";

/**
 * Requests the shim sends to the client itself (e.g. elicitation/create for an `ask`
 * approval), and their answers, which are taken out before the pipeline and never reach
 * the server.
 */
export class OwnRequests {
  readonly #send: (line: string) => void;
  readonly #waiting = new Map<string, (reply: ClientReply) => void>();
  /** A per-session random prefix, so shim ids cannot collide with (or be guessed by) the server's. */
  readonly #prefix = `mcp-aegis-${randomUUID()}-`;
  #seq = 0;

  constructor(send: (line: string) => void) {
    this.#send = send;
  }

  /** Sends the request and resolves with its answer, or `timeout`. */
  request(
    method: string,
    params: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<ClientReply> {
    const id = `${this.#prefix}${++this.#seq}`;
    const key = idKey(id);
    return new Promise<ClientReply>((resolve) => {
      const timer = setTimeout(() => {
        // Keep a no-op entry so a late answer is still swallowed, then tell the client to stop.
        this.#waiting.set(key, () => {});
        this.#send(
          JSON.stringify({
            jsonrpc: "2.0",
            method: "notifications/cancelled",
            params: { requestId: id, reason: "timed out" },
          }),
        );
        resolve({ kind: "timeout" });
      }, timeoutMs);
      this.#waiting.set(key, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      this.#send(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    });
  }

  /** True when the line answers one of these requests (and settles it). */
  take(bytes: Buffer): boolean {
    if (this.#waiting.size === 0) return false;
    const scan = scanMessage(bytes);
    if (scan.rawId === undefined || scan.method !== undefined || !scan.rawId.startsWith('"'))
      return false;
    let message: { id?: unknown; result?: unknown; error?: unknown };
    try {
      message = JSON.parse(bytes.toString("utf8")) as typeof message;
    } catch {
      return false;
    }
    if (typeof message.id !== "string") return false;
    const key = idKey(message.id);
    const settle = this.#waiting.get(key);
    if (!settle) return false;
    this.#waiting.delete(key);
    settle(
      "error" in message
        ? { kind: "error", error: message.error }
        : { kind: "result", result: message.result },
    );
    return true;
  }
}
