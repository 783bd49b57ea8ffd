// Per-file Redis isolation: a unique key prefix, and a cleanup that deletes only keys under it.
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { inject } from 'vitest';
import { deleteKeys } from '../../src/redis/scan-keys.js';

export interface RedisScope {
  url: string;
  /** Unique to this scope; every key a test writes must start with it. */
  prefix: string;
  /** A new connection (closed by cleanup). BullMQ workers need their own, with maxRetriesPerRequest null. */
  connect(options?: { forBullWorker?: boolean }): Redis;
  /** Deletes every key under the prefix and closes the connections this scope opened. */
  cleanup(): Promise<void>;
}

export function redisScope(label: string): RedisScope {
  const url = inject('redisUrl');
  const prefix = `test-${label}-${randomBytes(4).toString('hex')}`;
  const opened: Redis[] = [];
  return {
    url,
    prefix,
    connect(options = {}) {
      const client = new Redis(url, options.forBullWorker ? { maxRetriesPerRequest: null } : {});
      opened.push(client);
      return client;
    },
    async cleanup() {
      const admin = new Redis(url);
      try {
        // BullMQ keys look like `<prefix>:<queue>:...`; our own like `<prefix>:...`; hash-tagged
        // `{<prefix>}:...`, a connection's `{<prefix>:<name>}:...` and a pair's `{<prefix>:a+b}:...`.
        for (const pattern of [`${prefix}*`, `{${prefix}}*`, `{${prefix}:*`])
          await deleteKeys(admin, pattern);
      } finally {
        admin.disconnect();
        await Promise.all(opened.map((client) => client.quit().catch(() => client.disconnect())));
      }
    },
  };
}
