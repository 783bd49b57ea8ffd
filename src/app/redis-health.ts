// Whether Redis answers, told by the connections' own events, and logged once per change of
// state (connected -> down -> up) instead of once per failed reconnect (ioredis emits `error`
// on every try, ten lines a second while Redis is away). The reason logged is the error's code
// (ECONNREFUSED, ...), never its message, which names hosts.
import type { Logger } from '../log/logger.js';
import { isRedisConnectionError } from '../redis/connection-errors.js';
import type { RedisConnection } from '../redis/redis-connection.js';

export interface RedisHealth {
  /** True while every watched connection is ready. */
  available(): boolean;
  /** Watches one more connection (already connected). */
  watch(name: string, connection: RedisConnection): void;
  /** Shutting down: connections closing now are no news (nothing more is logged). */
  stop(): void;
}

export function createRedisHealth(logger: Pick<Logger, 'warn' | 'info'>): RedisHealth {
  const down = new Map<string, string>();
  let wasAvailable = true;
  let stopped = false;
  const changed = () => {
    if (stopped) return;
    const available = down.size === 0;
    if (available === wasAvailable) return;
    wasAvailable = available;
    if (available) logger.info('redis reachable again');
    else
      logger.warn(
        { connections: [...down.keys()], reason: [...down.values()][0] },
        'redis unreachable',
      );
  };
  return {
    available: () => down.size === 0,
    stop() {
      stopped = true;
    },
    watch(name, connection) {
      connection.on('ready', () => {
        down.delete(name);
        changed();
      });
      connection.on('error', (error: Error) => {
        // Every error event while down repeats the same news; only the first changes state.
        if (!down.has(name)) {
          down.set(name, errorCode(error));
          changed();
        }
      });
      connection.on('close', () => {
        if (!down.has(name)) {
          down.set(name, 'connection closed');
          changed();
        }
      });
    },
  };
}

function errorCode(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code ?? error.name;
}

/**
 * An `error` listener for a BullMQ Worker or QueueEvents: logs what is not Redis being away
 * (that is the health watch's one line per outage, not a line per reconnect try).
 */
export function logErrorsButOutages(log: (error: Error) => void): (error: Error) => void {
  return (error) => {
    if (!isRedisConnectionError(error)) log(error);
  };
}
