import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { defineConfig, type Options } from "tsup";

const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
const define = { __VERSION__: JSON.stringify(version) };
const requireHere = createRequire(import.meta.url);

type Plugin = NonNullable<Options["esbuildPlugins"]>[number];

/**
 * zod's namespace object re-exports every locale (358 KB of the CLI bundle, parsed at each
 * start) although messages are English. The CLI gets a locales module with English only.
 */
const englishOnlyZod: Plugin = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /locales\/index\.js$/ }, (args) =>
      args.importer.includes("/node_modules/zod/")
        ? { path: "zod-locales-en", namespace: "zod-locales" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, () => ({
      contents: 'export { default as en } from "zod/v4/locales/en.js";',
      resolveDir: process.cwd(),
      loader: "js",
    }));
  },
};

/**
 * yaml's "node" build is CommonJS, which the bundle wraps whole and compiles twice (a
 * pre-parse with the bundle, a full parse when first required); its ES build, identical
 * but for warnings going to console.warn (stderr) instead of process.emitWarning, is
 * hoisted and tree-shaken like our own code.
 */
const yamlEsm: Plugin = {
  name: "yaml-esm",
  setup(build) {
    build.onResolve({ filter: /^yaml$/ }, () => ({
      path: requireHere.resolve("yaml/package.json").replace(/package\.json$/, "browser/index.js"),
    }));
  },
};

export default defineConfig([
  // The library: its dependencies stay external (the user's node_modules), with declarations.
  {
    entry: { index: "src/index.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    dts: true,
    sourcemap: true,
    clean: true,
    splitting: true,
    shims: false,
    define,
  },
  // The CLI: every dependency bundled in, because start-up time is the client's initialize
  // timer, and resolving and compiling a few hundred modules from node_modules cost ~350 ms.
  // cli.js itself is a few KB (src/cli/entry.ts): a stdio run starts the MCP server first,
  // then imports the rest (main-*.js and its ~1 MB chunk) while the server boots. Code only
  // some runs need (execa, HTTP, Redis, JWT, ajv) is imported dynamically and lands in
  // chunks loaded on first use; re2js, needed only by policies with regular expressions
  // or resource globs, is required from node_modules on first use (src/policy/re2.ts).
  {
    // demo-server: the MCP server `mcp-aegis verify` runs a real session against.
    entry: { cli: "src/cli/entry.ts", "demo-server": "src/cli/commands/demo-server.ts" },
    format: ["esm"],
    target: "node20",
    platform: "node",
    sourcemap: true,
    splitting: true,
    shims: false,
    // Redis client libraries stay external: they load only with --redis-url (a dynamic
    // import), and ioredis's CommonJS exports lose their names when bundled.
    // web-tree-sitter stays external too: it finds its own .wasm next to its module, and
    // it is imported only when the sanitizer first loads the bash parser (after start-up).
    noExternal: [/^(?!ioredis(?:\/|$)|rate-limiter-flexible(?:\/|$)|web-tree-sitter(?:\/|$))/],
    esbuildPlugins: [englishOnlyZod, yamlEsm],
    // Smaller source parses faster at start-up; names are kept for readable stack traces.
    minifyWhitespace: true,
    minifySyntax: true,
    // Bundled CommonJS dependencies call require() for Node built-ins.
    banner: {
      js: 'import { createRequire as __aegisCreateRequire } from "node:module"; const require = __aegisCreateRequire(import.meta.url);',
    },
    define,
  },
]);
