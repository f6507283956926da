import { getLimits } from "../config/limits.js";
import { YamlPolicyEngine } from "./engine.js";
import { PolicyLoadError, readPolicyText } from "./load.js";
import type { PolicyDocument } from "./schema.js";
import type { AccessRequest, Decision, PolicyEngine } from "./types.js";

/** The policy in force: document and compiled engine, swapped together. */
export interface PolicySnapshot {
  readonly engine: YamlPolicyEngine;
  readonly document: PolicyDocument;
  /** Counts successful loads, from 1. */
  readonly generation: number;
}

export type ReloadResult =
  | { ok: true; changed: boolean; snapshot: PolicySnapshot }
  | { ok: false; error: PolicyLoadError };

/**
 * Holds the policy in force and lets hot reload swap it atomically: readers take
 * `current` per message, so a new policy applies from the next message and there is
 * never a moment without one. Other parts that read their settings from the policy
 * (sanitizer, rate limits) take a getter such as `() => store.document.sanitizer` or
 * subscribe to changes.
 *
 * @example
 * const store = PolicyStore.fromFile("policy.yaml");
 * const off = store.subscribe((s) => log.info({ generation: s.generation }, "policy changed"));
 */
export class PolicyStore implements PolicyEngine {
  readonly file: string | undefined;
  readonly #forceMonitor: boolean;
  readonly #maxBytes: number | undefined;
  readonly #listeners = new Set<(snapshot: PolicySnapshot) => void>();
  #current: PolicySnapshot;
  #text: string | undefined;

  constructor(
    engine: YamlPolicyEngine,
    options: { monitor?: boolean; file?: string; text?: string; maxBytes?: number } = {},
  ) {
    this.#maxBytes = options.maxBytes;
    this.#current = { engine, document: engine.document, generation: 1 };
    this.#forceMonitor = options.monitor === true;
    this.file = options.file;
    this.#text = options.text;
  }

  /** Loads the first policy; throws PolicyLoadError when it is not valid. */
  static fromFile(
    file: string,
    options: { monitor?: boolean; maxBytes?: number } = {},
  ): PolicyStore {
    const maxBytes = options.maxBytes ?? getLimits().maxPolicyFileBytes;
    const text = readPolicyText(file, maxBytes);
    return new PolicyStore(YamlPolicyEngine.fromString(text, file), {
      file,
      text,
      maxBytes,
      ...(options.monitor !== undefined ? { monitor: options.monitor } : {}),
    });
  }

  get current(): PolicySnapshot {
    return this.#current;
  }

  get document(): PolicyDocument {
    return this.#current.document;
  }

  /** Report instead of enforce: `--monitor`, or `mode: monitor` in the policy in force. */
  get monitor(): boolean {
    return this.#forceMonitor || this.#current.document.mode === "monitor";
  }

  evaluate(request: AccessRequest): Decision {
    return this.#current.engine.evaluate(request);
  }

  /** Puts a new engine in force and tells every subscriber. */
  replace(engine: YamlPolicyEngine): PolicySnapshot {
    this.#current = {
      engine,
      document: engine.document,
      generation: this.#current.generation + 1,
    };
    for (const listener of this.#listeners) {
      try {
        listener(this.#current);
      } catch {
        // A failing subscriber must not keep the others from hearing of the change.
      }
    }
    return this.#current;
  }

  /**
   * Re-reads the policy file. A valid policy whose text changed replaces the one in
   * force; an invalid one is refused and the current policy stays.
   */
  reload(maxBytes = this.#maxBytes ?? getLimits().maxPolicyFileBytes): ReloadResult {
    if (this.file === undefined) {
      return {
        ok: false,
        error: new PolicyLoadError([
          { file: "<policy>", line: 1, col: 1, message: "this policy was not loaded from a file" },
        ]),
      };
    }
    try {
      const text = readPolicyText(this.file, maxBytes);
      if (text === this.#text) return { ok: true, changed: false, snapshot: this.#current };
      const engine = YamlPolicyEngine.fromString(text, this.file);
      this.#text = text;
      return { ok: true, changed: true, snapshot: this.replace(engine) };
    } catch (err) {
      if (err instanceof PolicyLoadError) return { ok: false, error: err };
      const message = err instanceof Error ? err.message : String(err);
      return {
        ok: false,
        error: new PolicyLoadError([{ file: this.file, line: 1, col: 1, message }]),
      };
    }
  }

  /** Calls `listener` after every change; returns a function that unsubscribes. */
  subscribe(listener: (snapshot: PolicySnapshot) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
