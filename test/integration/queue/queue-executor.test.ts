// Waiting for sync jobs on a real BullMQ queue: results and failure reasons come back per job,
// whether the job finished before anyone waited, its event was missed, or it was removed.
import { createPlatformQueueSet } from '../../helpers/platform-queues.js';
import { QueueEvents, UnrecoverableError, Worker, type Job } from 'bullmq';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { syncQueueName } from '../../../src/queue/index.js';
import { RedisHandoffStore } from '../../../src/store/index.js';
import { createQueueExecutor, JobWaiter } from '../../../src/queue/executor/index.js';
import { redisScope } from '../../helpers/redis.js';

const scope = redisScope('reconcile-exec');
const queues = createPlatformQueueSet({
  connection: scope.connect(),
  prefix: scope.prefix,
  retry: { attempts: 1 },
});
const queueName = syncQueueName('offerslook');
const handoff = new RedisHandoffStore(scope.connect(), { layout: queues.layout });
const closing: { close(): Promise<void> }[] = [];

function startWorker(process: (job: Job) => Promise<unknown>): Worker {
  const worker = new Worker(queueName, process, {
    connection: scope.connect({ forBullWorker: true }),
    prefix: queues.prefixOf('offerslook'),
    concurrency: 4,
  });
  closing.push(worker);
  return worker;
}

async function startEvents(): Promise<QueueEvents> {
  const events = new QueueEvents(queueName, {
    connection: scope.connect({ forBullWorker: true }),
    prefix: queues.prefixOf('offerslook'),
  });
  closing.push(events);
  await events.waitUntilReady();
  return events;
}

/** A sync job as enqueueSync would store it. */
const job = (id: string) => ({
  source: 'offerit' as const,
  kind: 'offer' as const,
  id,
  reason: 'reconcile' as const,
  requestedAt: new Date().toISOString(),
});

const result = (job: Job) => ({
  action: 'create',
  sourceId: `offer:${(job.data as { id: string }).id}`,
  entity: 'offer',
  changes: {},
  warnings: [],
  writes: 1,
});

describe('queue executor and job waiter', () => {
  afterEach(async () => {
    await Promise.all(closing.splice(0).map((item) => item.close()));
    await queues.sync.offerslook.obliterate({ force: true });
  });
  afterAll(async () => {
    await queues.close();
    await scope.cleanup();
  });

  it("enqueues a reconcile sync per entity and hands back each job's SyncResult", async () => {
    const seen: unknown[] = [];
    startWorker(async (job) => {
      seen.push(job.data);
      await new Promise((resolve) => setTimeout(resolve, 10));
      return result(job);
    });
    const executor = await createQueueExecutor({
      queues: queues.sync,
      route: { source: 'offerit', target: 'offerslook' },
      handoff,
      events: await startEvents(),
    });
    const outcomes = await Promise.all(
      ['1', '2', '3'].map((id) =>
        executor.sync(
          'offerit',
          { kind: 'offer', id },
          { record: { offerid: id, name: `Offer ${id}` }, readAt: 1_000 },
        ),
      ),
    );
    expect(outcomes.map((outcome) => outcome.ok && outcome.result.sourceId)).toEqual([
      'offer:1',
      'offer:2',
      'offer:3',
    ]);
    expect(seen).toContainEqual(
      expect.objectContaining({ source: 'offerit', kind: 'offer', id: '2', reason: 'reconcile' }),
    );
    // The payload names the listed record; the record itself waits in the handoff store.
    const second = seen.find((data) => (data as { id: string }).id === '2') as {
      sourceRead: string;
    };
    expect(JSON.stringify(second)).not.toContain('Offer 2');
    expect(await handoff.take('offerit', { kind: 'offer', id: '2' }, second.sourceRead)).toEqual({
      record: { offerid: '2', name: 'Offer 2' },
      readAt: 1_000,
    });
    await executor.close();
  });

  it('hands back the reason of a job that failed for good, and of a payload that could not be queued', async () => {
    startWorker(() => Promise.reject(new UnrecoverableError('[VALIDATION] offerslook says no')));
    const executor = await createQueueExecutor({
      queues: queues.sync,
      route: { source: 'offerit', target: 'offerslook' },
      handoff,
      events: await startEvents(),
    });
    expect(
      await executor.sync(
        'offerit',
        { kind: 'offer', id: '1' },
        { record: { offerid: '1' }, readAt: 0 },
      ),
    ).toEqual({
      ok: false,
      reason: '[VALIDATION] offerslook says no',
    });
    const refused = await executor.sync(
      'offerit',
      { kind: 'goal', id: '48' },
      { record: {}, readAt: 0 },
    );
    expect(refused).toMatchObject({ ok: false, reason: expect.stringMatching(/offerId/) });
    await executor.close();
  });

  it('fails an item whose job returned something that is not a sync result', async () => {
    startWorker(() => Promise.resolve('done'));
    const executor = await createQueueExecutor({
      queues: queues.sync,
      route: { source: 'offerit', target: 'offerslook' },
      handoff,
      events: await startEvents(),
    });
    expect(
      await executor.sync(
        'offerit',
        { kind: 'offer', id: '1' },
        { record: { offerid: '1' }, readAt: 0 },
      ),
    ).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/no sync result/),
    });
    await executor.close();
  });

  it('settles a job that finished before the wait began, or whose event never arrived', async () => {
    const queue = queues.sync.offerslook;
    startWorker((job) => Promise.resolve(result(job)));
    const first = await queue.add('x', job('7'));
    await new Promise<void>((resolve) => {
      const poll = async () =>
        (await first.isCompleted()) ? resolve() : setTimeout(() => void poll(), 20);
      void poll();
    });
    // Events of another queue: nothing for our job will ever arrive there.
    const elsewhere = new QueueEvents(syncQueueName('offerit'), {
      connection: scope.connect({ forBullWorker: true }),
      prefix: queues.prefixOf('offerit'),
    });
    closing.push(elsewhere);
    await elsewhere.waitUntilReady();
    const waiter = new JobWaiter(queue, elsewhere, { sweepEveryMs: 50 });
    expect(await waiter.wait(first.id!)).toEqual({ ok: true, value: result(first) });
    const later = await queue.add('x', job('8'));
    expect(await waiter.wait(later.id!)).toEqual({ ok: true, value: result(later) });
    waiter.close();
  });

  it('reports a job removed before its result was read', async () => {
    const queue = queues.sync.offerslook;
    const removed = await queue.add('x', job('9'));
    await removed.remove();
    const waiter = new JobWaiter(queue, await startEvents(), { sweepEveryMs: 50 });
    expect(await waiter.wait(removed.id!)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/removed/),
    });
    waiter.close();
  });

  it('releases every waiter when closed', async () => {
    const waiter = new JobWaiter(queues.sync.offerslook, await startEvents(), {
      sweepEveryMs: 60_000,
    });
    const pending = await queues.sync.offerslook.add('x', job('10'));
    const waiting = waiter.wait(pending.id!);
    waiter.close();
    expect(await waiting).toMatchObject({ ok: false, reason: expect.stringMatching(/shut down/) });
  });
});
