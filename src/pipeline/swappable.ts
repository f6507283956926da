import type { Check } from "./types.js";

/**
 * A fixed row of checks whose implementations a policy reload replaces one for one: the
 * pipeline is composed once over the slots, and each slot forwards to its current check.
 * The swap is synchronous, so there is no moment without a check in place: each check
 * judges with the configuration in force when it runs.
 */
export class SwappableChecks {
  readonly checks: readonly Check[];
  readonly #current: Check[];

  constructor(initial: readonly Check[]) {
    this.#current = [...initial];
    this.checks = this.#current.map((c, i) => ({
      name: c.name,
      inspect: (frame, ctx) => (this.#current[i] as Check).inspect(frame, ctx),
      // The check in force decides; one without a fast judgement keeps the full path.
      passesClean: (view, ctx) => (this.#current[i] as Check).passesClean?.(view, ctx) ?? false,
    }));
  }

  /** Puts `next` in force; throws (keeping the current checks) if its shape differs. */
  swap(next: readonly Check[]): void {
    const names = (l: readonly Check[]) => l.map((c) => c.name).join(",");
    if (names(next) !== names(this.#current)) {
      throw new Error(`a reload built [${names(next)}] where [${names(this.#current)}] run`);
    }
    for (let i = 0; i < next.length; i++) this.#current[i] = next[i] as Check;
  }
}
