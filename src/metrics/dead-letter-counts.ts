// Open dead letters by connection and reason (code), read from Redis at scrape time like the job
// counts, so every replica reports the same numbers and a replay or trim shows at once.
import { Gauge, type Registry } from 'prom-client';

/** What the gauge needs: the open letters' counts (the queue layer reads them). */
export type DeadLetterCountsSource = () => Promise<
  readonly { connection: string; reason: string; count: number }[]
>;

export interface DeadLetterCountsCollector {
  /** Reports these letters at each scrape (a later source replaces an earlier one). */
  track(source: DeadLetterCountsSource): void;
}

export function createDeadLetterCountsCollector(
  registry: Registry,
  timeoutMs = 2000,
): DeadLetterCountsCollector {
  let source: DeadLetterCountsSource | undefined;
  new Gauge({
    name: 'offer_sync_dead_letters_open',
    help: 'Dead letters waiting for a fix and a replay, by connection and reason (code), read from Redis at scrape time',
    labelNames: ['connection', 'reason'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      if (!source) return;
      let timer: NodeJS.Timeout | undefined;
      try {
        const counts = await Promise.race([
          source(),
          new Promise<never>((_resolve, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
          }),
        ]);
        for (const { connection, reason, count } of counts) this.set({ connection, reason }, count);
      } catch {
        // Redis down or slow: the scrape shows no letter counts rather than stale ones
        // (offer_sync_job_counts_unavailable says the same for the queues).
      } finally {
        clearTimeout(timer);
      }
    },
  });
  return {
    track(next) {
      source = next;
    },
  };
}
