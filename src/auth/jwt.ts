import { readFileSync } from "node:fs";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import type { Principal } from "../pipeline/types.js";
import { UnauthorizedError } from "../protocol/errors.js";
import { canonicalResourceUri, tryCanonicalResourceUri } from "./resource-uri.js";
import type { Authenticator, AuthInput } from "./types.js";

export interface JwtAuthenticatorOptions {
  /** JWKS endpoint of the authorization server (fetched, cached, refetched on an unknown `kid`). */
  jwksUri?: string | URL;
  /** A JWKS document on disk, read once (an alternative to `jwksUri`). */
  jwksFile?: string;
  /** A JWKS object (library use, tests). */
  jwks?: JSONWebKeySet;
  /** Expected `iss`. */
  issuer: string;
  /** This server's canonical resource URI: the token's `aud` must name it (RFC 8707). */
  resource: string;
  /** Accepted signature algorithms (default RS256). `none` and HS* are always refused. */
  algorithms?: readonly string[];
  /** Claim holding the caller's roles (default `roles`). */
  rolesClaim?: string;
  /** Leeway for `exp`/`nbf` in seconds (default 30). */
  clockToleranceSec?: number;
  /** Min seconds between JWKS refetches triggered by unknown `kid`s (default 30). */
  jwksCooldownSec?: number;
  /** Timeout of one JWKS fetch in milliseconds (default 5000). */
  jwksTimeoutMs?: number;
}

/** Longest `Authorization` value considered; a longer one is refused before any parsing. */
const MAX_TOKEN_CHARS = 16 * 1024;
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

/** The bearer token of an `Authorization` header, or undefined when there is none usable. */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined || header.length > MAX_TOKEN_CHARS) return undefined;
  return BEARER.exec(header)?.[1];
}

function validateAlgorithms(list: readonly string[]): string[] {
  if (list.length === 0) throw new TypeError("Expected at least one JWT algorithm, got none");
  for (const alg of list) {
    // Symmetric algorithms with a public key are the classic confusion attack; `none` is no signature.
    if (alg.toLowerCase() === "none" || /^HS/i.test(alg)) {
      throw new TypeError(
        `Refusing the JWT algorithm "${alg}": only asymmetric algorithms are accepted`,
      );
    }
  }
  return [...list];
}

function stringList(value: unknown): string[] {
  if (typeof value === "string") return value.split(/[\s,]+/).filter((s) => s !== "");
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === "string" && v !== "");
  return [];
}

/** Reads a claim by name, or by a dotted path (`realm_access.roles`) when no flat claim has that name. */
function claim(payload: JWTPayload, name: string): unknown {
  if (name in payload) return payload[name];
  let node: unknown = payload;
  for (const part of name.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Short, safe reason for a failed verification (jose's codes; never the token). */
function reasonOf(err: unknown): string {
  const code = (err as { code?: unknown })?.code;
  switch (code) {
    case "ERR_JWT_EXPIRED":
      return "the token has expired";
    case "ERR_JWT_CLAIM_VALIDATION_FAILED":
      return `the token's "${(err as { claim?: string }).claim ?? "?"}" claim is not valid`;
    case "ERR_JWKS_NO_MATCHING_KEY":
      return "no key matches the token's key id";
    case "ERR_JOSE_ALG_NOT_ALLOWED":
      return "the token's algorithm is not accepted";
    case "ERR_JWS_SIGNATURE_VERIFICATION_FAILED":
      return "the token's signature is not valid";
    case "ERR_JWKS_TIMEOUT":
    case "ERR_JOSE_GENERIC":
      return "the signing keys could not be fetched";
    default:
      return "the token is malformed or not valid";
  }
}

/**
 * OAuth 2.1 bearer-token authenticator (HTTP mode): verifies a JWT's signature against
 * the authorization server's JWKS, its issuer, its validity window and its audience
 * (this server's canonical resource URI), then maps `sub` to the principal, a roles
 * claim to roles and `scope`/`scp` to scopes. Throws UnauthorizedError on any failure.
 *
 * @example
 * const auth = new JwtAuthenticator({ jwksUri: "https://auth.example.com/jwks.json",
 *   issuer: "https://auth.example.com", resource: "https://mcp.example.com/mcp" });
 */
export class JwtAuthenticator implements Authenticator {
  readonly issuer: string;
  readonly resource: string;
  readonly algorithms: readonly string[];
  readonly #keys: JWTVerifyGetKey;
  readonly #rolesClaim: string;
  readonly #leeway: number;

  constructor(o: JwtAuthenticatorOptions) {
    const sources = [o.jwksUri, o.jwksFile, o.jwks].filter((s) => s !== undefined).length;
    if (sources !== 1) {
      throw new TypeError(
        `Expected exactly one of the \`jwksUri\`, \`jwksFile\` and \`jwks\` options, got ${sources}`,
      );
    }
    if (typeof o.issuer !== "string" || o.issuer === "") {
      throw new TypeError(
        `Expected the \`issuer\` option to be a non-empty string, got ${JSON.stringify(o.issuer)}`,
      );
    }
    this.issuer = o.issuer;
    this.resource = canonicalResourceUri(o.resource);
    this.algorithms = validateAlgorithms(o.algorithms ?? ["RS256"]);
    this.#rolesClaim = o.rolesClaim ?? "roles";
    this.#leeway = o.clockToleranceSec ?? 30;
    if (o.jwksUri !== undefined) {
      this.#keys = createRemoteJWKSet(new URL(o.jwksUri), {
        cooldownDuration: (o.jwksCooldownSec ?? 30) * 1000,
        timeoutDuration: o.jwksTimeoutMs ?? 5000,
      });
    } else {
      const jwks =
        o.jwks ?? (JSON.parse(readFileSync(o.jwksFile as string, "utf8")) as JSONWebKeySet);
      if (!Array.isArray(jwks?.keys))
        throw new TypeError("Expected a JWKS document with a `keys` array");
      this.#keys = createLocalJWKSet(jwks);
    }
  }

  async authenticate(input: AuthInput): Promise<Principal> {
    const token = bearerToken(input.authorization);
    if (token === undefined) {
      throw new UnauthorizedError(
        input.authorization === undefined
          ? "no bearer token"
          : "the Authorization header is not a bearer token",
        { missing: input.authorization === undefined },
      );
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#keys, {
        issuer: this.issuer,
        algorithms: [...this.algorithms],
        clockTolerance: this.#leeway,
        requiredClaims: ["exp", "sub", "aud"],
      }));
    } catch (err) {
      throw new UnauthorizedError(reasonOf(err), { cause: (err as { code?: string })?.code });
    }
    // Audience by canonical comparison (RFC 8707): jose would only compare exact strings.
    const audiences = stringList(payload.aud).map(tryCanonicalResourceUri);
    if (!audiences.includes(this.resource)) {
      throw new UnauthorizedError("the token is not meant for this resource (audience)");
    }
    const sub = payload.sub;
    if (typeof sub !== "string" || sub === "")
      throw new UnauthorizedError("the token names no subject");
    const scopes = new Set([...stringList(payload.scope), ...stringList(payload.scp)]);
    const attributes: Record<string, string> = { issuer: this.issuer };
    const clientId = payload.client_id ?? payload.azp;
    if (typeof clientId === "string") attributes.clientId = clientId;
    return Object.freeze({
      id: sub,
      roles: new Set(stringList(claim(payload, this.#rolesClaim))),
      scopes,
      attributes: Object.freeze(attributes),
    });
  }
}
