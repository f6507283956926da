/** The client's answer to a request the shim originated (Session.requestClient). */
export type ClientReply =
  | { kind: "result"; result: unknown }
  | { kind: "error"; error: unknown }
  | { kind: "timeout" };

/** Something that can send a request to the client and await its answer (the Session). */
export interface ClientChannel {
  requestClient(
    method: string,
    params: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<ClientReply>;
}

/**
 * A channel bound after construction: checks are built before the session exists, and
 * the transport binds the session when it creates it. Unbound, every request fails
 * (the caller then refuses: nothing is ever approved without a human).
 */
export class LateChannel implements ClientChannel {
  #target: ClientChannel | undefined;

  bind(target: ClientChannel): void {
    this.#target = target;
  }

  requestClient(
    method: string,
    params: Record<string, unknown>,
    timeoutMs: number,
  ): Promise<ClientReply> {
    if (!this.#target)
      return Promise.resolve({ kind: "error", error: { message: "no session to ask through" } });
    return this.#target.requestClient(method, params, timeoutMs);
  }
}
