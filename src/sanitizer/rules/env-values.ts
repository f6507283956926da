/**
 * Env-map values that keep a code-loading or index-override key harmless (shell/env.ts asks).
 *
 * JVM option variables (`MAVEN_OPTS`, `GRADLE_OPTS`, `JAVA_TOOL_OPTIONS`, …) are read by every
 * JVM or build tool that starts: an agent (`-javaagent:`, `-agentpath:`), a boot class path,
 * an error hook (`-XX:OnOutOfMemoryError=`) or a class-loading property there runs code, but
 * heap sizes, GC flags and plain properties (`-Xmx2g -XX:+UseG1GC -Dfile.encoding=UTF-8`) are
 * what builds set every day.
 */
export const JVM_OPTION_KEYS: ReadonlySet<string> = new Set([
  "MAVEN_OPTS",
  "GRADLE_OPTS",
  "JAVA_OPTS",
  "SBT_OPTS",
  "ANT_OPTS",
  "JAVA_TOOL_OPTIONS",
  "_JAVA_OPTIONS",
  "JDK_JAVA_OPTIONS",
]);

/** Property names that choose classes, libraries, agents or policies (`-Djava.class.path=`). */
const LOADING_PROPERTY =
  /class|library|agent|loader|policy|boot|security\.manager|plugin|ext\.dirs/i;
const JVM_TUNING_WORD =
  /^(?:-Xm[snx]\d+[kmgt]?|-Xss\d+[kmg]?|-XX:[+-]?(?!On)[A-Za-z]\w{0,80}(?:=[\w.,:%+/-]{0,200})?|-D[\w.-]{1,100}(?:=\S{0,200})?|-(?:ea|da|esa|dsa|server|client|d64|Xrs|Xint|Xbatch)|-Xshare:\w+|-verbose:\w+|-Xlog:\S{1,200})$/i;

/** Every word of a JVM option variable tunes the VM (see JVM_OPTION_KEYS). */
export function isJvmTuning(value: string): boolean {
  const words = value.trim().split(/\s+/);
  if (words.length > 64 || words[0] === "") return false;
  return words.every((w) => {
    if (!JVM_TUNING_WORD.test(w)) return false;
    if (!w.startsWith("-D")) return true;
    const eq = w.indexOf("=");
    const name = eq < 0 ? w : w.slice(0, eq);
    return !LOADING_PROPERTY.test(name) && !w.includes("://");
  });
}

/**
 * An index override set to the ecosystem's own default (`GOPROXY=https://proxy.golang.org,direct`,
 * `npm_config_registry=https://registry.npmjs.org/`): CI files pin them to be explicit. It
 * points installs nowhere new; any other value still counts.
 */
const DEFAULT_INDEX: Readonly<Record<string, RegExp>> = {
  GOPROXY: /^(?:https:\/\/proxy\.golang\.org(?:,direct)?|direct|off)$/,
  GOSUMDB: /^sum\.golang\.org$/,
  PIP_INDEX_URL: /^https:\/\/pypi\.org\/simple\/?$/,
  UV_INDEX_URL: /^https:\/\/pypi\.org\/simple\/?$/,
  NPM_CONFIG_REGISTRY: /^https:\/\/registry\.npmjs\.org\/?$/,
  YARN_REGISTRY: /^https:\/\/registry\.(?:yarnpkg\.com|npmjs\.org)\/?$/,
  YARN_NPM_REGISTRY_SERVER: /^https:\/\/registry\.(?:yarnpkg\.com|npmjs\.org)\/?$/,
};

/**
 * npm settings (read from `npm_config_*` in any case) that name a program npm runs: its git,
 * shell, editor, browser, viewer, or the module `npm init` executes.
 */
const NPM_PROGRAM_CONFIG = /^npm_config_(?:git|shell|editor|browser|viewer|init[_-]module)$/i;
export const isNpmProgramConfig = (key: string): boolean => NPM_PROGRAM_CONFIG.test(key);

/**
 * pytest's options from the environment that load code: a plugin (`-p x`), an ini override or
 * config file (`-o addopts=…`, `-c`), a conftest root. `-q --maxfail=1` tune a run.
 */
const PYTEST_LOADS =
  /(?:^|\s)(?:-p\s*\S|--plugin|-o\s*\S|--override-ini|-c\s*\S|--config-file|--rootdir|--confcutdir)/;
export function pytestEnvLoadsCode(key: string, value: unknown): boolean {
  if (key === "PYTEST_PLUGINS") return true;
  return key === "PYTEST_ADDOPTS" && typeof value === "string" && PYTEST_LOADS.test(value);
}

export function isDefaultIndex(key: string, value: unknown): boolean {
  const k = key.toUpperCase();
  return (
    typeof value === "string" &&
    Object.hasOwn(DEFAULT_INDEX, k) &&
    (DEFAULT_INDEX[k] as RegExp).test(value.trim())
  );
}
