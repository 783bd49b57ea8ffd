// Explaining an entity end to end (sandboxes over HTTP, real Redis, real BullMQ workers):
// `offer-sync status` and `history` after a create and an update, the same object from
// `GET /entities/...`, the diff as the sync job's log, the last error of a permanent failure,
// and a lock that keeps both routes off an entity.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entitiesPortOf } from '../../../src/app/explainer.js';
import { runLock, runUnlock } from '../../../src/cli/commands/locks.js';
import { runHistory, runStatus } from '../../../src/cli/commands/status.js';
import { createIngressServer, type IngressServer } from '../../../src/ingress/index.js';
import type { EntityHistory, EntityStatus } from '../../../src/sync/explain/index.js';
import { startPipelineHarness, type PipelineHarness } from '../../helpers/pipeline-harness.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import { pipelineNetwork } from './network.js';
import { RedisWebhookReplayStore } from '../../../src/store/index.js';

/** Runs a run* command in-process, collecting what it prints. */
async function captured(
  run: (io: { out: (line: string) => void; err: (line: string) => void }) => Promise<number>,
): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run({ out: (line) => out.push(line), err: (line) => err.push(line) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const API_TOKEN = 'explain-e2e-token';
const get = (url: string) => fetch(url, { headers: { authorization: `Bearer ${API_TOKEN}` } });

describe('explain, history and lock', () => {
  let scope: RedisScope;
  let h: PipelineHarness;
  let server: IngressServer;
  let base: string;

  beforeAll(async () => {
    scope = redisScope('explain');
    h = await startPipelineHarness({
      redisUrl: scope.url,
      prefix: scope.prefix,
      seed: pipelineNetwork(),
    });
    server = await createIngressServer({
      // Every route but the probes needs credentials: this test speaks as automation does.
      config: { ...h.config, tokens: { ...h.config.tokens, api: API_TOKEN } },
      webhookReplays: new RedisWebhookReplayStore(scope.connect(), { prefix: `{${scope.prefix}}` }),
      logger: h.app.logger,
      queues: [],
      enqueueSync: () => Promise.resolve({ jobIds: [] }),
      readiness: () => Promise.resolve({ ready: true, checks: {} }),
      metrics: h.app.metrics,
      entities: entitiesPortOf(h.app),
    });
    base = await server.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await server?.close();
    await h?.stop();
    await scope?.cleanup();
  });

  const status = async (ref: string, check = true): Promise<EntityStatus> => {
    const run = await captured((io) => runStatus(h.app, ref, { json: true, check }, io));
    expect(run.code, run.err).toBe(0);
    return JSON.parse(run.out) as EntityStatus;
  };
  const history = async (ref: string): Promise<EntityHistory> => {
    const run = await captured((io) => runHistory(h.app, ref, { json: true }, io));
    expect(run.code, run.err).toBe(0);
    return JSON.parse(run.out) as EntityHistory;
  };

  it('explains an offer after its create and after an update: twin, last sync, hashes, history with exact money', async () => {
    const createJob = await h.enqueue('offerit', { kind: 'offer', id: '400' });
    const created = await h.result('offerit', createJob.jobId);
    expect(created).toMatchObject({ action: 'create', writes: 1 });
    const twinId = created.targetId!.split(':')[1]!;

    const afterCreate = await status('offerit:offer:400');
    expect(afterCreate).toMatchObject({
      ref: 'offerit:offer:400',
      twin: { connection: 'offerslook', id: twinId },
      lastSync: {
        action: 'create',
        writes: 1,
        jobId: createJob.jobId,
        route: 'offerit->offerslook',
      },
      lastError: null,
      conflict: null,
      locked: null,
      pending: null,
      checked: true,
    });
    expect(afterCreate.lastSync!.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(afterCreate.hashesMatch).toBe(true);
    // The lossy fields are the mapping's, as the sync reported them.
    const lossy = created.warnings
      .filter((warning) => warning.startsWith('lossy '))
      .map((warning) => warning.slice('lossy '.length));
    expect(afterCreate.lossy).toEqual(lossy);
    expect((await status('offerit:offer:400', false)).lossy).toEqual(lossy);

    // An edit on Offerit the sync has not seen yet: the stored hash no longer matches that side.
    await h.pair.clients.offerit.update(
      { kind: 'offer', id: '400' },
      { flat_amount_per_conversion: '5.75' },
    );
    const stale = await status('offerit:offer:400');
    expect(stale.hashesMatch).toBe(false);
    expect(stale.twins[0]!.hashes.entity.match).toBe(false);
    expect(stale.twins[0]!.hashes.twin.match).toBe(true);

    const updateJob = await h.enqueue('offerit', { kind: 'offer', id: '400' });
    const updated = await h.result('offerit', updateJob.jobId);
    expect(updated).toMatchObject({ action: 'update', writes: 1 });
    const afterUpdate = await status('offerit:offer:400');
    expect(afterUpdate.lastSync).toMatchObject({
      action: 'update',
      writes: 1,
      jobId: updateJob.jobId,
    });
    expect(afterUpdate.hashesMatch).toBe(true);
    // The twin's status knows the same sync, from its side.
    expect(await status(`offerslook:offer:${twinId}`)).toMatchObject({
      twin: { connection: 'offerit', id: '400' },
      lastSync: { action: 'update', jobId: updateJob.jobId, other: 'offerit:offer:400' },
    });

    const listed = await history('offerit:offer:400');
    expect(listed.entries.map((entry) => [entry.action, entry.jobId, entry.route])).toEqual([
      ['update', updateJob.jobId, 'offerit->offerslook'],
      ['create', createJob.jobId, 'offerit->offerslook'],
    ]);
    expect(listed.entries[0]!.target).toBe(`offerslook:offer:${twinId}`);
    // Money as decimal text both ways: `to` as written, `from` as the twin's platform answered it
    // (Offerslook's v2 answers send 4.5 as a JSON number, read as "4.5").
    expect(Object.keys(listed.entries[0]!.changes)).toEqual(['payout']);
    expect(listed.entries[0]!.changes.payout!.to).toBe('5.75');
    expect(listed.entries[0]!.changes.payout!.from).toMatch(/^4\.50?$/);
    expect(listed.entries[1]!.changes.payout).toEqual({
      from: null,
      to: expect.stringMatching(/^4\.50?$/),
    });
    expect(listed.entries[1]!.changes.name).toEqual({
      from: null,
      to: 'Summer Dating CPA (GB/DE)',
    });
    // Findable from the twin's ref too.
    expect((await history(`offerslook:offer:${twinId}`)).entries).toEqual(listed.entries);

    // The same lines are the sync job's log in Bull Board.
    const logs = await h.app.queues.sync.offerslook!.getJobLogs(updateJob.jobId);
    expect(logs.logs).toEqual([
      `update offerit:offer:400 -> offerslook:offer:${twinId} along offerit->offerslook (1 write)`,
      `payout: ${JSON.stringify(listed.entries[0]!.changes.payout!.from)} -> "5.75"`,
    ]);

    // GET /entities/... answers the same object.
    const http = await get(`${base}/entities/offerit/offer/400`);
    expect(http.status).toBe(200);
    expect(await http.json()).toEqual(await status('offerit:offer:400'));
    const httpHistory = await get(`${base}/entities/offerit/offer/400/history`);
    expect(httpHistory.status).toBe(200);
    expect(await httpHistory.json()).toEqual(listed);
    const unchecked = await get(`${base}/entities/offerit/offer/400?check=false`);
    expect(await unchecked.json()).toMatchObject({ checked: false, hashesMatch: null });
  });

  it('answers bad refs with 400 and unknown connections or entities with 404, naming the problem', async () => {
    const badEntity = await get(`${base}/entities/offerit/banana/400`);
    expect(badEntity.status).toBe(400);
    expect(await badEntity.json()).toMatchObject({
      error: {
        code: 'INVALID_REF',
        message: expect.stringContaining('must be offer, goal or commission'),
      },
    });
    const goalWithoutOffer = await get(`${base}/entities/offerit/goal/48`);
    expect(goalWithoutOffer.status).toBe(400);
    const unknownConnection = await get(`${base}/entities/partner-z/offer/400`);
    expect(unknownConnection.status).toBe(404);
    expect(await unknownConnection.json()).toMatchObject({ error: { code: 'UNKNOWN_CONNECTION' } });
    const missing = await get(`${base}/entities/offerit/offer/999999`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'ENTITY_NOT_FOUND' } });
    const usage = await captured((io) =>
      runStatus(h.app, 'offerit:offer', { json: true, check: false }, io),
    );
    expect(usage.code).toBe(2);
    expect(usage.err).toMatch(/offer, goal or commission|id of/);
  });

  it('explains a goal through its offer-qualified ref and path', async () => {
    await h.sync('offerit', { kind: 'goal', offerId: '400', id: '48' });
    const goal = await status('offerit:goal:400/48');
    expect(goal.twin?.connection).toBe('offerslook');
    expect(goal.lastSync).toMatchObject({ action: 'create', writes: 1 });
    const http = await get(`${base}/entities/offerit/goal/400/48`);
    expect(http.status).toBe(200);
    expect(await http.json()).toMatchObject({ ref: 'offerit:goal:400/48', twin: goal.twin });
  });

  it('records the last error with the platform message after a permanent failure', async () => {
    await h.sync('offerit', { kind: 'offer', id: '401' });
    // Clearing a field Offerslook already has a value for is refused there (HTTP 422).
    await h.pair.clients.offerit.update({ kind: 'offer', id: '401' }, { preview_url: '' });
    const queued = await h.enqueue('offerit', { kind: 'offer', id: '401' });
    await expect(h.result('offerit', queued.jobId)).rejects.toThrow(/may not be set to empty/);

    const failed = await status('offerit:offer:401', false);
    expect(failed.lastError).toMatchObject({
      code: 'VALIDATION',
      jobId: queued.jobId,
      route: 'offerit->offerslook',
      final: true,
      attempts: 1,
    });
    expect(failed.lastError!.message).toContain(
      'offer.preview_url: may not be set to empty once it has a value',
    );
    expect(failed.lastError!.platformMessage).toEqual(expect.stringContaining('preview_url'));
  });

  it('a lock keeps both routes off the entity, says why, and lifts with unlock', async () => {
    const created = await h.sync('offerit', { kind: 'offer', id: '402' });
    const twinId = created.targetId!.split(':')[1]!;
    const locked = await captured((io) =>
      runLock(h.app, 'offerit:offer:402', 'price under review', io),
    );
    expect(locked.code, locked.err).toBe(0);

    // Edited on both sides; neither route writes while it is locked.
    await h.pair.clients.offerit.update(
      { kind: 'offer', id: '402' },
      { name: 'Renamed on Offerit' },
    );
    await h.pair.clients.offerslook.update(
      { kind: 'offer', id: twinId },
      { description: 'Edited on Offerslook' },
    );
    h.clearLogs();
    const there = await h.sync('offerit', { kind: 'offer', id: '402' });
    const back = await h.sync('offerslook', { kind: 'offer', id: twinId });
    expect(there).toMatchObject({ action: 'locked', writes: 0 });
    expect(there.reason).toContain('offerit:offer:402 is locked: price under review');
    expect(back).toMatchObject({ action: 'locked', writes: 0 });
    expect(h.offerit.runtime.log.writes()).toEqual([]);
    expect(h.offerslook.runtime.log.writes()).toEqual([]);

    const explained = await status('offerit:offer:402', false);
    expect(explained.locked).toMatchObject({ reason: 'price under review' });
    expect(explained.lastSync).toMatchObject({ action: 'locked', writes: 0 });

    const unlocked = await captured((io) => runUnlock(h.app, 'offerit:offer:402', io));
    expect(unlocked.code, unlocked.err).toBe(0);
    expect(await h.sync('offerit', { kind: 'offer', id: '402' })).toMatchObject({
      action: 'update',
      writes: 1,
    });
    expect((await status('offerit:offer:402', false)).locked).toBeNull();
    const again = await captured((io) => runUnlock(h.app, 'offerit:offer:402', io));
    expect(again.code).toBe(2);
  });

  it('says the same in words without --json', async () => {
    const run = await captured((io) =>
      runStatus(h.app, 'offerit:offer:402', { json: false, check: true }, io),
    );
    expect(run.code, run.err).toBe(0);
    expect(run.out).toMatch(
      /^offerit:offer:402\n {2}twin: offerslook:offer:\d+ \(offerit->offerslook, offerslook->offerit\): hashes match both sides/,
    );
    expect(run.out).toMatch(/last sync: \S+ update along offerit->offerslook, 1 writes/);
  });

  it('prints one JSON object on stdout from the real CLI', async () => {
    const run = await h.cli(['status', 'offerit:offer:400', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const parsed = JSON.parse(run.stdout) as EntityStatus;
    for (const key of ['twin', 'lastSync', 'lastError', 'conflict', 'locked', 'pending', 'lossy'])
      expect(parsed).toHaveProperty(key);
    expect(parsed.twin?.connection).toBe('offerslook');
  });
});
