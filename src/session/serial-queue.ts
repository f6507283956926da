/**
 * Runs tasks one after another in arrival order. A task that finishes synchronously costs
 * no promise; a task that returns one holds back the tasks behind it, so messages are
 * never reordered by an asynchronous check.
 */
export class SerialQueue {
  #queue: Array<() => void | Promise<void>> = [];
  #busy = false;
  readonly #onError: (err: unknown) => void;

  constructor(onError: (err: unknown) => void) {
    this.#onError = onError;
  }

  /** Tasks waiting behind an asynchronous one. */
  get length(): number {
    return this.#queue.length;
  }

  /** Resolves when every task queued so far has run. */
  idle(): Promise<void> {
    return new Promise((resolve) => this.push(resolve));
  }

  push(task: () => void | Promise<void>): void {
    if (this.#busy) {
      this.#queue.push(task);
      return;
    }
    this.#run(task);
  }

  #run(first: () => void | Promise<void>): void {
    let task: (() => void | Promise<void>) | undefined = first;
    this.#busy = true;
    while (task) {
      let result: void | Promise<void>;
      try {
        result = task();
      } catch (err) {
        this.#onError(err);
        result = undefined;
      }
      if (result && typeof result.then === "function") {
        result.then(
          () => this.#next(),
          (err: unknown) => {
            this.#onError(err);
            this.#next();
          },
        );
        return;
      }
      task = this.#queue.shift();
    }
    this.#busy = false;
  }

  #next(): void {
    const task = this.#queue.shift();
    if (task) this.#run(task);
    else this.#busy = false;
  }
}
