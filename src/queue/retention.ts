// How long finished jobs stay in Redis. BullMQ keeps every completed and failed job forever by
// default; with a webhook per offer edit that grows without bound, so every queue gets limits.

export interface RetentionOptions {
  /** Completed jobs older than this are removed, in seconds. @defaultValue 86400 (1 day) */
  completedAgeSec: number;
  /** At most this many completed jobs are kept per queue. @defaultValue 1000 */
  completedCount: number;
  /** Failed jobs older than this are removed, in seconds. @defaultValue 604800 (7 days) */
  failedAgeSec: number;
  /** At most this many failed jobs are kept per queue. @defaultValue 5000 */
  failedCount: number;
  /** Approximate length each queue's event stream is trimmed to, in events. @defaultValue 2000 */
  eventsMaxLen: number;
}

export const DEFAULT_RETENTION: Readonly<RetentionOptions> = Object.freeze({
  completedAgeSec: 86_400,
  completedCount: 1000,
  failedAgeSec: 604_800,
  failedCount: 5000,
  eventsMaxLen: 2000,
});

export function resolveRetention(overrides: Partial<RetentionOptions> = {}): RetentionOptions {
  const resolved = { ...DEFAULT_RETENTION, ...overrides };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`retention ${name}: expected a whole number above 0, got ${value}`);
    }
  }
  return resolved;
}

/**
 * Job options that apply the limits. Both age and count are set: BullMQ keeps only jobs that
 * satisfy both, and evicts when another job finishes (there is no background sweep).
 */
export function retentionJobOptions(retention: RetentionOptions): {
  removeOnComplete: { age: number; count: number };
  removeOnFail: { age: number; count: number };
} {
  return {
    removeOnComplete: { age: retention.completedAgeSec, count: retention.completedCount },
    removeOnFail: { age: retention.failedAgeSec, count: retention.failedCount },
  };
}
