import type { Principal } from "../pipeline/types.js";

/** What a transport knows about a caller before authentication (HTTP headers, etc.). */
export interface AuthInput {
  /** The `Authorization` header value, when the transport has one. */
  authorization?: string;
  headers?: Readonly<Record<string, string | string[] | undefined>>;
}

/** Swappable identity source: answers "who is asking?". */
export interface Authenticator {
  authenticate(input: AuthInput): Principal | Promise<Principal>;
}
