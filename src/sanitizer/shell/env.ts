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
  if (CODE_LOADING.has(k) || CODE_LOADING_PREFIX.test(k))
    return { rule: "env.code-loading", part: k };
  if (INDEX_OVERRIDE.test(k.toUpperCase())) return { rule: "env.index-override", part: k };
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
