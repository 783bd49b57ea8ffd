// A dry run syncs in-process with `dryRun: true`: the same runSync reads both sides and plans,
// and stops before any write. Only GET requests reach the platforms.
import { failureReason } from '../../errors/index.js';
import { withRequestRetries, type RequestRetryOptions } from '../../platforms/request-retries.js';
import { runSync, type SyncDeps } from '../run/index.js';
import type { SyncExecutor } from './sync-executor.js';

export function createDryRunExecutor(
  deps: SyncDeps,
  retry: RequestRetryOptions = {},
): SyncExecutor {
  return {
    async sync(source, key, listed) {
      try {
        const result = await withRequestRetries(
          () =>
            runSync(
              {
                source,
                key,
                dryRun: true,
                sourceRecord: listed.record,
                sourceReadAt: listed.readAt,
              },
              deps,
            ),
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
