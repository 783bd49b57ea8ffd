// Queue names and the Redis key prefix. One sync queue per *target* platform, so each
// network's write budget and backlog are its own; a dead-letter queue per platform beside it.
import { PLATFORMS, type PlatformName } from '../vocabulary/index.js';

export const RECONCILE_QUEUE = 'reconcile';

export type SyncQueueName = `sync-${PlatformName}`;
export type DeadLetterQueueName = `dlq-${PlatformName}`;

/** The queue of jobs that WRITE to `target`. */
export function syncQueueName(target: PlatformName): SyncQueueName {
  return `sync-${target}`;
}

/** Where jobs of `syncQueueName(platform)` go when they fail for good. */
export function deadLetterQueueName(platform: PlatformName): DeadLetterQueueName {
  return `dlq-${platform}`;
}

/** The target platform of a sync queue name, or `undefined` for any other queue. */
export function platformOfSyncQueue(queueName: string): PlatformName | undefined {
  return PLATFORMS.find((platform) => syncQueueName(platform) === queueName);
}

/**
 * The BullMQ prefix for a configured prefix: wrapped in a hash tag (`{offer-sync}`) so every
 * key of every queue, and the limiter's keys, hash to one Redis Cluster slot (BullMQ's Lua
 * scripts touch several keys at once). Already-wrapped input is returned unchanged.
 */
export function bullPrefix(prefix: string): string {
  return /^\{[^{}]+\}$/.test(prefix) ? prefix : `{${prefix}}`;
}
