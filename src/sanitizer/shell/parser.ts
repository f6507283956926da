import { createRequire } from "node:module";
import type { Node, Parser, Tree } from "web-tree-sitter";

/**
 * The bash parser: web-tree-sitter with tree-sitter-bash's shipped `.wasm` (docs/sanitizer.md
 * has the evaluation). Loading takes tens of milliseconds and 7–8 MB resident, so it starts
 * only when a listed tool may be handed a command (Sanitizer.foresee) and never delays
 * `initialize`; a command judged before it is ready waits for it (the sanitize check
 * returns a Promise then).
 */
export type { Node as SyntaxNode, Tree as SyntaxTree };

/** Bigger command values are refused unparsed (`shell.limit`). */
export const MAX_COMMAND_BYTES = 64 * 1024;
/** A parse that runs longer is cancelled and the value refused (`shell.limit`). */
export const PARSE_TIMEOUT_MS = 100;

type State =
  | { status: "idle" }
  | { status: "loading"; promise: Promise<void> }
  | { status: "ready"; parser: Parser }
  | { status: "failed"; reason: string };

let state: State = { status: "idle" };

async function load(): Promise<Parser> {
  const require = createRequire(import.meta.url);
  // Resolved from node_modules, not from the bundle: both packages are runtime dependencies,
  // and web-tree-sitter stays outside the CLI bundle (tsup.config.ts) so its own paths hold.
  const runtimeWasm = require.resolve("web-tree-sitter/tree-sitter.wasm");
  const bashWasm = require.resolve("tree-sitter-bash/tree-sitter-bash.wasm");
  const { Parser: P, Language } = await import("web-tree-sitter");
  await P.init({ locateFile: () => runtimeWasm });
  const bash = await Language.load(bashWasm);
  const parser = new P();
  parser.setLanguage(bash);
  return parser;
}

/** Starts loading the parser (once); resolves when it is ready or has failed. */
export function loadShellParser(): Promise<void> {
  if (state.status === "loading") return state.promise;
  if (state.status !== "idle") return Promise.resolve();
  const promise = load().then(
    (parser) => {
      state = { status: "ready", parser };
    },
    (err: unknown) => {
      state = {
        status: "failed",
        reason: `the bash parser could not be loaded: ${err instanceof Error ? err.message : String(err)}`,
      };
    },
  );
  state = { status: "loading", promise };
  return promise;
}

/** Why the parser is unusable, once loading failed; undefined otherwise. */
export function shellParserFailure(): string | undefined {
  return state.status === "failed" ? state.reason : undefined;
}

/** Where loading stands: not started, under way, usable, or failed for good. */
export function shellParserStatus(): State["status"] {
  return state.status;
}

/** True once the parser can be used synchronously. */
export function shellParserReady(): boolean {
  return state.status === "ready";
}

/** The outcome of one parse. */
export type ParseOutcome =
  | { ok: true; tree: Tree }
  | { ok: false; reason: "not-ready" | "failed" | "timeout"; detail?: string };

/**
 * Parses one command line synchronously, or says why it cannot. The caller owns the tree
 * and must `delete()` it (trees live in WASM memory).
 */
export function parseShell(source: string): ParseOutcome {
  if (state.status === "failed") return { ok: false, reason: "failed", detail: state.reason };
  if (state.status !== "ready") return { ok: false, reason: "not-ready" };
  const parser = state.parser;
  const deadline = performance.now() + PARSE_TIMEOUT_MS;
  let timedOut = false;
  let tree: Tree | null;
  try {
    tree = parser.parse(source, null, {
      progressCallback: () => {
        if (performance.now() > deadline) timedOut = true;
        return timedOut;
      },
    });
  } catch (err) {
    // The WASM runtime aborts when error recovery runs out of memory (`a | ` × 16,000 did,
    // after ~0.9 s without the timeout) and stays unusable: every later command is refused.
    state = { status: "failed", reason: `the bash parser crashed: ${String(err).slice(0, 120)}` };
    return { ok: false, reason: "failed", detail: state.reason };
  }
  if (timedOut || tree === null) {
    tree?.delete();
    parser.reset();
    return { ok: false, reason: "timeout" };
  }
  return { ok: true, tree };
}

/** Test hook: forget the parser so a load failure can be simulated. */
export function resetShellParserForTest(next?: { failWith: string }): void {
  state = next ? { status: "failed", reason: next.failWith } : { status: "idle" };
}
