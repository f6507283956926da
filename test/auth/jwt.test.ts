import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearerToken, JwtAuthenticator } from "../../src/auth/jwt.js";
import { UnauthorizedError } from "../../src/protocol/errors.js";
import { startIssuer, type TestIssuer } from "../http/helpers.js";

const RESOURCE = "https://mcp.example.com/mcp";

describe("JwtAuthenticator", () => {
  let issuer: TestIssuer;
  let auth: JwtAuthenticator;
  beforeAll(async () => {
    issuer = await startIssuer();
    auth = new JwtAuthenticator({
      jwksUri: issuer.jwksUri,
      issuer: issuer.issuer,
      resource: RESOURCE,
      rolesClaim: "realm.roles",
    });
  });
  afterAll(() => issuer.close());

  it("maps sub, a nested roles claim, scope and scp, and the client id", async () => {
    const token = await issuer.sign({
      sub: "alice",
      aud: [RESOURCE, "other"],
      realm: { roles: ["dev", "ops"] },
      scope: "read write",
      scp: ["math"],
      azp: "cli-7",
    });
    const p = await auth.authenticate({ authorization: `Bearer ${token}` });
    expect(p.id).toBe("alice");
    expect([...p.roles]).toEqual(["dev", "ops"]);
    expect([...(p.scopes ?? [])].sort()).toEqual(["math", "read", "write"]);
    expect(p.attributes?.clientId).toBe("cli-7");
  });

  it("compares the audience as a canonical URI (RFC 8707)", async () => {
    const token = await issuer.sign({ sub: "a", aud: "HTTPS://MCP.Example.com:443/mcp" });
    await expect(auth.authenticate({ authorization: `Bearer ${token}` })).resolves.toMatchObject({
      id: "a",
    });
    const other = await issuer.sign({ sub: "a", aud: "https://mcp.example.com/mcp2" });
    await expect(auth.authenticate({ authorization: `Bearer ${other}` })).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
  });

  it("tolerates a little clock skew but not more", async () => {
    const now = Math.floor(Date.now() / 1000);
    const skewed = await issuer.sign({ sub: "a", aud: RESOURCE }, { exp: now - 5 });
    await expect(auth.authenticate({ authorization: `Bearer ${skewed}` })).resolves.toBeDefined();
    const expired = await issuer.sign({ sub: "a", aud: RESOURCE }, { exp: now - 120 });
    await expect(auth.authenticate({ authorization: `Bearer ${expired}` })).rejects.toThrow(
      /expired/,
    );
  });

  it("refuses tokens without a subject, and missing or non-bearer headers", async () => {
    const noSub = await issuer.sign({ aud: RESOURCE });
    await expect(auth.authenticate({ authorization: `Bearer ${noSub}` })).rejects.toBeInstanceOf(
      UnauthorizedError,
    );
    await expect(auth.authenticate({})).rejects.toThrow(/no bearer token/);
    await expect(auth.authenticate({ authorization: "Basic YTpi" })).rejects.toThrow(
      /not a bearer token/,
    );
  });

  it("refetches the JWKS on an unknown kid, at most once per cooldown", async () => {
    const other = await generateKeyPair("RS256");
    const before = issuer.fetches();
    for (let i = 0; i < 5; i++) {
      const token = await new SignJWT({ sub: "a", aud: RESOURCE })
        .setProtectedHeader({ alg: "RS256", kid: `unknown-${i}` })
        .setIssuer(issuer.issuer)
        .setExpirationTime("5m")
        .sign(other.privateKey);
      await expect(auth.authenticate({ authorization: `Bearer ${token}` })).rejects.toThrow(
        /no key matches/,
      );
    }
    expect(issuer.fetches() - before).toBeLessThanOrEqual(1);
  });

  it("refuses `none` and HS* algorithms in its configuration", () => {
    const base = { jwks: { keys: [] }, issuer: "https://as", resource: RESOURCE };
    expect(() => new JwtAuthenticator({ ...base, algorithms: ["none"] })).toThrow(/Refusing/);
    expect(() => new JwtAuthenticator({ ...base, algorithms: ["RS256", "HS256"] })).toThrow(
      /Refusing/,
    );
    expect(() => new JwtAuthenticator({ ...base, algorithms: [] })).toThrow(TypeError);
    expect(() => new JwtAuthenticator({ issuer: "x", resource: RESOURCE })).toThrow(/exactly one/);
  });

  it("accepts another asymmetric algorithm when configured (ES256 from a JWKS object)", async () => {
    const { publicKey, privateKey } = await generateKeyPair("ES256");
    const jwk = { ...(await exportJWK(publicKey)), kid: "e1", alg: "ES256" };
    const es = new JwtAuthenticator({
      jwks: { keys: [jwk] },
      issuer: "https://as",
      resource: RESOURCE,
      algorithms: ["ES256"],
    });
    const token = await new SignJWT({ sub: "b", aud: RESOURCE })
      .setProtectedHeader({ alg: "ES256", kid: "e1" })
      .setIssuer("https://as")
      .setExpirationTime("1m")
      .sign(privateKey);
    await expect(es.authenticate({ authorization: `Bearer ${token}` })).resolves.toMatchObject({
      id: "b",
    });
    // The default list (RS256 only) refuses the same token.
    const rsOnly = new JwtAuthenticator({
      jwks: { keys: [jwk] },
      issuer: "https://as",
      resource: RESOURCE,
    });
    await expect(rsOnly.authenticate({ authorization: `Bearer ${token}` })).rejects.toThrow(
      /algorithm/,
    );
  });

  it("bearerToken reads only well-formed bearer headers of bounded length", () => {
    expect(bearerToken("Bearer abc.def-_~+/=")).toBe("abc.def-_~+/=");
    expect(bearerToken("bearer  x")).toBe("x");
    expect(bearerToken("Bearer a b")).toBeUndefined();
    expect(bearerToken(`Bearer ${"a".repeat(20_000)}`)).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
