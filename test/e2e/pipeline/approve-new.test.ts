// Approval of new offers end to end (APPROVE_NEW: both routes hold new offers back): a new
// offer waits in the pending list with its goal, approve creates it exactly once, reject makes
// later syncs skip it, and a reconciliation counts what waits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runApprove, runPendingList, runReject } from '../../../src/cli/commands/pending.js';
import { runStatus } from '../../../src/cli/commands/status.js';
import type { PendingEntry } from '../../../src/store/index.js';
import type { EntityStatus } from '../../../src/sync/explain/index.js';
import {
  startPipelineHarness,
  waitFor,
  type PipelineHarness,
} from '../../helpers/pipeline-harness.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import { offerslookOffersNamed, pipelineNetwork } from './network.js';

async function captured(
  run: (io: { out: (line: string) => void; err: (line: string) => void }) => Promise<number>,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run({ out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('approve_new: new offers wait for approval', () => {
  let scope: RedisScope;
  let h: PipelineHarness;

  beforeAll(async () => {
    scope = redisScope('approve-new');
    h = await startPipelineHarness({
      redisUrl: scope.url,
      prefix: scope.prefix,
      seed: pipelineNetwork(),
      env: { APPROVE_NEW: 'true' },
    });
  });
  afterAll(async () => {
    await h?.stop();
    await scope?.cleanup();
  });

  const pendingList = async (): Promise<PendingEntry[]> => {
    const run = await captured((io) => runPendingList(h.app, { json: true }, io));
    expect(run.code, run.err).toBe(0);
    return JSON.parse(run.out) as PendingEntry[];
  };

  it('keeps a new offer (and its goal) pending, then approve creates it exactly once', async () => {
    const held = await h.sync('offerit', { kind: 'offer', id: '400' });
    expect(held).toMatchObject({ action: 'pending', writes: 0 });
    expect(held.reason).toContain('offer-sync approve offerit:offer:400');
    expect(offerslookOffersNamed(h.offerslook, 'Summer Dating CPA (GB/DE)')).toEqual([]);
    // Its goal waits with it instead of failing for want of a twin.
    expect(await h.sync('offerit', { kind: 'goal', offerId: '400', id: '48' })).toMatchObject({
      action: 'pending',
      writes: 0,
    });

    const listed = await pendingList();
    expect(listed).toEqual([
      {
        ref: 'offerit:offer:400',
        name: 'Summer Dating CPA (GB/DE)',
        payout: expect.stringMatching(/^4\.50?$/), // as the platform answers it
        routes: ['offerit->offerslook'],
        firstSeen: expect.stringMatching(/^\d{4}-/),
        lastSeen: expect.stringMatching(/^\d{4}-/),
      },
    ]);
    const status = await captured((io) =>
      runStatus(h.app, 'offerit:offer:400', { json: true, check: false }, io),
    );
    expect((JSON.parse(status.out) as EntityStatus).pending).toMatchObject({
      ref: 'offerit:offer:400',
    });

    const approved = await captured((io) =>
      runApprove(h.app, 'offerit:offer:400', { all: false }, io),
    );
    expect(approved.code, approved.err).toBe(0);
    const jobId = /queued job (\S+) on sync-offerslook/.exec(approved.out)?.[1];
    expect(jobId, approved.out).toBeDefined();
    expect(await h.result('offerit', jobId!)).toMatchObject({ action: 'create', writes: 1 });
    expect(await pendingList()).toEqual([]);
    // Later syncs update the twin; nothing creates another.
    expect(await h.sync('offerit', { kind: 'offer', id: '400' })).toMatchObject({
      action: 'unchanged',
    });
    expect(await h.sync('offerit', { kind: 'goal', offerId: '400', id: '48' })).toMatchObject({
      action: 'create',
      writes: 1,
    });
    expect(offerslookOffersNamed(h.offerslook, 'Summer Dating CPA (GB/DE)')).toHaveLength(1);
  });

  it('reject makes later syncs skip the offer until it is approved', async () => {
    expect(await h.sync('offerit', { kind: 'offer', id: '401' })).toMatchObject({
      action: 'pending',
    });
    const rejected = await captured((io) => runReject(h.app, 'offerit:offer:401', io));
    expect(rejected.code, rejected.err).toBe(0);
    expect(await pendingList()).toEqual([]);
    const skipped = await h.sync('offerit', { kind: 'offer', id: '401' });
    expect(skipped).toMatchObject({ action: 'rejected', writes: 0 });
    expect(
      h.offerslook.runtime.log
        .writes()
        .filter((w) => w.method === 'POST' && w.path === '/v1/offers'),
    ).toHaveLength(1);
    const status = await captured((io) =>
      runStatus(h.app, 'offerit:offer:401', { json: true, check: false }, io),
    );
    expect((JSON.parse(status.out) as EntityStatus).rejected).toMatchObject({
      at: expect.any(String),
    });
  });

  it('answers usage errors with exit code 2', async () => {
    const neither = await captured((io) => runApprove(h.app, undefined, { all: false }, io));
    expect(neither.code).toBe(2);
    const goal = await captured((io) => runReject(h.app, 'offerit:goal:400/48', io));
    expect(goal.code).toBe(2);
    expect(goal.err).toContain('only new offers wait for approval');
    const unknown = await captured((io) =>
      runApprove(h.app, undefined, { all: true, connection: 'nope' }, io),
    );
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('no connection named "nope"');
  });

  it('a reconciliation counts the offers that wait, and approve --all creates them', async () => {
    const run = await h.cli(
      ['reconcile', '--from', 'offerit', '--to', 'offerslook', '--entity', 'offer', '--json'],
      120_000,
    );
    const report = JSON.parse(run.stdout) as {
      pending: number;
      created: number;
      items: { action: string; sourceId: string }[];
    };
    const waiting = report.items
      .filter((item) => item.action === 'pending')
      .map((item) => item.sourceId);
    expect(report.pending).toBe(waiting.length);
    expect(report.pending).toBeGreaterThan(0);
    expect(report.created).toBe(0);
    expect(waiting).not.toContain('offer:400'); // approved and created
    expect(waiting).not.toContain('offer:401'); // rejected: skipped
    expect((await pendingList()).map((entry) => entry.ref).sort()).toEqual(
      waiting.map((id) => `offerit:${id}`).sort(),
    );

    const all = await captured((io) => runApprove(h.app, undefined, { all: true }, io));
    expect(all.code, all.err).toBe(0);
    expect(all.out).toContain(`${waiting.length} approved`);
    const jobIds = [...all.out.matchAll(/queued job (\S+) on sync-offerslook/g)].map((m) => m[1]!);
    for (const jobId of jobIds)
      expect(await h.result('offerit', jobId)).toMatchObject({ action: 'create' });
    await waitFor(async () => (await pendingList()).length === 0, 'the pending list to empty');
  }, 180_000);
});
