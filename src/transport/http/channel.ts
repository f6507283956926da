import type { AuditSink } from "../../audit/audit.js";
import type { Logger } from "../../audit/logger.js";
import type { Pipeline } from "../../pipeline/compose.js";
import type { Context } from "../../pipeline/types.js";
import type { ClientSink } from "./sink.js";

/** What the HTTP layer learned about a client message before relaying it. */
export interface MessageInfo {
  kind: "request" | "notification" | "response" | "other";
  /** The id exactly as written (requests and responses). */
  rawId?: string;
  method?: string;
  /** `params._meta.progressToken`, exactly as written, for routing progress. */
  progressToken?: string;
  /** The MCP-Protocol-Version header the client sent. */
  protocolVersion?: string;
}

/** One MCP session's way to its server: an upstream HTTP server, or a child of its own. */
export interface Channel {
  /** Relays one posted client message; server messages for it go to `sink`. Resolves when done. */
  post(body: Buffer, sink: ClientSink, info: MessageInfo): Promise<void>;
  /** Opens the server → client stream (Streamable HTTP GET, or the legacy stream). */
  listen(sink: ClientSink, info: { lastEventId?: string; protocolVersion?: string }): Promise<void>;
  /** Sends a message the proxy itself originates (e.g. tools/list_changed) on the server stream, if one is open. */
  notify(line: string): void;
  /** Ends the session (client DELETE); resolves with the HTTP status to answer. */
  terminate(): Promise<number>;
  /** Releases everything (proxy shutdown, session end). */
  close(): Promise<void>;
  readonly closed: boolean;
}

/** What every channel of one MCP session shares: identity, checks, logs. */
export interface ChannelContext {
  sessionId: string;
  context: Context;
  tools: Map<string, Readonly<Record<string, unknown>>>;
  clientPipeline: Pipeline;
  serverPipeline: Pipeline;
  logger: Logger;
  audit: AuditSink;
}
