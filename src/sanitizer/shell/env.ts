import {
  isDefaultIndex,
  isJvmTuning,
  isNpmProgramConfig,
  JVM_OPTION_KEYS,
  pytestEnvLoadsCode,
} from "../rules/env-values.js";
import type { RuleId } from "../rules.js";

/**
 * Environment variables that make a program load or run code chosen by whoever sets them
 * (ld.so(8), dyld(1), node(1) NODE_OPTIONS, bash(1) BASH_ENV/ENV/PROMPT_COMMAND, git(1)
 * GIT_SSH*, GIT_EXEC_PATH, GIT_CONFIG_*, python(1), perlrun(1), ruby(1), the JVM's
 * JAVA_TOOL_OPTIONS). Matched case-sensitively, as the loaders read them (npm's own
 * config variables are the exception: npm reads them in any case).
 */
const CODE_LOADING = new Set([
  "LD_PRELOAD",
  "LD_LIBRARY_PATH",
  "LD_AUDIT",
  "LD_DEBUG_OUTPUT",
  "LD_PROFILE",
  "NODE_OPTIONS",
  "NODE_PATH",
  "NODE_REPL_EXTERNAL_MODULE",
  "BASH_ENV",
  "ENV",
  "PROMPT_COMMAND",
  "SHELLOPTS",
  "BASHOPTS",
  "ZDOTDIR",
  "GIT_SSH",
  "GIT_SSH_COMMAND",
  "GIT_EXEC_PATH",
  "GIT_ASKPASS",
  "SSH_ASKPASS",
  "GIT_EXTERNAL_DIFF",
  "GIT_PROXY_COMMAND",
  "GIT_TEMPLATE_DIR",
  "GIT_CONFIG",
  "GIT_CONFIG_GLOBAL",
  "GIT_CONFIG_SYSTEM",
  "GIT_CONFIG_PARAMETERS",
  "GIT_CONFIG_COUNT",
  "GIT_SEQUENCE_EDITOR",
  "PYTHONPATH",
  "PYTHONSTARTUP",
  "PYTHONHOME",
  "PYTHONUSERBASE",
  "PYTHONINSPECT",
  "PYTHONBREAKPOINT",
  "PERL5OPT",
  "PERL5LIB",
  "PERLLIB",
  "PERL5DB",
  "RUBYOPT",
  "RUBYLIB",
  "GEM_PATH",
  "GEM_HOME",
  "JAVA_TOOL_OPTIONS",
  "_JAVA_OPTIONS",
  "JDK_JAVA_OPTIONS",
  "CLASSPATH",
  "MAVEN_OPTS",
  "GRADLE_OPTS",
  "JAVA_OPTS",
  "SBT_OPTS",
  "ANT_OPTS",
  // vim(1) runs these Ex commands at start-up (`VIMINIT=":!id"`)
  "VIMINIT",
  "EXINIT",
  "GVIMINIT",
  // psql, irb and R run the start-up file these name (`\\!` runs a shell command in psql)
  "PSQLRC",
  "IRBRC",
  "R_PROFILE",
  "R_PROFILE_USER",
  "LESSOPEN",
  "LESSCLOSE",
  "PHPRC",
  "PHP_INI_SCAN_DIR",
  "LUA_INIT",
  "LUA_PATH",
  "LUA_CPATH",
  "TCLLIBPATH",
  "DOTNET_STARTUP_HOOKS",
  "CORECLR_PROFILER_PATH",
  "OPENSSL_CONF",
  "OPENSSL_ENGINES",
  // glibc's iconv loads its converter modules from here (the pkexec CVE-2021-4034 route)
  "GCONV_PATH",
  "IFS",
]);
/** Prefixes of families: `DYLD_INSERT_LIBRARIES`, `GIT_CONFIG_KEY_0`, `BASH_FUNC_x%%`. */
const CODE_LOADING_PREFIX = /^(?:DYLD_|GIT_CONFIG_(?:KEY|VALUE)_|BASH_FUNC_|LD_)/;

/** Package-index and registry overrides: installs fetch code from wherever these point. */
const INDEX_OVERRIDE =
  /^(?:PIP_(?:INDEX_URL|EXTRA_INDEX_URL|FIND_LINKS|TRUSTED_HOST|CONFIG_FILE)|UV_(?:INDEX_URL|EXTRA_INDEX_URL|INDEX|DEFAULT_INDEX)|POETRY_REPOSITORIES_.*|YARN_(?:REGISTRY|NPM_REGISTRY_SERVER)|GOPROXY|GONOSUMDB|GONOSUMCHECK|GOFLAGS|GOPRIVATE|GOINSECURE|GOSUMDB|CARGO_REGISTRIES_.*|CARGO_REGISTRY_.*|BUNDLE_MIRROR__.*|GEM_SOURCE|NUGET_SOURCE|COMPOSER_REPO.*|CONDA_CHANNELS|HOMEBREW_BOTTLE_DOMAIN|HOMEBREW_ARTIFACT_DOMAIN|NPM_CONFIG_(?:REGISTRY|.*:REGISTRY|USERCONFIG|GLOBALCONFIG|SCRIPT_SHELL|NODE_OPTIONS|ONLOAD_SCRIPT|PREFIX)|BUN_CONFIG_REGISTRY)$/;
/** A variable that redirects a package index (`PIP_INDEX_URL`, `npm_config_registry`). */
export const isIndexOverride = (name: string): boolean => INDEX_OVERRIDE.test(name.toUpperCase());

/**
 * Editors and pagers run their value as a command; the everyday values (`cat`, `true`,
 * `less -R`, `code --wait`) pass, anything with shell syntax does not.
 */
const COMMAND_VALUED =
  /^(?:EDITOR|VISUAL|PAGER|MANPAGER|BROWSER|GIT_EDITOR|GIT_PAGER|SYSTEMD_PAGER|SUDO_EDITOR|FCEDIT|TERMINAL|SUDO_ASKPASS|CC|CXX|RUSTC|RUSTC_WRAPPER|RUSTC_WORKSPACE_WRAPPER|CARGO_BUILD_RUSTC_WRAPPER)$/;
const PLAIN_COMMAND = /^[\w./+-]*(?: +-{0,2}[\w=.,-]+)*$/;
/**
 * A command value that is a shell or interpreter given code (`sh -c id`, `python3 -c …`) or a
 * program kept in a world-writable directory (`/tmp/x.sh`): plain in spelling, not in effect.
 */
const RUNS_CODE =
  /^(?:\S*\/)?(?:sh|bash|zsh|dash|ksh|fish|python[\d.]*|perl|ruby|node|php)\s+-\w*[ce]\b|^(?:\/tmp|\/var\/tmp|\/dev\/shm)\//;
/** A search path with a world-writable directory in it: any program it finds there can be planted. */
const WRITABLE_IN_PATH = /(?:^|:)(?:\/tmp|\/var\/tmp|\/dev\/shm)(?:\/|:|$)/;

/**
 * NODE_OPTIONS made of flags that tune the runtime (`--max-old-space-size=4096`,
 * `--enable-source-maps`, `--no-warnings`) and preloads of installed packages by name. A
 * preload of a file (`--require /tmp/x.js`, `-r ./x.js`, `--import data:…`), a loader, a
 * debugger port (`--inspect`) or an OpenSSL config (which loads engines) keeps the key
 * blocked, as does any flag not listed.
 */
const NODE_TUNING =
  /^--(?!experimental-(?:loader|policy)\b)(?:max-[\w-]+|stack-[\w-]+|trace-[\w-]+|no-[\w-]+|report-[\w-]+|heapsnapshot-[\w-]+|tls-[\w.-]+|experimental-[\w-]+|enable-source-maps|unhandled-rejections|openssl-legacy-provider|openssl-shared-config|use-openssl-ca|use-bundled-ca|dns-result-order|expose-gc|abort-on-uncaught-exception|preserve-symlinks(?:-main)?|conditions|title|throw-deprecation|pending-deprecation|disable-warning|disable-proto|force-fips|frozen-intrinsics|network-family-autoselection[\w-]*|icu-data-dir|zero-fill-buffers|secure-heap[\w-]*)(?:=[\w.,:@/+-]*)?$/;
/** A preload of an installed package by name (`-r dotenv/config`, `--import tsx`), not a file. */
const PRELOAD_FLAG = /^(?:-r|--require|--import)(?:=(.*))?$/;
const PACKAGE_NAME = /^(?:@[\w.-]+\/)?\w[\w.-]*(?:\/[\w.-]+)*$/;
function isNodeTuning(v: string): boolean {
  const flags = v.trim().split(/\s+/);
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i] as string;
    if (NODE_TUNING.test(f)) continue;
    const preload = PRELOAD_FLAG.exec(f);
    if (!preload) return false;
    const spec = preload[1] ?? flags[++i] ?? "";
    if (!PACKAGE_NAME.test(spec) || spec.includes("..")) return false;
  }
  return true;
}

/** Search-path variables (`PYTHONPATH=src`, `LD_LIBRARY_PATH=/opt/cuda/lib64`): judged by entry. */
const SEARCH_PATHS = new Set([
  "PYTHONPATH",
  "NODE_PATH",
  "LD_LIBRARY_PATH",
  "PERL5LIB",
  "PERLLIB",
  "RUBYLIB",
  "CLASSPATH",
  "GEM_PATH",
  "GEM_HOME",
  "LUA_PATH",
  "LUA_CPATH",
]);
/**
 * One entry of a search path that names the project or an installed tree: relative and not
 * climbing (`src`, `./lib`, `lib/*`, `.`), the project through `$PWD`, the variable's own
 * earlier value, or under /usr, /opt or a container's app directory. Anything else
 * (`/tmp/.w`, `~/x`, `/dev/shm`, `../../x`, a hidden directory) keeps the key blocked.
 */
const PROJECT_ENTRY =
  /^(?:(?!\/|~|\$|\.\.(?:\/|$)|[A-Za-z]:)(?!.*(?:^|\/)\.\.(?:\/|$))[\w@+.*/-]*|\$\{?PWD\}?(?:\/(?!.*\.\.)[\w@+.*/-]*)?|\/(?:usr|opt|app|workspace|workspaces|code|srv)(?:\/(?![^/]*\.\.)[\w@+.*-]+)*\/?)$/;
function isProjectSearchPath(k: string, v: string): boolean {
  if (v.trim() === "") return false;
  // The loader reads an empty entry or `.` as whatever directory the program runs in.
  const loader = k === "LD_LIBRARY_PATH";
  for (const raw of v.split(/[:;]/)) {
    const e = raw.trim();
    if (loader && (e === "" || e === "." || e === "./")) return false;
    if (e === "" || e === `$${k}` || e === `\${${k}}` || PROJECT_ENTRY.test(e)) continue;
    return false;
  }
  return true;
}

/**
 * GOFLAGS of build switches (`-mod=mod`, `-trimpath`, `-tags=integration`): nothing that
 * names a program or a module file to run (`-toolexec`, `-exec`, `-ldflags=-extld=…`, `-modfile`).
 */
const GO_BUILD_FLAG =
  /^-{1,2}(?:mod=\w+|trimpath|buildvcs=\w+|tags=[\w,.-]*|race|v|count=\d+|p=\d+|modcacherw|cover|short|failfast|timeout=\w+)$/;
const isGoBuildFlags = (v: string) =>
  v
    .trim()
    .split(/\s+/)
    .every((f) => GO_BUILD_FLAG.test(f));

/** Keys whose value a shell evaluates when it starts or prompts (substitution runs there). */
const SHELL_EVALUATED = /^(?:PS[0-4]|PROMPT_COMMAND|BASH_ENV|ENV|PROMPT|RPROMPT|precmd)$/;
const SUBSTITUTION = /\$\(|`|\$\{[^}]*[:@]/;

/**
 * The rule an env-map entry breaks, or undefined. Ordinary configuration
 * (`NODE_ENV=production`, `DEBUG=*`, `CI=true`, `PORT=8080`) passes.
 */
export function checkEnvEntry(
  key: string,
  value: unknown,
): { rule: RuleId; part: string } | undefined {
  const k = key.trim();
  if (isNpmProgramConfig(k) || pytestEnvLoadsCode(k, value))
    return { rule: "env.code-loading", part: k };
  if (CODE_LOADING.has(k) || CODE_LOADING_PREFIX.test(k)) {
    if (typeof value === "string" && everydayValue(k, value)) return undefined;
    return { rule: "env.code-loading", part: k };
  }
  if (INDEX_OVERRIDE.test(k.toUpperCase())) {
    if (k === "GOFLAGS" && typeof value === "string" && isGoBuildFlags(value)) return undefined;
    if (isDefaultIndex(k, value)) return undefined;
    return { rule: "env.index-override", part: k };
  }
  if (
    COMMAND_VALUED.test(k) &&
    typeof value === "string" &&
    (!PLAIN_COMMAND.test(value) || RUNS_CODE.test(value.trim()))
  )
    return { rule: "env.code-loading", part: k };
  if (k === "PATH" && typeof value === "string" && WRITABLE_IN_PATH.test(value))
    return { rule: "env.code-loading", part: `${k}=${value}` };
  if (typeof value === "string" && SHELL_EVALUATED.test(k) && SUBSTITUTION.test(value))
    return { rule: "env.code-loading", part: `${k}=${value}` };
  return undefined;
}

/** A code-loading key set to what builds and test runs set it to every day. */
function everydayValue(k: string, v: string): boolean {
  if (k === "NODE_OPTIONS") return v.trim() !== "" && isNodeTuning(v);
  // sh(1) sources $ENV as a file; `ENV=staging` names a deployment, not a file.
  if (k === "ENV") return /^[\w-]+$/.test(v);
  if (JVM_OPTION_KEYS.has(k)) return isJvmTuning(v);
  return SEARCH_PATHS.has(k) && isProjectSearchPath(k, v);
}

/**
 * Findings that do not apply to an env entry's value: the program's own services
 * (`REDIS_URL=redis://cache:6379`, `API_BASE=http://localhost:4000`) are what its
 * configuration is for, and a `…CONFIG`/`…CREDENTIALS` key names the tool's own file
 * (`KUBECONFIG=~/.kube/config-staging`). Cloud metadata addresses, and SSH keys or system
 * files under any key, are still judged.
 */
export function isEnvValueExempt(rule: RuleId, key: string | undefined, value: string): boolean {
  if (rule === "ssrf.scheme" || rule === "ssrf.localhost-alias" || rule === "ssrf.internal-address")
    return true;
  return (
    rule === "path.sensitive" &&
    key !== undefined &&
    /(?:CONFIG|CREDENTIALS?)(?:_FILE|_PATH)?$/i.test(key) &&
    !/\.ssh\b|^\s*\/(?:etc|proc|root|sys)\b/.test(value)
  );
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SHOUTED = /^[A-Z_][A-Z0-9_]*$/;

/** One `NAME=value` item of an env list, judged as an env map's entry would be. */
export function envListEntry(item: string): { rule: RuleId; part: string } | undefined {
  const eq = item.indexOf("=");
  if (eq <= 0 || !ENV_NAME.test(item.slice(0, eq))) return undefined;
  return checkEnvEntry(item.slice(0, eq), item.slice(eq + 1));
}

/**
 * A map under any key (`variables`, `config`) whose keys are all environment names in
 * capitals, one of them a code-loading name: it is an env map, whatever it is called.
 * Template and GraphQL variables do not name LD_PRELOAD.
 */
export function looksLikeEnvMap(o: Record<string, unknown>): boolean {
  let loads = false;
  for (const k in o) {
    if (!SHOUTED.test(k)) return false;
    loads ||= CODE_LOADING.has(k) || CODE_LOADING_PREFIX.test(k);
  }
  return loads;
}
