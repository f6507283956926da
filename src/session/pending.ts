import type { Frame } from "../pipeline/types.js";
import { idKeyFromRaw, looseIdKey } from "../protocol/jsonrpc.js";

/** A client request forwarded to the server and not yet answered. */
export interface Pending {
  rawId: string;
  method: string;
  tool?: string;
  start: number;
  /** What a response to it is told it answers (built once, at forwarding). */
  request: NonNullable<Frame["inReplyTo"]>;
}

/**
 * The open requests of both directions, keyed by id value (`idKeyFromRaw`): answers are
 * correlated by what the id means, never by how it is spelled.
 */
export class PendingRequests {
  /** Client requests forwarded to the server and not yet answered. */
  readonly #client = new Map<string, Pending>();
  /** Pending keys of ids above 2^53, by the key their double would have. */
  readonly #loose = new Map<string, string>();
  /** Server requests forwarded to the client and not yet answered. */
  readonly #server = new Set<string>();

  get size(): number {
    return this.#client.size;
  }

  get serverSize(): number {
    return this.#server.size;
  }

  /**
   * The pending key a response id answers: its exact value, or else the value a peer that
   * reads numbers as doubles would have echoed (a JS server answers 9007199254740993 as
   * …992). Requests whose ids collide that way are refused, so the fallback is unique.
   */
  keyOf(rawId: string): string {
    const key = idKeyFromRaw(rawId);
    if (this.#client.has(key)) return key;
    return this.#loose.get(looseIdKey(key)) ?? key;
  }

  get(key: string): Pending | undefined {
    return this.#client.get(key);
  }

  /**
   * The open request a response id answers, with its key, in one lookup when the id
   * is spelled as the request's was (the usual case); undefined when none is open.
   */
  find(rawId: string): { key: string; pending: Pending } | undefined {
    const key = idKeyFromRaw(rawId);
    let pending = this.#client.get(key);
    if (pending !== undefined) return { key, pending };
    const loose = this.#loose.get(looseIdKey(key));
    if (loose === undefined) return undefined;
    pending = this.#client.get(loose);
    return pending === undefined ? undefined : { key: loose, pending };
  }

  /** Forgets an open request found with find(). */
  remove(key: string): void {
    this.#client.delete(key);
    const loose = looseIdKey(key);
    if (loose !== key) this.#loose.delete(loose);
  }

  has(key: string): boolean {
    return this.#client.has(key);
  }

  /** The request a server response answers, so response checks know what it is. */
  readonly requestOf = (rawId: string): Frame["inReplyTo"] =>
    this.#client.get(this.keyOf(rawId))?.request;

  add(key: string, pending: Pending): void {
    this.#client.set(key, pending);
    const loose = looseIdKey(key);
    if (loose !== key) this.#loose.set(loose, key);
  }

  take(key: string): Pending | undefined {
    const pending = this.#client.get(key);
    if (!pending) return undefined;
    this.#client.delete(key);
    const loose = looseIdKey(key);
    if (loose !== key) this.#loose.delete(loose);
    return pending;
  }

  /** Takes every open client request (the server is gone). */
  drain(): Pending[] {
    const all = [...this.#client.values()];
    this.#client.clear();
    this.#loose.clear();
    return all;
  }

  addServer(key: string): void {
    this.#server.add(key);
  }

  /** Forgets a server request; true when it was open. */
  deleteServer(key: string): boolean {
    return this.#server.delete(key);
  }

  /** Whether a response answers an open request of the other side. */
  expected(frame: Frame): boolean {
    const rawId = frame.rawId as string;
    if (frame.direction === "server-to-client") return this.#client.has(this.keyOf(rawId));
    return this.#server.has(idKeyFromRaw(rawId));
  }

  /**
   * Whether a request reuses the id (by value, or as a double) of one still open; `key`
   * is its idKeyFromRaw, when the caller has it already.
   */
  inFlight(frame: Frame, key = idKeyFromRaw(frame.rawId as string)): boolean {
    if (frame.direction === "server-to-client") return this.#server.has(key);
    const loose = looseIdKey(key);
    return this.#client.has(key) || this.#client.has(loose) || this.#loose.has(loose);
  }
}
