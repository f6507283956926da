import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { findSecrets, redactSecrets, SECRET_DETECTORS } from "../../src/secrets/detectors.js";
import { shannonEntropy } from "../../src/secrets/entropy.js";
import { compileGlobs } from "../../src/secrets/glob.js";

const UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const LOWER = "abcdefghijklmnopqrstuvwxyz";
const DIGITS = "0123456789";
const ALNUM = UPPER + LOWER + DIGITS;
const B64 = `${ALNUM}+/`;
const HEX = "0123456789abcdef";

/** Deterministic random-looking text: real credentials are random, so fakes must be too. */
function rand(alphabet: string, n: number, seed: string): string {
  let out = "";
  for (let i = 0; out.length < n; i++) {
    for (const b of createHash("sha256").update(`${seed}:${i}`).digest()) {
      if (out.length < n) out += alphabet[b % alphabet.length];
    }
  }
  return out;
}

const pemBody = (seed: string) =>
  Array.from({ length: 6 }, (_, i) => rand(B64, 64, `${seed}${i}`)).join("\n");
const AWS_SECRET = rand(B64, 40, "aws-secret");
const JWT = `eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ.${rand(`${ALNUM}_-`, 43, "jwt")}`;

/**
 * Per credential family: texts that hold one (the secret must disappear) and texts of the
 * same shape that do not (low entropy, placeholders, wrong length, hashes).
 */
const FAMILIES: Record<string, { hits: string[]; misses: string[] }> = {
  "private-key": {
    hits: [
      `-----BEGIN RSA PRIVATE KEY-----\n${pemBody("rsa")}\n-----END RSA PRIVATE KEY-----`,
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${pemBody("ssh")}\n-----END OPENSSH PRIVATE KEY-----`,
      `-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2\n\n${pemBody("pgp")}\n-----END PGP PRIVATE KEY BLOCK-----`,
      // A GCP service-account key file, as a tool would read it (newlines escaped in JSON).
      `{"type": "service_account", "private_key_id": "${rand(HEX, 40, "said")}", "private_key": "-----BEGIN PRIVATE KEY-----\\n${pemBody("gcp").replace(/\n/g, "\\n")}\\n-----END PRIVATE KEY-----\\n"}`,
    ],
    misses: [
      'const HEADER = "-----BEGIN RSA PRIVATE KEY-----";',
      "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----",
    ],
  },
  "putty-private-key": {
    hits: [
      `PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nPublic-Lines: 2\n${rand(B64, 64, "pp")}\nPrivate-Lines: 1\n${rand(B64, 64, "pk")}`,
    ],
    misses: ["PuTTY-User-Key-File-3 is the format version"],
  },
  "aws-access-key-id": {
    hits: [`AKIA${rand("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16, "akia")}`, "ASIAY34FZKBOKMUTVV7A"],
    misses: ["AKIAAAAAAAAAAAAAAAAA", "AKIA1234567890123456", `akia${rand(LOWER, 16, "x")}`],
  },
  "aws-secret-access-key": {
    hits: [
      `aws_secret_access_key = ${AWS_SECRET}`,
      // The issue's case: the secret after the bare word `secret`.
      `secret: ${AWS_SECRET}`,
      `"SecretAccessKey": "${AWS_SECRET}"`,
    ],
    misses: [`secret: ${"a1".repeat(20)}`, `secret_name: ${AWS_SECRET}`],
  },
  "google-api-key": {
    hits: [`AIza${rand(`${ALNUM}_-`, 35, "gapi")}`],
    misses: [`AIza${"a".repeat(35)}`, `AIza${rand(ALNUM, 20, "short")}`],
  },
  "gcp-oauth-client-secret": {
    hits: [`GOCSPX-${rand(`${ALNUM}_-`, 28, "gocspx")}`],
    misses: ["GOCSPX-short"],
  },
  "azure-storage-key": {
    hits: [
      `DefaultEndpointsProtocol=https;AccountName=acct;EndpointSuffix=core.windows.net;AccountKey=${rand(B64, 86, "azk")}==`,
    ],
    misses: ["AccountKey=<your-account-key>", `AccountKey=${"A".repeat(86)}==`],
  },
  "azure-shared-access-key": {
    hits: [
      `Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=${rand(B64, 43, "sak")}=`,
    ],
    misses: ["SharedAccessKeyName=RootManageSharedAccessKey"],
  },
  "azure-sas-token": {
    hits: [
      `https://acct.blob.core.windows.net/c/b.txt?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-12-31&sig=${rand(ALNUM, 44, "sig")}%3D`,
    ],
    misses: ["https://example.com/?sig=short", `?sig=${"A".repeat(44)}`],
  },
  "azure-ad-client-secret": {
    hits: [`client_secret: ${rand(ALNUM, 3, "ad1")}8Q~${rand(`${ALNUM}_~.-`, 34, "ad2")}`],
    misses: ["Q~ is a tilde", `abc8Q~${"a".repeat(34)}`],
  },
  "github-token": {
    hits: [`ghp_${rand(ALNUM, 36, "ghp")}`, `github_pat_${rand(`${ALNUM}_`, 82, "ghfg")}`],
    misses: [`ghp_${"a".repeat(36)}`, `ghp_${rand(ALNUM, 20, "s")}`],
  },
  "gitlab-token": {
    hits: [`glpat-${rand(`${ALNUM}_-`, 20, "glpat")}`, `glrt-${rand(ALNUM, 24, "glrt")}`],
    misses: [`glpat-${"x".repeat(20)}`, "glpat-short"],
  },
  "slack-token": {
    hits: [
      `xoxb-${rand(DIGITS, 12, "sb1")}-${rand(DIGITS, 12, "sb2")}-${rand(ALNUM, 24, "sb3")}`,
      `xapp-1-A${rand(UPPER + DIGITS, 10, "xa1")}-${rand(DIGITS, 13, "xa2")}-${rand(LOWER + DIGITS, 64, "xa3")}`,
    ],
    misses: ["xoxb-not-a-token", "xoxb-"],
  },
  "slack-webhook": {
    hits: [
      `https://hooks.slack.com/services/T${rand(UPPER, 8, "t")}/B${rand(UPPER, 8, "b")}/${rand(ALNUM, 24, "w")}`,
    ],
    misses: ["https://hooks.slack.com/ is where webhooks live"],
  },
  "stripe-key": {
    hits: [`sk_live_${rand(ALNUM, 24, "sk")}`, `rk_test_${rand(ALNUM, 24, "rk")}`],
    misses: [`sk_live_${"0".repeat(24)}`, `pk_live_${rand(ALNUM, 24, "pk")}`],
  },
  "stripe-webhook-secret": {
    hits: [`whsec_${rand(ALNUM, 32, "whsec")}`],
    misses: ["whsec_short"],
  },
  "anthropic-api-key": {
    hits: [`sk-ant-api03-${rand(`${ALNUM}_-`, 93, "ant")}AA`],
    misses: ["sk-ant-api03-short"],
  },
  "openai-api-key": {
    hits: [
      `sk-proj-${rand(`${ALNUM}_-`, 58, "oa1")}T3BlbkFJ${rand(`${ALNUM}_-`, 58, "oa2")}`,
      `sk-${rand(ALNUM, 20, "oa3")}T3BlbkFJ${rand(ALNUM, 20, "oa4")}`,
    ],
    misses: ["sk-proj-short", "sk-1234"],
  },
  "groq-api-key": { hits: [`gsk_${rand(ALNUM, 52, "gsk")}`], misses: [`gsk_${"a".repeat(52)}`] },
  "perplexity-api-key": {
    hits: [`pplx-${rand(ALNUM, 48, "pplx")}`],
    misses: [`pplx-${"ab".repeat(24)}`],
  },
  "huggingface-token": {
    hits: [`hf_${rand(UPPER + LOWER, 34, "hf")}`],
    misses: ["hf_hub_download", `hf_${"a".repeat(34)}`],
  },
  "npm-token": {
    hits: [`//registry.npmjs.org/:_authToken=npm_${rand(ALNUM, 36, "npm")}`],
    misses: ["npm_config_cache", `npm_${"A".repeat(36)}`],
  },
  "pypi-token": {
    hits: [`pypi-AgEIcHlwaS5vcmc${rand(`${ALNUM}_-`, 70, "pypi")}`],
    misses: ["pypi-AgEIcHlwaS5vcmc"],
  },
  "docker-hub-token": {
    hits: [`dckr_pat_${rand(`${ALNUM}_-`, 27, "dckr")}`],
    misses: ["dckr_pat_"],
  },
  "sendgrid-api-key": {
    hits: [`SG.${rand(`${ALNUM}_-`, 22, "sg1")}.${rand(`${ALNUM}_-`, 43, "sg2")}`],
    misses: ["SG.example"],
  },
  "twilio-api-key": {
    hits: [`SK${rand(HEX, 32, "tw")}`],
    misses: [`SK${"0".repeat(32)}`, `TASK${rand(HEX, 32, "tw")}`],
  },
  "digitalocean-token": {
    hits: [`dop_v1_${rand(HEX, 64, "do")}`],
    misses: [`dop_v1_${"0".repeat(64)}`],
  },
  "shopify-token": { hits: [`shpat_${rand(HEX, 32, "shp")}`], misses: ["shpat_"] },
  "databricks-token": {
    hits: [`dapi${rand(HEX, 32, "dapi")}`],
    misses: [`dapi${"0".repeat(32)}`, "dapiNotAToken"],
  },
  "vault-token": { hits: [`hvs.${rand(`${ALNUM}_-`, 95, "hvs")}`], misses: ["hvs.short"] },
  "linear-api-key": { hits: [`lin_api_${rand(ALNUM, 40, "lin")}`], misses: ["lin_api_"] },
  "grafana-token": {
    hits: [`glsa_${rand(ALNUM, 32, "glsa")}_${rand(HEX, 8, "glsa2")}`],
    misses: ["glsa_short"],
  },
  "age-secret-key": {
    hits: [`AGE-SECRET-KEY-1${rand("QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L", 58, "age")}`],
    misses: ["AGE-SECRET-KEY-1 is the prefix"],
  },
  jwt: {
    hits: [JWT, `Cookie: session=${JWT}; Path=/`],
    misses: ["eyJhbGciOiJIUzI1NiJ9", "eyJ.eyJ.sig"],
  },
  "connection-string": {
    hits: [
      "postgres://app:Zx9kLm2Qp7vB@db.internal:5432/prod",
      `mongodb+srv://admin:${rand(ALNUM, 16, "mongo")}@cluster0.abcde.mongodb.net/test`,
      "redis://:S3cr3tRedisPw@cache:6379/0",
      "mysql://root:t0ps3cret!@127.0.0.1:3306/app",
      "amqp://guest:gU3st-pw9@rabbit:5672/",
      "Server=db;Database=app;User Id=sa;Password=hunter22;",
    ],
    misses: [
      "postgres://localhost:5432/app",
      "jdbc:postgresql://db:5432/app?user=x",
      "postgres://user:password@localhost/db",
      `redis://:\${REDIS_PASSWORD}@cache:6379`,
      "mysql://root:<password>@db/app",
      `Password=\${DB_PASSWORD};`,
    ],
  },
  "basic-auth-url": {
    hits: ["https://deploy:Gh7kLp2xQz9@git.example.com/repo.git"],
    misses: ["https://user:pass@example.com/", "https://example.com:8443/path"],
  },
  "authorization-header": {
    hits: [
      `Authorization: Bearer ${rand(`${ALNUM}._-`, 40, "bearer")}`,
      `"authorization": "Basic ${Buffer.from("admin:Zx9kLm2Qp7").toString("base64")}"`,
    ],
    misses: ["Authorization: Bearer <token>", `Authorization: Bearer \${TOKEN}`],
  },
  password: {
    hits: ["export DB_PASSWORD=hunter22", 'password: "c0rrect-h0rse"', "PGPASSWORD='Tr0ub4dor&3x'"],
    misses: [
      "password: string",
      "password = req.body.password",
      'password: "********"',
      `password=\${PASSWORD}`,
      "passwordMinLength: 12",
      'password: "password"',
    ],
  },
  "generic-secret": {
    hits: [
      `api_key = "${rand(ALNUM, 32, "gen1")}"`,
      `SECRET_KEY=${rand(`${ALNUM}-_`, 50, "django")}`,
      `"client_secret": "${rand(HEX, 40, "oauth")}"`,
      `auth_token: ${rand(ALNUM, 24, "tok")}`,
      `credentials = '${rand(B64, 32, "cred")}'`,
      `https://api.example.com/v1?apikey=${rand(ALNUM, 32, "qs")}&q=1`,
    ],
    misses: [
      "API_KEY=your-api-key-here",
      "api_version: 2023-01-01",
      `"key": "${rand(HEX, 40, "cachekey")}"`,
      `"primary_key": "${rand(ALNUM, 20, "pk")}"`,
      "token: generateToken(user.id)",
      "const apiKey = process.env.API_KEY;",
      `"max_tokens": 4096`,
      `key: "${["3f2b6c1e", "9a4d", "4b7e", "8f0a", "1c2d3e4f5a6b"].join("-")}"`,
      "keyboard: QWERTYUIOP123",
      "secret_name: prod-db-credentials-2024",
    ],
  },
};

describe("secret detectors, per credential family", () => {
  it("has a family for every detector type", () => {
    expect(new Set(Object.keys(FAMILIES))).toEqual(new Set(SECRET_DETECTORS.map((d) => d.type)));
  });

  for (const [type, { hits, misses }] of Object.entries(FAMILIES)) {
    it(`${type}: found and redacted`, () => {
      for (const hit of hits) {
        const text = `before ${hit} after`;
        expect(findSecrets(text), hit).toContain(type);
        const r = redactSecrets(text);
        expect(r.text, hit).toContain(`[REDACTED:${type}]`);
        expect(r.types).toContain(type);
        // The secret's tail is gone, the surrounding text stays.
        expect(r.text).not.toContain(hit.replace(/[\s"';]+$/, "").slice(-10));
        expect(r.text.startsWith("before ")).toBe(true);
        expect(r.text.endsWith(" after")).toBe(true);
      }
    });
    it(`${type}: look-alikes are left alone`, () => {
      for (const miss of misses)
        expect(findSecrets(`before ${miss} after`), miss).not.toContain(type);
    });
  }

  it("every detector's anchor is in every match of its pattern (the fast path is exact)", () => {
    const texts = Object.values(FAMILIES).flatMap((f) => [...f.hits, ...f.misses]);
    for (const d of SECRET_DETECTORS) {
      for (const t of texts) {
        for (const m of t.matchAll(new RegExp(d.pattern.source, d.pattern.flags))) {
          expect(d.anchor.test(m[0]), `${d.type} in ${m[0]}`).toBe(true);
        }
      }
    }
  });

  it("keeps the name of a keyword credential: only the value is redacted", () => {
    expect(redactSecrets(`secret: ${AWS_SECRET}`).text).toBe(
      "secret: [REDACTED:aws-secret-access-key]",
    );
    expect(redactSecrets("export DB_PASSWORD=hunter22").text).toBe(
      "export DB_PASSWORD=[REDACTED:password]",
    );
  });

  it("names each occurrence once, by its most specific detector", () => {
    const text = `aws_access_key_id=AKIAY34FZKBOKMUTVV7A\naws_secret_access_key=${AWS_SECRET}\ntoken=ghp_${rand(ALNUM, 36, "ghp")}`;
    expect(findSecrets(text)).toEqual([
      "aws-access-key-id",
      "aws-secret-access-key",
      "github-token",
    ]);
    expect(redactSecrets(text).text).not.toMatch(/AKIA|ghp_/);
  });

  it("hides a private key cut off by truncated output, to the end of the text", () => {
    const r = redactSecrets(`key:\n-----BEGIN EC PRIVATE KEY-----\n${pemBody("ec")}`);
    expect(r.text).toBe("key:\n[REDACTED:private-key]");
  });

  it("leaves hashes, UUIDs, integrity strings and password-less URLs alone", () => {
    const clean = [
      "commit 9fceb02d0ae598e95dc970b74767f19372d61af8",
      "id 3f2b6c1e-9a4d-4b7e-8f0a-1c2d3e4f5a6b",
      "postgres://localhost:5432/app",
      `"integrity": "sha512-${createHash("sha512").update("x").digest("base64")}"`,
      `sha256:${createHash("sha256").update("x").digest("hex")}`,
    ];
    for (const c of clean) expect(findSecrets(c), c).toEqual([]);
  });
});

describe("shannonEntropy", () => {
  it("measures bits per character as gitleaks does", () => {
    expect(shannonEntropy("")).toBe(0);
    expect(shannonEntropy("aaaa")).toBe(0);
    expect(shannonEntropy("ab")).toBe(1);
    expect(shannonEntropy("0123456789abcdef")).toBe(4);
    expect(shannonEntropy(rand(B64, 64, "e"))).toBeGreaterThan(4.5);
  });
});

describe("compileGlobs", () => {
  it("matches * wildcards and nothing else", () => {
    const m = compileGlobs(["vault_*", "login"]);
    expect(m("vault_put")).toBe(true);
    expect(m("login")).toBe(true);
    expect(m("login2")).toBe(false);
    expect(compileGlobs([])("anything")).toBe(false);
    expect(compileGlobs(["a.b"])("axb")).toBe(false);
  });
});
