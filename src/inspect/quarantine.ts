/** Why a tool is held back: which check, and a short reason naming what changed. */
export interface QuarantineEntry {
  check: string;
  reason: string;
}

/**
 * Tools hidden from tools/list by a server → client check (a changed pin, a poisoned
 * description). The client → server quarantine check refuses calls to them, so a tool
 * the client cached earlier cannot be called either.
 */
export class Quarantine {
  readonly #tools = new Map<string, Map<string, QuarantineEntry>>();

  add(tool: string, entry: QuarantineEntry): void {
    let byCheck = this.#tools.get(tool);
    if (!byCheck) {
      byCheck = new Map();
      this.#tools.set(tool, byCheck);
    }
    byCheck.set(entry.check, entry);
  }

  /** Releases a tool from one check's hold (e.g. its definition matches the pin again). */
  release(tool: string, check: string): void {
    const byCheck = this.#tools.get(tool);
    if (!byCheck) return;
    byCheck.delete(check);
    if (byCheck.size === 0) this.#tools.delete(tool);
  }

  get(tool: string): QuarantineEntry | undefined {
    return this.#tools.get(tool)?.values().next().value;
  }

  has(tool: string): boolean {
    return this.#tools.has(tool);
  }
}
