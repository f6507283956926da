// biome-ignore-all lint/suspicious/noTemplateCurlyInString: shell variables, not templates
import { beforeAll, describe, expect, it } from "vitest";
import { checkEnvEntry, isEnvValueExempt } from "../../../src/sanitizer/shell/env.js";
import { loadShellParser } from "../../../src/sanitizer/shell/parser.js";
import { rule } from "../blocked-rule.js";

// Code-loading env keys judged by value: the settings builds and test runs use every day pass,
// anything that loads a file from elsewhere keeps the key blocked.
beforeAll(() => loadShellParser());

const entry = (key: string, value: string) => checkEnvEntry(key, value)?.rule;

describe("NODE_OPTIONS in an env map", () => {
  it("passes runtime tuning and preloads of installed packages by name", () => {
    for (const v of [
      "--max-old-space-size=4096",
      "--enable-source-maps --trace-warnings",
      "--no-warnings --unhandled-rejections=strict",
      "--openssl-legacy-provider",
      "--experimental-vm-modules",
      "-r dotenv/config",
      "--import tsx",
      "--require=@opentelemetry/auto-instrumentations-node/register",
    ])
      expect(entry("NODE_OPTIONS", v), v).toBeUndefined();
  });

  it("blocks preloads of files, loaders, the debugger, an OpenSSL config and unknown flags", () => {
    for (const v of [
      "--require /tmp/.w/hook.js",
      "--require=/tmp/x.js",
      "-r ./node_modules/.cache/x.js",
      "-r ../../x",
      "--import data:text/javascript,1",
      "--import=https://evil.example/x.mjs",
      "--experimental-loader=./x.mjs",
      "--loader ./x.mjs",
      "--inspect=0.0.0.0:9229",
      "--openssl-config=/tmp/x.cnf",
      "--max-old-space-size=4096 --require /tmp/x.js",
      "-r",
      "",
    ])
      expect(entry("NODE_OPTIONS", v), v).toBe("env.code-loading");
  });
});

describe("search paths in an env map", () => {
  it("passes project-relative entries, $PWD, the variable's own value and installed trees", () => {
    for (const [k, v] of [
      ["PYTHONPATH", "."],
      ["PYTHONPATH", "src:tests"],
      ["PYTHONPATH", "$PYTHONPATH:./src"],
      ["PYTHONPATH", "/app/src"],
      ["NODE_PATH", "./node_modules"],
      ["CLASSPATH", ".:lib/*"],
      ["LD_LIBRARY_PATH", "/opt/cuda/lib64:${LD_LIBRARY_PATH}"],
      ["LD_LIBRARY_PATH", "$PWD/lib"],
      ["PERL5LIB", "/usr/local/lib/perl5"],
    ] as const)
      expect(entry(k, v), `${k}=${v}`).toBeUndefined();
  });

  it("blocks scratch, home, climbing and other people's variables as entries", () => {
    for (const [k, v] of [
      ["PYTHONPATH", "/tmp/.w"],
      ["PYTHONPATH", "/dev/shm/x:/usr/lib/python3"],
      ["PYTHONPATH", "~/x"],
      ["PYTHONPATH", "../../../../tmp/x"],
      ["PYTHONPATH", "src/../../x"],
      ["PYTHONPATH", "/usr/../tmp"],
      ["PYTHONPATH", "$TMPDIR"],
      ["NODE_PATH", "/tmp/mods"],
      ["CLASSPATH", "/tmp/evil.jar"],
      // the loader reads `.` and an empty entry as the directory the program runs in
      ["LD_LIBRARY_PATH", ".:$LD_LIBRARY_PATH"],
      ["LD_LIBRARY_PATH", "lib::"],
      ["LD_LIBRARY_PATH", "/tmp/.l"],
    ] as const)
      expect(entry(k, v), `${k}=${v}`).toBe("env.code-loading");
  });
});

describe("GOFLAGS and ENV", () => {
  it("passes build switches and a deployment name", () => {
    expect(entry("GOFLAGS", "-mod=mod")).toBeUndefined();
    expect(entry("GOFLAGS", "-mod=vendor -trimpath -tags=integration")).toBeUndefined();
    expect(entry("ENV", "staging")).toBeUndefined();
  });

  it("blocks a program or link step chosen by the setter, and ENV naming a file", () => {
    expect(entry("GOFLAGS", "-toolexec=/tmp/x")).toBe("env.index-override");
    expect(entry("GOFLAGS", "-ldflags=-extld=/tmp/x")).toBe("env.index-override");
    expect(entry("ENV", "/tmp/x.sh")).toBe("env.code-loading");
    expect(entry("ENV", "$HOME/.evil")).toBe("env.code-loading");
  });
});

describe("findings that do not apply to an env entry's value", () => {
  it("exempts the program's own services and a CONFIG/CREDENTIALS key's own file", () => {
    expect(isEnvValueExempt("ssrf.scheme", "REDIS_URL", "redis://cache:6379/0")).toBe(true);
    expect(isEnvValueExempt("ssrf.localhost-alias", "API", "http://localhost:4000")).toBe(true);
    expect(isEnvValueExempt("path.sensitive", "KUBECONFIG", "~/.kube/config-staging")).toBe(true);
    expect(isEnvValueExempt("ssrf.metadata", "API", "http://169.254.169.254/")).toBe(false);
    expect(isEnvValueExempt("path.sensitive", "SOME_CONFIG", "/etc/shadow")).toBe(false);
    expect(isEnvValueExempt("path.sensitive", "GIT_CONFIG_FILE", "~/.ssh/id_rsa")).toBe(false);
    expect(isEnvValueExempt("path.sensitive", "FILE", "~/.aws/credentials")).toBe(false);
  });

  it("passes service URLs and tool config files in a call's env map, blocks metadata", () => {
    const run = (env: Record<string, string>) => rule("run_command", { command: "npm start", env });
    expect(
      run({ DATABASE_URL: "postgres://app:pw@db:5432/app", REDIS_URL: "redis://cache:6379/0" }),
    ).toBeUndefined();
    expect(run({ API_BASE: "http://localhost:4000", DB_HOST: "10.0.0.5" })).toBeUndefined();
    expect(run({ KUBECONFIG: "/home/dev/.kube/config-staging" })).toBeUndefined();
    expect(run({ API: "http://169.254.169.254/latest/meta-data/" })).toBe("ssrf.metadata");
    expect(run({ KEY: "~/.ssh/id_rsa" })).toBe("path.sensitive");
    expect(rule("set_env", { env: { API_BASE: "http://localhost:4000" } })).toBeUndefined();
  });
});
