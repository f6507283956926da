import { type Reporter, report } from "../inspect/report.js";
import type { Context, Frame, Verdict } from "../pipeline/types.js";
import { AegisError, ErrorCode } from "../protocol/errors.js";
import type { ClientChannel } from "./channel.js";
import { APPROVAL_SCHEMA, approvalMessage } from "./prompt.js";

const CHECK = "approval";

/** Whether the client's initialize capabilities allow a form elicitation. */
export function supportsFormElicitation(capabilities: unknown): boolean {
  const e = (capabilities as { elicitation?: unknown } | undefined)?.elicitation;
  if (typeof e !== "object" || e === null) return false;
  const modes = e as { form?: unknown; url?: unknown };
  // `{}` (2025-06-18) means form; 2025-11-25 lists modes, and URL-only cannot show a yes/no form.
  return modes.form !== undefined || modes.url === undefined;
}

function refuse(reason: string): Verdict {
  return { ok: false, error: new AegisError(ErrorCode.ApprovalRequired, { check: CHECK, reason }) };
}

/**
 * Human approval for calls whose rule effect is `ask`: sends `elicitation/create` to the
 * client with the tool and its arguments and lets the call through only on an explicit
 * "accept" with `approve: true`. Decline, cancel, an error, a timeout, or a client that
 * did not declare elicitation all refuse: there is no path that allows without a human.
 */
export class ApprovalGate {
  readonly #channel: ClientChannel;
  #timeoutMs: number;
  readonly #reporter: Reporter;
  #capabilities: unknown;

  constructor(o: { channel: ClientChannel; timeoutMs: number; reporter: Reporter }) {
    if (!o?.channel || !Number.isInteger(o.timeoutMs) || o.timeoutMs < 1 || !o.reporter) {
      throw new TypeError(
        `Expected ApprovalGate options {channel, timeoutMs > 0, reporter}, got timeoutMs ${String(o?.timeoutMs)}`,
      );
    }
    this.#channel = o.channel;
    this.#timeoutMs = o.timeoutMs;
    this.#reporter = o.reporter;
  }

  /** A reloaded policy's `approval.timeoutSeconds`; questions already asked keep theirs. */
  set timeoutMs(ms: number) {
    if (!Number.isInteger(ms) || ms < 1) throw new TypeError(`Expected timeoutMs > 0, got ${ms}`);
    this.#timeoutMs = ms;
  }

  /** Records the client's capabilities from its initialize request. */
  setClientCapabilities(capabilities: unknown): void {
    this.#capabilities = capabilities;
  }

  get canAsk(): boolean {
    return supportsFormElicitation(this.#capabilities);
  }

  async ask(frame: Frame, ctx: Context, why: string): Promise<Verdict> {
    const tool = frame.tool ?? "?";
    const done = (approved: boolean, reason: string): Verdict => {
      report(this.#reporter, frame, ctx, { check: CHECK, reason, blocked: !approved, tool });
      return approved ? { ok: true } : refuse(reason);
    };
    if (!this.canAsk) {
      return done(
        false,
        `approval required (${why}), but the client did not declare the elicitation capability, so nobody could be asked`,
      );
    }
    const args =
      frame.parsed.kind === "request" ? frame.parsed.message.params?.arguments : undefined;
    const reply = await this.#channel.requestClient(
      "elicitation/create",
      { message: approvalMessage(tool, args, ctx.serverName), requestedSchema: APPROVAL_SCHEMA },
      this.#timeoutMs,
    );
    if (reply.kind === "timeout")
      return done(
        false,
        `approval required (${why}); no answer within ${Math.round(this.#timeoutMs / 1000)} s`,
      );
    if (reply.kind === "error")
      return done(false, `approval required (${why}); the client could not ask the user`);
    const r = reply.result as { action?: unknown; content?: { approve?: unknown } } | undefined;
    if (r?.action === "accept" && r.content?.approve === true)
      return done(true, `approved by the user (${why})`);
    const action = typeof r?.action === "string" ? r.action : "no valid answer";
    return done(
      false,
      `approval required (${why}); the user did not approve (${action === "accept" ? "accept without approve: true" : action})`,
    );
  }
}
