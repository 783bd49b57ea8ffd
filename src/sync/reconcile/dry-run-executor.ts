// A dry run syncs in-process with `dryRun: true`: the same runSync reads both sides and plans,
// and stops before any write. Only GET requests reach the platforms.
import { runSync, type SyncDeps } from '../run/index.js';
import { failureReason, withBoundedRetry, type BoundedRetryOptions } from './bounded-retry.js';
import type { SyncExecutor } from './sync-executor.js';

export function createDryRunExecutor(
  deps: SyncDeps,
  retry: BoundedRetryOptions = {},
): SyncExecutor {
  return {
    async sync(source, key, record) {
      try {
        const result = await withBoundedRetry(
          () => runSync({ source, key, dryRun: true, sourceRecord: record }, deps),
          retry,
        );
        return { ok: true, result };
      } catch (error) {
        return { ok: false, reason: failureReason(error) };
      }
    },
    close: () => Promise.resolve(),
  };
}
