#!/usr/bin/env node
// A throwaway authorization server for trying HTTP mode locally: makes an RSA key pair
// and mints RS256 access tokens. Never use it in production.
//   node scripts/dev-token.js init <dir>                      → <dir>/jwks.json, <dir>/private.jwk
//   node scripts/dev-token.js sign <dir> --sub alice --aud <resource> [--roles dev] [--scope "a b"]
//                                   [--iss https://auth.example.test] [--ttl 3600]
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { exportJWK, generateKeyPair, importJWK, SignJWT } from "jose";

const [command, dir, ...rest] = process.argv.slice(2);
if (!dir || (command !== "init" && command !== "sign")) {
  process.stderr.write(
    "usage: dev-token.js init <dir> | sign <dir> --sub <sub> --aud <resource> [...]\n",
  );
  process.exit(2);
}
if (command === "init") {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const kid = `dev-${Date.now()}`;
  mkdirSync(dir, { recursive: true });
  const pub = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  writeFileSync(join(dir, "jwks.json"), `${JSON.stringify({ keys: [pub] }, null, 2)}\n`);
  writeFileSync(
    join(dir, "private.jwk"),
    JSON.stringify({ ...(await exportJWK(privateKey)), kid }),
    { mode: 0o600 },
  );
  process.stderr.write(`wrote ${join(dir, "jwks.json")} and ${join(dir, "private.jwk")}\n`);
} else {
  const { values } = parseArgs({
    args: rest,
    options: {
      sub: { type: "string" },
      aud: { type: "string" },
      iss: { type: "string", default: "https://auth.example.test" },
      roles: { type: "string", default: "" },
      scope: { type: "string", default: "" },
      ttl: { type: "string", default: "3600" },
      "client-id": { type: "string", default: "dev-client" },
    },
  });
  if (!values.sub || !values.aud) {
    process.stderr.write("sign needs --sub and --aud\n");
    process.exit(2);
  }
  const jwk = JSON.parse(readFileSync(join(dir, "private.jwk"), "utf8"));
  const key = await importJWK(jwk, "RS256");
  const claims = { roles: values.roles.split(",").filter(Boolean), client_id: values["client-id"] };
  if (values.scope) claims.scope = values.scope;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: jwk.kid })
    .setSubject(values.sub)
    .setAudience(values.aud)
    .setIssuer(values.iss)
    .setIssuedAt()
    .setExpirationTime(`${Number(values.ttl)}s`)
    .sign(key);
  process.stdout.write(`${token}\n`);
}
