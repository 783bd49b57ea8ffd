// Dead letters on a real Redis: the same failure of the same entity (connection, ref, code)
// recorded again updates one letter's count and lastSeen; one failed job recorded by both of its
// writers (processor and failed-event listener, under different codes) is one letter; trimming
// drops letters unseen for longer than the maximum age, then the longest unseen beyond the
// maximum count.
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createDeadLetters,
  trimDeadLetters,
  type LetterToRecord,
} from '../../../src/queue/index.js';
import { createPlatformQueueSet, platformDeadLetterSink } from '../../helpers/platform-queues.js';
import { redisScope } from '../../helpers/redis.js';

const DAY = 86_400_000;

describe('dead letters: dedupe and trim', () => {
  const scope = redisScope('dlq-dedupe-trim');
  const queues = createPlatformQueueSet({ connection: scope.connect(), prefix: scope.prefix });
  const deadLetters = createDeadLetters(queues);
  afterAll(async () => {
    await queues.close();
    await scope.cleanup();
  });
  beforeEach(async () => {
    await Promise.all(queues.all().map((queue) => queue.obliterate({ force: true })));
  });

  const letter = (jobId: string, id: string, at: string, code = 'VALIDATION'): LetterToRecord => ({
    queue: 'sync-offerslook',
    jobId,
    jobName: 'offerit.offer',
    connection: 'offerslook',
    platform: 'offerslook',
    payload: { source: 'offerit', kind: 'offer', id, reason: 'webhook', requestedAt: at },
    action: 'permanent',
    code,
    reason: `[${code}] rejected offer ${id} (job ${jobId})`,
    attemptsMade: 1,
    rateLimitHits: 0,
    firstFailedAt: at,
    lastFailedAt: at,
    ref: `offerit:offer:${id}`,
    firstSeen: at,
    lastSeen: at,
  });

  it('counts the same failure of one entity on one letter, with the latest reason', async () => {
    const sink = platformDeadLetterSink(queues);
    const first = await sink.record(letter('1', '7', '2026-11-01T10:00:00.000Z'));
    const second = await sink.record(letter('2', '7', '2026-11-02T10:00:00.000Z'));
    // The same job once more (its second writer): not counted again.
    expect(await sink.record(letter('2', '7', '2026-11-02T10:00:01.000Z'))).toBe(first);
    expect(second).toBe(first);
    expect(first).toBe('offerslook.offerit.offer.7.VALIDATION');
    // Another code for the same entity is another failure, another letter.
    await sink.record(letter('3', '7', '2026-11-03T10:00:00.000Z', 'AUTH'));
    const listed = await deadLetters.list();
    expect(listed.map((entry) => [entry.id, entry.count])).toEqual([
      ['offerslook.offerit.offer.7.VALIDATION', 2],
      ['offerslook.offerit.offer.7.AUTH', 1],
    ]);
    expect(listed[0]).toMatchObject({
      firstSeen: '2026-11-01T10:00:00.000Z',
      lastSeen: '2026-11-02T10:00:00.000Z',
      jobId: '2',
      reason: '[VALIDATION] rejected offer 7 (job 2)',
      origin: 'webhook',
    });
  });

  it('one failed job written by both its writers under different codes is one letter', async () => {
    const sink = platformDeadLetterSink(queues);
    await sink.record(letter('5', '9', '2026-11-01T10:00:00.000Z', 'MAPPING'));
    await sink.record(letter('5', '9', '2026-11-01T10:00:00.050Z', 'UNRECOVERABLE'));
    expect((await deadLetters.list()).map((entry) => entry.id)).toEqual([
      'offerslook.offerit.offer.9.MAPPING',
    ]);
  });

  it('trims by age since last seen, then by count, longest unseen first', async () => {
    const sink = platformDeadLetterSink(queues);
    const now = new Date('2026-12-01T00:00:00.000Z');
    const daysAgo = (days: number) => new Date(now.getTime() - days * DAY).toISOString();
    await sink.record(letter('1', '1', daysAgo(40)));
    await sink.record(letter('2', '2', daysAgo(3)));
    await sink.record(letter('3', '3', daysAgo(2)));
    await sink.record(letter('4', '4', daysAgo(1)));
    // First seen 40 days ago, seen again yesterday: kept, its age counts from yesterday.
    await sink.record(letter('5', '5', daysAgo(40)));
    await sink.record(letter('6', '5', daysAgo(1)));
    const removed = await trimDeadLetters(
      queues.deadLetter.offerslook,
      { maxAgeMs: 30 * DAY, maxCount: 3 },
      now,
    );
    expect(removed).toBe(2);
    expect((await deadLetters.list()).map((entry) => entry.payload)).toEqual([
      expect.objectContaining({ id: '3' }),
      expect.objectContaining({ id: '4' }),
      expect.objectContaining({ id: '5' }),
    ]);
  });
});
