/** A place in the queue that resolves once everything before it has been handled. */
class IdleMark {
  constructor(readonly resolve: () => void) {}
}

/**
 * Hands items to one handler in arrival order. An item handled synchronously costs no
 * promise and no allocation; a handler that returns a promise holds back the items
 * behind it, so messages are never reordered by an asynchronous check.
 */
export class SerialQueue<T> {
  #queue: Array<T | IdleMark> = [];
  #busy = false;
  readonly #handle: (item: T) => void | Promise<void>;
  readonly #onError: (err: unknown) => void;

  constructor(handle: (item: T) => void | Promise<void>, onError: (err: unknown) => void) {
    this.#handle = handle;
    this.#onError = onError;
  }

  /** Items waiting behind an asynchronous one. */
  get length(): number {
    return this.#queue.length;
  }

  /** Resolves when every item queued so far has been handled. */
  idle(): Promise<void> {
    return new Promise((resolve) => this.#push(new IdleMark(resolve)));
  }

  push(item: T): void {
    this.#push(item);
  }

  #push(item: T | IdleMark): void {
    if (this.#busy) {
      this.#queue.push(item);
      return;
    }
    this.#run(item);
  }

  #run(first: T | IdleMark): void {
    let item: T | IdleMark | undefined = first;
    this.#busy = true;
    while (item !== undefined) {
      if (item instanceof IdleMark) {
        item.resolve();
      } else {
        let result: void | Promise<void>;
        try {
          result = this.#handle(item);
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
      }
      item = this.#queue.shift();
    }
    this.#busy = false;
  }

  #next(): void {
    const item = this.#queue.shift();
    if (item !== undefined) this.#run(item);
    else this.#busy = false;
  }
}
