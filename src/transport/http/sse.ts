/** One Server-Sent Event, as parsed or to be written. */
export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
  retry?: number;
}

/** An event whose data grew past the limit: only its head is kept (for the id). */
export interface OversizeSseEvent {
  oversize: true;
  id?: string;
  head: string;
  bytes: number;
}

const HEAD_CHARS = 64 * 1024;

/**
 * Incremental `text/event-stream` parser (WHATWG rules: lines end in CRLF, LF or CR;
 * `data` lines join with LF; a blank line dispatches). Bounded: a line or an event
 * longer than `maxEventBytes` is not buffered; it comes out as an OversizeSseEvent so the
 * session can still answer its id. Multi-byte characters across chunks decode intact.
 */
export class SseParser {
  readonly #max: number;
  readonly #decoder = new TextDecoder("utf-8");
  #buf = "";
  #data: string[] = [];
  #dataChars = 0;
  #id: string | undefined;
  #event: string | undefined;
  #retry: number | undefined;
  #oversize: { head: string; bytes: number } | undefined;

  constructor(maxEventBytes: number) {
    this.#max = maxEventBytes;
  }

  push(chunk: Uint8Array): Array<SseEvent | OversizeSseEvent> {
    this.#buf += this.#decoder.decode(chunk, { stream: true });
    return this.#drain(false);
  }

  end(): Array<SseEvent | OversizeSseEvent> {
    this.#buf += this.#decoder.decode();
    return this.#drain(true);
  }

  #drain(final: boolean): Array<SseEvent | OversizeSseEvent> {
    const out: Array<SseEvent | OversizeSseEvent> = [];
    let start = 0;
    const buf = this.#buf;
    for (;;) {
      let end = -1;
      for (let i = start; i < buf.length; i++) {
        const c = buf.charCodeAt(i);
        if (c === 10 || c === 13) {
          end = i;
          break;
        }
      }
      if (end === -1) break;
      // A CR at the very end may be the first half of a CRLF: wait for the next chunk.
      if (buf.charCodeAt(end) === 13 && end === buf.length - 1 && !final) break;
      const line = buf.slice(start, end);
      start = end + (buf.charCodeAt(end) === 13 && buf.charCodeAt(end + 1) === 10 ? 2 : 1);
      const ev = this.#line(line);
      if (ev) out.push(ev);
    }
    this.#buf = buf.slice(start);
    if (this.#buf.length > this.#max) {
      // A line that never ends: keep only what identifies it, count the rest.
      this.#spill(this.#buf);
      this.#buf = "";
    }
    return out;
  }

  #spill(text: string): void {
    const o = this.#oversize ?? { head: this.#data.join("\n"), bytes: this.#dataChars };
    if (o.head.length < HEAD_CHARS) o.head += text.slice(0, HEAD_CHARS - o.head.length);
    o.bytes += text.length;
    this.#oversize = o;
    this.#data = [];
  }

  #line(line: string): SseEvent | OversizeSseEvent | undefined {
    if (line === "") return this.#dispatch();
    if (line.startsWith(":")) return undefined;
    const colon = line.indexOf(":");
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? "" : line.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "data") {
      if (this.#oversize) {
        this.#spill(`\n${value}`);
        return undefined;
      }
      this.#data.push(value);
      this.#dataChars += value.length + 1;
      if (this.#dataChars > this.#max) this.#spill("");
    } else if (field === "id" && !value.includes("\0")) this.#id = value;
    else if (field === "event") this.#event = value;
    else if (field === "retry" && /^\d+$/.test(value)) this.#retry = Number(value);
    return undefined;
  }

  #dispatch(): SseEvent | OversizeSseEvent | undefined {
    const id = this.#id;
    const event = this.#event;
    const retry = this.#retry;
    const data = this.#data;
    const oversize = this.#oversize;
    // Ids are relayed where the upstream wrote them, so the client's own last-id logic holds.
    this.#id = undefined;
    this.#event = undefined;
    this.#retry = undefined;
    this.#data = [];
    this.#dataChars = 0;
    this.#oversize = undefined;
    if (oversize)
      return {
        oversize: true,
        head: oversize.head,
        bytes: oversize.bytes,
        ...(id !== undefined ? { id } : {}),
      };
    if (data.length === 0) {
      // An event with no data (e.g. a priming event carrying only an id or retry) still moves the id.
      return id !== undefined || retry !== undefined
        ? {
            data: "",
            ...(id !== undefined ? { id } : {}),
            ...(retry !== undefined ? { retry } : {}),
          }
        : undefined;
    }
    const ev: SseEvent = { data: data.join("\n") };
    if (id !== undefined) ev.id = id;
    if (event !== undefined) ev.event = event;
    if (retry !== undefined) ev.retry = retry;
    return ev;
  }
}

/** Serialises one event; data with line breaks becomes several `data:` lines. */
export function formatSseEvent(ev: SseEvent): string {
  let out = "";
  if (ev.event !== undefined) out += `event: ${ev.event}\n`;
  if (ev.id !== undefined) out += `id: ${ev.id}\n`;
  if (ev.retry !== undefined) out += `retry: ${ev.retry}\n`;
  for (const line of ev.data.split(/\r\n|\r|\n/)) out += `data: ${line}\n`;
  return `${out}\n`;
}
