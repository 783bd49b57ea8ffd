// Queue names. One sync queue per *target* connection, so each network's write budget and
// backlog are its own; a dead-letter queue per connection beside it. Each lives under its
// connection's hash tag (key-layout.ts); the reconcile queue under the deployment's.
import type { ConnectionName } from '../vocabulary/index.js';

export const RECONCILE_QUEUE = 'reconcile';

/** The queue of jobs that WRITE to `target`. */
export function syncQueueName(target: ConnectionName): string {
  return `sync-${target}`;
}

/** Where jobs of `syncQueueName(connection)` go when they fail for good. */
export function deadLetterQueueName(connection: ConnectionName): string {
  return `dlq-${connection}`;
}

/** The target connection of a sync queue name, or `undefined` for any other queue. */
export function connectionOfSyncQueue(queueName: string): ConnectionName | undefined {
  return /^sync-(.+)$/.exec(queueName)?.[1];
}

/**
 * A prefix as a BullMQ prefix: wrapped in a hash tag (`{offer-sync}`) so every key of a queue
 * hashes to one Redis Cluster slot (BullMQ's Lua scripts touch several keys at once).
 * Already-wrapped input (a key-layout tag) is returned unchanged.
 */
export function bullPrefix(prefix: string): string {
  return /^\{[^{}]+\}$/.test(prefix) ? prefix : `{${prefix}}`;
}
