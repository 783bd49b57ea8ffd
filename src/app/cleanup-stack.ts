// Resources are released in the reverse order they were acquired (LIFO), the way graphile
// worker's signal handling does it: stop taking work first, close connections last.
export type Cleanup = () => Promise<void> | void;

export class CleanupStack {
  private readonly steps: { name: string; run: Cleanup }[] = [];
  private closing: Promise<void> | undefined;

  /** Registers a cleanup step; it runs before every step registered earlier. */
  push(name: string, run: Cleanup): void {
    this.steps.push({ name, run });
  }

  /** Runs every step once, newest first; a failing step is reported and the rest still run. */
  close(onError: (name: string, error: unknown) => void = () => {}): Promise<void> {
    this.closing ??= (async () => {
      while (this.steps.length > 0) {
        const step = this.steps.pop()!;
        try {
          await step.run();
        } catch (error) {
          onError(step.name, error);
        }
      }
    })();
    return this.closing;
  }
}

/**
 * Waits for `closing` at most `ms`; a close that hangs (a client waiting for a Redis that is
 * gone) must not hold up the steps after it, nor the exit.
 */
export async function atMost(closing: Promise<unknown>, ms: number): Promise<'closed' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([closing.then(() => 'closed' as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Closes `stack` on SIGTERM/SIGINT. A second signal, or the timeout, forces the exit so a
 * stuck job can never keep a container from stopping.
 */
export function closeOnSignals(
  stack: CleanupStack,
  options: { timeoutMs: number; log: (message: string) => void; exit?: (code: number) => void },
): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  let received = false;
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      options.log(`${signal} again: exiting now`);
      exit(1);
      return;
    }
    received = true;
    options.log(`${signal}: shutting down (in-flight jobs get up to ${options.timeoutMs} ms)`);
    const timer = setTimeout(() => {
      options.log('shutdown timed out: exiting');
      exit(1);
    }, options.timeoutMs + 5000);
    timer.unref();
    void stack
      .close((name, error) => options.log(`cleanup ${name} failed: ${(error as Error).message}`))
      .then(() => exit(0));
  };
  process.on('SIGTERM', handler);
  process.on('SIGINT', handler);
  return () => {
    process.off('SIGTERM', handler);
    process.off('SIGINT', handler);
  };
}
