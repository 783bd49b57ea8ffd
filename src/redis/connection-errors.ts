// Telling "Redis is away" apart from everything else an ioredis call can throw: the first is
// news once per outage (see src/app/redis-health.ts) and a 503 to an HTTP caller; a Redis answer
// such as WRONGTYPE is a bug and stays an error.

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

const CONNECTION_MESSAGES =
  /Connection is closed|Stream isn't writeable|enableOfflineQueue|CLUSTERDOWN|Command timed out|Failed to refresh slots cache|Reached the max retries per request limit|All sentinels are unreachable/i;

export function isRedisConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'MaxRetriesPerRequestError' || error.name === 'ClusterAllFailedError')
    return true;
  const code = (error as NodeJS.ErrnoException).code;
  if (code !== undefined && NETWORK_CODES.has(code)) return true;
  return CONNECTION_MESSAGES.test(error.message);
}
