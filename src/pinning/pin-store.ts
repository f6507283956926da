import { hashOf, pinnedView } from "./canonical.js";
import { diffText, diffTools } from "./diff.js";
import {
  type PinFile,
  pinFileMtime,
  readPinFile,
  type ServerPins,
  writePinFile,
} from "./pin-file.js";

export type PinStatus =
  | { status: "same" }
  | { status: "unpinned" }
  | { status: "changed"; diff: string };

type Tool = Readonly<Record<string, unknown>>;

/**
 * The pins of one server in a pin file shared by several. Re-reads the file when it
 * changes on disk (so `mcp-aegis pin --update` takes effect without a restart) and
 * writes with read-modify-write, so other servers' entries are kept.
 */
export class PinStore {
  readonly file: string;
  readonly key: string;
  readonly #onWriteError: (err: unknown) => void;
  #pins: ServerPins | undefined;
  #mtime = -1;

  constructor(file: string, key: string, onWriteError: (err: unknown) => void = () => {}) {
    this.file = file;
    this.key = key;
    this.#onWriteError = onWriteError;
    this.#refresh();
  }

  #refresh(): void {
    const mtime = pinFileMtime(this.file);
    if (mtime === this.#mtime) return;
    this.#mtime = mtime;
    this.#pins = readPinFile(this.file).servers[this.key];
  }

  #update(change: (pins: ServerPins) => ServerPins): void {
    let doc: PinFile;
    try {
      doc = readPinFile(this.file);
    } catch {
      doc = { version: 1, servers: {} };
    }
    const next = change({ ...(doc.servers[this.key] ?? {}) });
    next.pinnedAt = new Date().toISOString();
    this.#pins = next;
    doc.servers[this.key] = next;
    try {
      writePinFile(this.file, doc);
      this.#mtime = pinFileMtime(this.file);
    } catch (err) {
      // Pins still hold for this run, in memory.
      this.#onWriteError(err);
    }
  }

  /** Whether this server's tools were ever pinned. */
  hasTools(): boolean {
    this.#refresh();
    return this.#pins?.tools !== undefined;
  }

  toolNames(): string[] {
    this.#refresh();
    return Object.keys(this.#pins?.tools ?? {});
  }

  checkTool(tool: Tool): PinStatus {
    this.#refresh();
    const pinned = this.#pins?.tools?.[String(tool.name)];
    if (!pinned) return { status: "unpinned" };
    const view = pinnedView(tool);
    if (hashOf(view) === pinned.hash) return { status: "same" };
    return { status: "changed", diff: diffTools(pinned.definition, view) };
  }

  /** Pins these tools (adding to or replacing what is pinned); `replaceAll` drops the others. */
  pinTools(tools: readonly Tool[], replaceAll = false): void {
    this.#update((pins) => {
      const out = replaceAll ? {} : { ...(pins.tools ?? {}) };
      for (const t of tools) {
        const view = pinnedView(t);
        out[String(t.name)] = { hash: hashOf(view), definition: view };
      }
      return { ...pins, tools: out };
    });
  }

  checkInstructions(text: string | undefined): PinStatus {
    this.#refresh();
    const pinned = this.#pins?.instructions;
    if (pinned === undefined) return { status: "unpinned" };
    if (pinned === null)
      return text === undefined
        ? { status: "same" }
        : { status: "changed", diff: diffText(undefined, text) };
    if (text !== undefined && hashOf(text) === pinned.hash) return { status: "same" };
    return { status: "changed", diff: diffText(pinned.text, text) };
  }

  pinInstructions(text: string | undefined): void {
    this.#update((pins) => ({
      ...pins,
      instructions: text === undefined ? null : { hash: hashOf(text), text },
    }));
  }
}
