// Runs tasks with at most `size` in flight. `submit` waits while the window is full, so a
// producer streaming a large network never gets ahead of the work by more than the window:
// memory stays flat whatever the network's size.

export class TaskWindow {
  private readonly running = new Set<Promise<void>>();
  private readonly tails = new Map<string, Promise<void>>();
  private failure: { error: unknown } | undefined;

  /** @param size Tasks in flight at most; at least 1. */
  constructor(private readonly size: number) {
    if (!Number.isSafeInteger(size) || size < 1) {
      throw new RangeError(`task window: expected a whole number above 0, got ${size}`);
    }
  }

  /**
   * Starts `task` once there is room. Tasks should handle their own errors; one that throws
   * anyway makes the next `submit` or `drain` throw it, so a bug is never silently lost.
   * Tasks given the same `chain` run one after another, in the order submitted (they still
   * count against the window while they wait).
   */
  async submit(task: () => Promise<void>, chain?: string): Promise<void> {
    while (this.running.size >= this.size) await Promise.race(this.running);
    this.throwIfFailed();
    const previous = chain === undefined ? undefined : this.tails.get(chain);
    const run = previous ? previous.then(task) : task();
    const promise = run.then(
      () => {
        this.running.delete(promise);
      },
      (error: unknown) => {
        this.running.delete(promise);
        this.failure ??= { error };
      },
    );
    this.running.add(promise);
    if (chain !== undefined) {
      this.tails.set(chain, promise);
      void promise.then(() => {
        if (this.tails.get(chain) === promise) this.tails.delete(chain);
      });
    }
  }

  /** Waits for every task in flight. */
  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.race(this.running);
    this.throwIfFailed();
  }

  get inFlight(): number {
    return this.running.size;
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}

/** Groups a stream into arrays of up to `size` items (the last one may be shorter). */
export async function* batches<T>(items: AsyncIterable<T>, size: number): AsyncGenerator<T[]> {
  let batch: T[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
