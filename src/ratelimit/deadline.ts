/** The wait for a shared store ran out. */
export class DeadlineError extends Error {
  override readonly name = "DeadlineError";
}

/**
 * A promise that rejects with DeadlineError after `ms`, to race against store calls so
 * that no decision waits longer. `clear()` stops the timer once the decision is made.
 */
export function startDeadline(
  ms: number,
  message: string,
): { promise: Promise<never>; clear(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(message)), ms);
  });
  // Handled by whoever races it; never an unhandled rejection if nobody does.
  promise.catch(() => {});
  return { promise, clear: () => clearTimeout(timer) };
}
