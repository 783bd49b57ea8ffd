// Links Offerit offers as a finished offerit->offerslook sync would have (their content hash),
// straight into Redis, with stand-in twins that do not exist on Offerslook. Only for runs that
// never read a twin: a linked offer whose hash matches is unchanged without a request, so a
// network of any size is "mirrored" in seconds and the run spends its time on what it measures.
import { loadConfig, type OfferitConfig } from '../../src/config/index.js';
import { createOfferitClient, createOfferitPlatform } from '../../src/platforms/offerit/index.js';
import { connectRedis } from '../../src/queue/index.js';
import { keyLayout } from '../../src/redis/key-layout.js';
import { TaskWindow } from '../../src/sync/reconcile/index.js';
import { RedisLinkStore } from '../../src/store/index.js';
import { loadMappings } from '../../src/mapping/index.js';
import { recordHasher } from '../../src/sync/run/record-hash.js';

/** Links the Offerit offers `linked(id)` picks; returns how many. */
export async function prelink(
  env: Record<string, string>,
  linked: (id: number) => boolean,
): Promise<number> {
  const config = loadConfig(env);
  const client = createOfferitPlatform(
    createOfferitClient(config.connections.offerit as OfferitConfig),
  );
  const redis = await connectRedis(config.redis, 'worker', 'offer-sync:bench-prelink');
  const links = new RedisLinkStore(redis, {
    // The pair of the two connections named after their platforms.
    prefix: keyLayout(config.prefix).pair('offerit', 'offerslook'),
  });
  const hasher = recordHasher(await loadMappings(config.mappingsDir));
  const window = new TaskWindow(64);
  let count = 0;
  try {
    for await (const record of client.list('offer')) {
      const key = client.keyOf('offer', record);
      if (!linked(Number(key.id))) continue;
      count += 1;
      const twin = { kind: 'offer' as const, id: String(10_000_000 + Number(key.id)) };
      await window.submit(async () => {
        await links.save({
          kind: 'offer',
          offerit: { key, seenHash: hasher.hash('offerit', 'offer', record), syncedAt: 0 },
          offerslook: { key: twin, syncedAt: 0 },
          version: 0,
        });
      });
    }
    await window.drain();
  } finally {
    redis.disconnect();
  }
  return count;
}
