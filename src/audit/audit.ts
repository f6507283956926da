import { pino } from "pino";

/** One line per decision on a message. */
export interface DecisionRecord {
  direction: "client-to-server" | "server-to-client";
  id?: string | number;
  method?: string;
  tool?: string;
  principal: string;
  roles: string[];
  /**
   * `allow` forwarded, `deny` refused, `would-block`: monitor mode (or a rule in monitor
   * mode) would have refused it and forwarded it instead; the check writes that row itself.
   */
  decision: "allow" | "deny" | "would-block";
  /** The check that refused (or would have), or "pipeline" when all passed. */
  check: string;
  /**
   * The rule that decided, as `mcp-aegis explain` names it: a policy rule id with its
   * `file:line:col`, `defaults.effect`, a sanitizer rule id; on allow rows `ungated` for
   * methods the policy does not gate and `monitor` for a would-block forwarded.
   */
  rule?: string;
  reason?: string;
  code?: number;
  durationMs: number;
}

/** The answer to a forwarded request, correlated by id. */
export interface ResponseRecord {
  id: string | number;
  method?: string;
  tool?: string;
  principal: string;
  outcome: "result" | "error" | "tool-error";
  rttMs: number;
}

/** Where audit records go. Swappable: the default writes JSON lines to a file. */
export interface AuditSink {
  decision(record: DecisionRecord): void;
  response(record: ResponseRecord): void;
  /** Writes out anything buffered; called before the process exits. */
  flush(): void;
}

/** Drops every record (no --audit-log). */
export const NULL_AUDIT: AuditSink = Object.freeze({ decision() {}, response() {}, flush() {} });

/** Appends one JSON line per record to `file` (created if missing), through pino's fast writer. */
export class FileAuditSink implements AuditSink {
  readonly #stream: ReturnType<typeof pino.destination>;

  constructor(file: string) {
    this.#stream = pino.destination({ dest: file, append: true, mkdir: true, sync: false });
  }

  decision(record: DecisionRecord): void {
    this.#write("decision", record);
  }

  response(record: ResponseRecord): void {
    this.#write("response", record);
  }

  #write(event: string, record: DecisionRecord | ResponseRecord): void {
    this.#stream.write(`${JSON.stringify({ time: new Date().toISOString(), event, ...record })}\n`);
  }

  flush(): void {
    try {
      this.#stream.flushSync();
    } catch {
      // Not open yet (nothing written): nothing to flush.
    }
  }
}
