// Every permanent failure of a reconciliation lands in the target connection's dead-letter
// queue, against the sandbox servers and a real Redis: the offer whose advertiser has no link
// (its sync job fails, MAPPING) and the goal and commission the run itself fails because that
// offer has no twin (NO_TWIN, found without a job). The next run finds the
// same failures and updates their letters (count, lastSeen, runId) instead of adding others; a
// replay runs a normal sync of the source, whose failure is the same letter (id) again; a dry run
// records nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeadLetters, type DeadLetterEntry } from '../../../src/queue/index.js';
import { redisScope } from '../../helpers/redis.js';
import { waitFor } from '../../helpers/wait-for.js';
import { buildNetwork, FIRST_OFFERIT_OFFER } from './network-fixtures.js';
import { startHarness, type Harness } from './reconcile-harness.js';

const TIMEOUT = 120_000;
const network = buildNetwork({ offeritOffers: 12, goalEvery: 3, commissionEvery: 3 });
/** Offer 1000 names an advertiser ADVERTISER_MAP does not know; it has a goal and a commission. */
const BROKEN = String(FIRST_OFFERIT_OFFER);
for (const offer of network.offerit.offers ?? []) {
  if (String(offer.offerid) === BROKEN) offer.advertiserid = '9';
}

describe('reconcile failures as dead letters', () => {
  const scope = redisScope('reconcile-dlq');
  let harness: Harness;
  const letters = () =>
    createDeadLetters({
      sync: harness.app.queues.sync,
      deadLetter: harness.app.queues.deadLetter,
    });
  const forward = (dryRun = false) =>
    harness.reconcile({ from: 'offerit', to: 'offerslook', dryRun });
  const byRef = (entries: DeadLetterEntry[]): Record<string, DeadLetterEntry> =>
    Object.fromEntries(entries.map((entry) => [entry.ref ?? entry.id, entry]));

  beforeAll(async () => {
    harness = await startHarness({ network, redisUrl: scope.url, prefix: scope.prefix });
  }, TIMEOUT);
  afterAll(async () => {
    await harness?.stop();
    await scope.cleanup();
  });

  it(
    'each permanent failure of a run is a letter in the target connection DLQ, with its code and run',
    async () => {
      const run = await forward();
      const failed = run.items.filter((item) => item.action === 'fail');
      // The offer's sync job dead-letters itself; the run names the failures it found itself.
      expect(failed.map((item) => [item.sourceId.split(':')[0], item.code]).sort()).toEqual([
        ['commission', 'NO_TWIN'],
        ['goal', 'NO_TWIN'],
        ['offer', undefined],
      ]);
      const listed = await letters().list();
      expect(listed).toHaveLength(3);
      expect(listed.every((letter) => letter.connection === 'offerslook')).toBe(true);
      const offer = byRef(listed)[`offerit:offer:${BROKEN}`]!;
      expect(offer).toMatchObject({
        id: `offerslook.offerit.offer.${BROKEN}.MAPPING`,
        origin: 'reconcile',
        code: 'MAPPING',
        action: 'permanent',
        count: 1,
        payload: { source: 'offerit', kind: 'offer', id: BROKEN, reason: 'reconcile' },
      });
      expect(offer.reason).toBe(failed.find((item) => item.entity === 'offer')!.reason);
      expect(offer.firstSeen).toBe(offer.lastSeen);
      const goal = listed.find(
        (letter) => letter.payload && (letter.payload as { kind: string }).kind === 'goal',
      )!;
      expect(goal).toMatchObject({
        id: `offerslook.offerit.goal.${BROKEN}/${(goal.payload as { id: string }).id}.NO_TWIN`,
        code: 'NO_TWIN',
        origin: 'reconcile',
        runId: run.runId,
        count: 1,
        payload: { source: 'offerit', kind: 'goal', offerId: BROKEN, reason: 'reconcile' },
      });
      expect(goal.reason).toMatch(
        new RegExp(`offer:${BROKEN} on offerit has no twin on offerslook`),
      );
    },
    TIMEOUT,
  );

  it(
    'the same failures found by the next run update their letters instead of adding others',
    async () => {
      const before = byRef(await letters().list());
      await new Promise((resolve) => setTimeout(resolve, 20));
      const run = await forward();
      expect(run.failed).toBe(3);
      const after = await letters().list();
      expect(after).toHaveLength(3);
      for (const letter of after) {
        const earlier = before[letter.ref!]!;
        expect(letter.id).toBe(earlier.id);
        expect(letter.count).toBe(2);
        if (letter.code === 'NO_TWIN') expect(letter.runId).toBe(run.runId);
        expect(letter.firstSeen).toBe(earlier.firstSeen);
        expect(Date.parse(letter.lastSeen)).toBeGreaterThan(Date.parse(earlier.lastSeen));
      }
      // A dry run plans the same failures and records none of them.
      const dry = await forward(true);
      expect(dry.failed).toBe(3);
      expect((await letters().list()).map((letter) => letter.count)).toEqual([2, 2, 2]);
      // The scrape counts open letters (not sightings) by connection and reason.
      const metrics = await harness.app.metrics.text();
      expect(metrics).toContain(
        'offer_sync_dead_letters_open{connection="offerslook",reason="NO_TWIN"} 2',
      );
      expect(metrics).toContain(
        'offer_sync_dead_letters_open{connection="offerslook",reason="MAPPING"} 1',
      );
      expect(metrics).not.toMatch(/offer_sync_dead_letters_open\{connection="offerit"/);
    },
    TIMEOUT,
  );

  it(
    'a replay runs a normal sync of the source; failing the same way, it is the same letter again',
    async () => {
      const id = `offerslook.offerit.offer.${BROKEN}.MAPPING`;
      const replayed = await letters().replay(id);
      expect(replayed).toMatchObject({ id, queue: 'sync-offerslook' });
      // The letter went with the replay; the sync job fails for good and writes it again.
      const back = await waitFor(
        async () => {
          const found = (await letters().list()).find((letter) => letter.id === id);
          return found?.origin === 'webhook' ? found : undefined;
        },
        'the replayed sync to dead-letter again',
        30_000,
      );
      expect(back).toMatchObject({ code: 'MAPPING', count: 1, action: 'permanent' });
      expect(back.payload).toMatchObject({
        source: 'offerit',
        kind: 'offer',
        id: BROKEN,
        reason: 'replay',
      });
      expect(back.reason).toMatch(/advertiser/i);
      expect(await letters().list()).toHaveLength(3);
    },
    TIMEOUT,
  );
});
