import { type FSWatcher, watch } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import type { Logger } from "../audit/logger.js";
import { formatProblem } from "./load.js";
import type { PolicyStore, ReloadResult } from "./store.js";

export interface PolicyWatchOptions {
  logger: Logger;
  /** Reload on this signal too (default SIGHUP); null for none. */
  signal?: NodeJS.Signals | null;
  /** Wait this long after the last file event before reloading (editors write in steps). */
  debounceMs?: number;
  /** Watch the file (default true); false leaves only the signal. */
  watchFile?: boolean;
}

/**
 * Hot reload: watches the policy file's directory (editors often replace the file, which
 * a watch on the file itself would miss) and listens for SIGHUP. A valid new policy is
 * put in force; an invalid one is logged with every problem and the last good one stays.
 */
export function watchPolicy(
  store: PolicyStore,
  options: PolicyWatchOptions,
): { close(): void; reload(): ReloadResult } {
  const file = store.file;
  if (file === undefined) throw new TypeError("Expected a PolicyStore loaded from a file");
  const { logger } = options;
  const debounceMs = options.debounceMs ?? 100;
  const signal = options.signal === undefined ? "SIGHUP" : options.signal;

  const reload = (why: string): ReloadResult => {
    const result = store.reload();
    if (!result.ok) {
      logger.error(
        { file, why, problems: result.error.problems.map(formatProblem) },
        "policy reload refused; the last good policy stays in force",
      );
    } else if (result.changed) {
      logger.info({ file, why, generation: result.snapshot.generation }, "policy reloaded");
    }
    return result;
  };

  let timer: NodeJS.Timeout | undefined;
  const name = basename(file);
  let watcher: FSWatcher | undefined;
  try {
    if (options.watchFile !== false)
      watcher = watch(resolve(dirname(file)), { persistent: false }, (_event, changed) => {
        if (changed !== null && changed.toString() !== name) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => reload("file changed"), debounceMs);
        timer.unref();
      });
    watcher?.on("error", (err) => logger.warn({ err, file }, "cannot watch the policy file"));
  } catch (err) {
    logger.warn({ err, file }, "cannot watch the policy file; reload with SIGHUP");
  }
  const onSignal = () => reload(`${signal}`);
  if (signal) process.on(signal, onSignal);

  return {
    reload: () => reload("requested"),
    close() {
      if (timer) clearTimeout(timer);
      watcher?.close();
      if (signal) process.off(signal, onSignal);
    },
  };
}
