import type { IncomingMessage, ServerResponse } from "node:http";
import type { Logger } from "../../audit/logger.js";
import type { Limits } from "../../config/limits.js";
import type { Principal } from "../../pipeline/types.js";
import type { PostedMessage } from "./message-info.js";
import type { SessionRecord } from "./registry.js";

/** What the request handlers need from the proxy; each refusal is answered by the method. */
export interface ProxyCore {
  readonly limits: Readonly<Limits>;
  readonly logger: Logger;
  /** Authenticates, or answers 401 and returns undefined. */
  authenticate(req: IncomingMessage, res: ServerResponse): Promise<Principal | undefined>;
  /** Answers 403 insufficient_scope and returns false when the token lacks a scope the call needs. */
  checkScopes(
    res: ServerResponse,
    principal: Principal,
    posted: PostedMessage,
    session?: string,
  ): boolean;
  /** Opens a session for `principal`, or answers 503 and returns undefined. */
  openSession(principal: Principal, res: ServerResponse): SessionRecord | undefined;
  /** The caller's session by id, or answers 404 and returns undefined. */
  findSession(id: string, principal: Principal, res: ServerResponse): SessionRecord | undefined;
  endSession(record: SessionRecord): Promise<void>;
  /** Records an HTTP-level refusal in the audit log and the log. */
  denied(check: string, reason: string, principal?: Principal, session?: string): void;
}
