import type { Principal } from "../pipeline/types.js";
import type { Authenticator } from "./types.js";

/**
 * A fixed local identity (stdio mode): the person who started the shim says who the
 * agent acts as, with `--principal` and `--roles`.
 *
 * @example new LocalAuthenticator({ principal: "developer", roles: ["dev"] })
 */
export class LocalAuthenticator implements Authenticator {
  readonly principal: Principal;

  constructor(options: { principal?: string; roles?: Iterable<string> } = {}) {
    const id = options.principal ?? "local-user";
    if (id.trim() === "")
      throw new TypeError("Expected the `principal` option to be a non-empty string");
    this.principal = Object.freeze({ id, roles: new Set(options.roles ?? []) });
  }

  authenticate(): Principal {
    return this.principal;
  }
}
