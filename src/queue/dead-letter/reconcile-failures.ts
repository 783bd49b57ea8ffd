// A reconciliation's own permanent failures as dead letters in the route's target connection's
// DLQ, shaped like a failed sync job's letter so `dlq replay` works the same: the payload is a
// sync of the source entity along the route (a replay enqueues it with reason `replay`).
import type { ReconcileFailures } from '../../sync/reconcile/reconcile-deps.js';
import { formatEntityKey, type ConnectionName, type PlatformName } from '../../vocabulary/index.js';
import { syncQueueName } from '../names.js';
import type { DeadLetterSink } from './dead-letter-sink.js';

export interface ReconcileFailureRoute {
  source: ConnectionName;
  target: ConnectionName;
  targetPlatform: PlatformName;
}

export function reconcileFailureSink(
  sink: DeadLetterSink,
  route: ReconcileFailureRoute,
): ReconcileFailures {
  return {
    async record(failure) {
      const at = failure.at.toISOString();
      const { key } = failure;
      await sink.record({
        queue: syncQueueName(route.target),
        // One run records an entity's failure once: the run is the "job" that found it.
        jobId: `reconcile-${failure.runId}`,
        jobName: `${route.source}.${key.kind}`,
        connection: route.target,
        platform: route.targetPlatform,
        payload: {
          source: route.source,
          kind: key.kind,
          id: key.id,
          ...(key.offerId === undefined ? {} : { offerId: key.offerId }),
          reason: 'reconcile',
          requestedAt: at,
        },
        action: 'permanent',
        code: failure.code,
        reason: failure.reason,
        attemptsMade: 0,
        rateLimitHits: 0,
        firstFailedAt: at,
        lastFailedAt: at,
        origin: 'reconcile',
        runId: failure.runId,
        ref: `${route.source}:${formatEntityKey(key)}`,
        firstSeen: at,
        lastSeen: at,
      });
    },
  };
}
