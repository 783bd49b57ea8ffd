import { createPlatformQueueSet, platformDeadLetterSink } from '../../helpers/platform-queues.js';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { runDlqList, runDlqReplay } from '../../../src/cli/commands/dlq.js';
import { createDeadLetters, type LetterToRecord } from '../../../src/queue/index.js';
import { redisScope } from '../../helpers/redis.js';

describe('dlq commands', () => {
  const scope = redisScope('dlq-cli');
  const queues = createPlatformQueueSet({ connection: scope.connect(), prefix: scope.prefix });
  const sink = platformDeadLetterSink(queues);
  const deadLetters = createDeadLetters(queues);
  afterAll(async () => {
    await queues.close();
    await scope.cleanup();
  });
  beforeEach(async () => {
    await Promise.all(queues.all().map((queue) => queue.obliterate({ force: true })));
  });

  function io() {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: { out: (line: string) => out.push(line), err: (line: string) => err.push(line) },
    };
  }

  const letter = (
    jobId: string,
    platform: 'offerit' | 'offerslook',
    id: string,
  ): LetterToRecord => ({
    queue: `sync-${platform}`,
    jobId,
    jobName: 'x.offer',
    connection: platform,
    platform,
    payload: {
      source: platform === 'offerit' ? 'offerslook' : 'offerit',
      kind: 'offer',
      id,
      reason: 'webhook',
      requestedAt: '2024-05-01T10:00:00.000Z',
    },
    action: 'permanent',
    code: 'VALIDATION',
    reason: '[VALIDATION] rejected: name is required',
    attemptsMade: 1,
    rateLimitHits: 0,
    firstFailedAt: `2024-05-01T10:00:0${jobId}.000Z`,
    lastFailedAt: `2024-05-01T10:00:0${jobId}.000Z`,
  });

  it('lists letters as lines or JSON, per platform', async () => {
    await sink.record(letter('2', 'offerit', '7'));
    await sink.record(letter('1', 'offerslook', '8'));
    const human = io();
    expect(await runDlqList(deadLetters, {}, human.io)).toBe(0);
    expect(human.out).toHaveLength(3);
    expect(human.out[0]).toContain('sync-offerslook-1');
    expect(human.out[0]).toContain('offerit offer 8');
    expect(human.out[0]).toContain('name is required');
    expect(human.out[2]).toBe('2 dead letters');

    const json = io();
    expect(await runDlqList(deadLetters, { platform: 'offerit', json: true }, json.io)).toBe(0);
    const parsed = JSON.parse(json.out.join('\n')) as { id: string; payload: { id: string } }[];
    expect(parsed.map((entry) => [entry.id, entry.payload.id])).toEqual([['sync-offerit-2', '7']]);
  });

  it('replays one letter by id, or all of a platform, and reports usage errors', async () => {
    await sink.record(letter('1', 'offerit', '7'));
    await sink.record(letter('2', 'offerit', '8'));
    await sink.record(letter('3', 'offerslook', '9'));

    const usage = io();
    expect(await runDlqReplay(deadLetters, {}, usage.io)).toBe(2);
    expect(await runDlqReplay(deadLetters, { id: 'x', all: true }, usage.io)).toBe(2);
    expect(await runDlqReplay(deadLetters, { id: 'nope' }, usage.io)).toBe(2);
    expect(usage.err.at(-1)).toContain('no dead letter');

    const one = io();
    expect(await runDlqReplay(deadLetters, { id: 'sync-offerslook-3' }, one.io)).toBe(0);
    expect(one.out[0]).toMatch(/^replayed sync-offerslook-3 as job \S+ on sync-offerslook$/);

    const all = io();
    expect(await runDlqReplay(deadLetters, { all: true, platform: 'offerit' }, all.io)).toBe(0);
    expect(all.out.at(-1)).toBe('2 replayed, 0 failed');
    expect(await deadLetters.list()).toEqual([]);
    const ids = (await queues.sync.offerit.getJobs(['wait'])).map((job) => job.data.id).sort();
    expect(ids).toEqual(['7', '8']);
  });
});
