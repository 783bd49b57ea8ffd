// The checks behind `offer-sync doctor`: each returns one line's worth of verdict, never throws.
import { describeRedis, type RedisConfig } from '../config/index.js';
import { isPlatformError, type PlatformError } from '../platforms/errors.js';
import { isGetDetailsMissing } from '../platforms/offerit/get-details-missing.js';
import type { PlatformClient } from '../platforms/platform-client.js';
import { connectRedis } from '../queue/connections.js';
import { MIN_REDIS_VERSION, inspectRedis, versionAtLeast } from '../redis/inspect-redis.js';
import type { RedisConnection } from '../redis/redis-connection.js';

export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  name: string;
  status: CheckStatus;
  detail: string;
}

export async function checkRedis(target: RedisConfig): Promise<CheckResult[]> {
  const where = describeRedis(target);
  let redis: RedisConnection | undefined;
  try {
    // A producer connection: a first connect that fails is reported at once, not retried.
    redis = await connectRedis(target, 'producer', 'offer-sync:doctor');
    redis.on('error', () => {});
    const facts = await inspectRedis(redis);
    const nodes = facts.nodes.length > 1 ? ` (${facts.nodes.length} nodes answered)` : '';
    const results: CheckResult[] = [
      { name: 'redis', status: 'ok', detail: `reachable at ${where}${nodes}` },
    ];
    if (facts.unreachable.length > 0) {
      results.push({
        name: 'redis nodes',
        status: 'warn',
        detail: `not answering: ${facts.unreachable.join('; ')}`,
      });
    }
    results.push(
      versionAtLeast(facts.version, MIN_REDIS_VERSION)
        ? { name: 'redis version', status: 'ok', detail: facts.version }
        : {
            name: 'redis version',
            status: 'fail',
            detail: `${facts.version} is older than ${MIN_REDIS_VERSION}, which BullMQ needs`,
          },
    );
    const permissive = facts.nodes.filter((node) => node.maxmemoryPolicy !== 'noeviction');
    const on =
      facts.nodes.length > 1 ? ` on ${permissive.map((node) => node.node).join(', ')}` : '';
    results.push(
      facts.maxmemoryPolicy === 'noeviction'
        ? { name: 'redis maxmemory-policy', status: 'ok', detail: 'noeviction' }
        : {
            name: 'redis maxmemory-policy',
            status: 'warn',
            detail: `${facts.maxmemoryPolicy ?? 'unknown'}${on}: Redis may evict queued jobs and links under memory pressure; set noeviction`,
          },
    );
    return results;
  } catch (error) {
    return [
      {
        name: 'redis',
        status: 'fail',
        detail: `unreachable at ${where}: ${(error as Error).message}`,
      },
    ];
  } finally {
    redis?.disconnect();
  }
}

/** One authenticated call; the check is named after the connection (`offerit`, `partner-a`). */
export async function checkPlatform(
  client: PlatformClient,
  name: string = client.platform,
): Promise<CheckResult> {
  const started = Date.now();
  try {
    await client.ping();
    return {
      name,
      status: 'ok',
      detail: `authenticated call answered in ${Date.now() - started} ms`,
    };
  } catch (error) {
    return { name, status: 'fail', detail: explainPlatformFailure(error) };
  }
}

/** Says why a platform call failed in the words an operator acts on. */
export function explainPlatformFailure(error: unknown): string {
  if (!isPlatformError(error)) return `unexpected error: ${(error as Error).message}`;
  if (error.platform === 'offerit') {
    const offerit = explainOfferitFailure(error);
    if (offerit !== undefined) return offerit;
  }
  const said = error.platformMessage ? ` (${error.platformMessage})` : '';
  switch (error.code) {
    case 'AUTH':
      return error.status === 403
        ? `forbidden: bad API key or this machine's IP is not on the platform's allowed list${said}`
        : `bad credentials: the platform rejected the API key or user name${said}`;
    case 'TRANSIENT':
      return `unreachable or failing: ${error.message}`;
    case 'RATE_LIMITED':
      return `rate limited right now (the key works): ${error.message}`;
    case 'NOT_FOUND':
      return `endpoint not found: is the base URL right? ${error.message}`;
    default:
      return error.message;
  }
}

/**
 * Offerit answers bad credentials and an IP missing from the allow-list with the same statuses
 * as anything else (the client tells them apart with ping), and an install from before mid-2020
 * has no get_details at all.
 */
function explainOfferitFailure(error: PlatformError): string | undefined {
  const said = error.platformMessage ? ` (the platform said: ${error.platformMessage})` : '';
  if (error.code === 'AUTH') {
    return (
      'credentials, IP allow-list or REST API not enabled: check OFFERIT_API_USERNAME and ' +
      "OFFERIT_API_KEY (an admin user's), that this machine's IP is on the network's " +
      `ADMIN_API_ALLOWED_IPS, that the REST API is enabled, and that OFFERIT_BASE_URL ends in /api${said}`
    );
  }
  if (isGetDetailsMissing(error)) {
    return (
      'this Offerit / NATS for Networks install has no get_details endpoint (it answers 404; ' +
      'get_details arrived with the mid-2020 releases): offer-sync cannot read or list its ' +
      `offers, only write the ones it knows by id. Upgrade the platform${said}`
    );
  }
  return undefined;
}
