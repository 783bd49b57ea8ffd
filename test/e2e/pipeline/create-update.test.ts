// The sync pipeline end to end (sandboxes over HTTP, real Redis, real BullMQ workers): creates
// in both directions with goals and per-affiliate commissions, updates that carry only what
// changed, no-ops that write nothing, and our own writes coming back as echoes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoggedRequest } from '../../../src/sandbox/common/index.js';
import { startPipelineHarness, type PipelineHarness } from '../../helpers/pipeline-harness.js';
import { decimal } from '../../helpers/decimal-matcher.js';
import { runSync } from '../../../src/sync/run/index.js';
import { redisScope, type RedisScope } from '../../helpers/redis.js';
import { pipelineNetwork } from './network.js';

function idOf(targetId: string | undefined): string {
  const id = targetId?.split(/[:/]/).pop();
  if (!id) throw new Error(`no target id in ${String(targetId)}`);
  return id;
}

describe('sync pipeline: create, update, no-op, echo', () => {
  let scope: RedisScope;
  let h: PipelineHarness;
  const offerslookWrites = (): LoggedRequest[] => h.offerslook.runtime.log.writes();
  const offeritWrites = (): LoggedRequest[] => h.offerit.runtime.log.writes();

  beforeAll(async () => {
    scope = redisScope('pipeline-create');
    h = await startPipelineHarness({
      redisUrl: scope.url,
      prefix: scope.prefix,
      seed: pipelineNetwork(),
    });
  });
  afterAll(async () => {
    await h?.stop();
    await scope?.cleanup();
  });

  it('creates an Offerit offer, its goal and a per-affiliate commission on Offerslook with the mapped fields', async () => {
    const offer = await h.sync('offerit', { kind: 'offer', id: '400' });
    expect(offer).toMatchObject({ action: 'create', writes: 1, target: 'offerslook' });
    const offerId = Number(idOf(offer.targetId));
    const created = h.offerslook.state.store.offers.get(offerId);
    expect(created).toMatchObject({
      name: 'Summer Dating CPA (GB/DE)',
      description: 'Double opt-in registration; desktop and mobile.',
      // The click macro translated, the unknown one left alone.
      destination_url: 'https://landing.example.com/dating/?click={click_id}&aff=%%affiliate_id%%',
      status: 'active',
      advertiser_id: 12, // ADVERTISER_MAP 1:12
      revenue_type: 'RPA',
      revenue: decimal('7.00'),
      payout_type: 'CPA',
      payout: decimal('4.50'),
      offer_approval: 2,
    });
    expect(h.offerslook.state.store.geos.get(offerId)).toEqual({
      type: 1,
      countries: ['GB', 'DE'],
    });

    const goal = await h.sync('offerit', { kind: 'goal', offerId: '400', id: '48' });
    expect(goal).toMatchObject({ action: 'create', writes: 1 });
    const event = h.offerslook.state.store.events.get(offerId)?.get(Number(idOf(goal.targetId)));
    expect(event).toMatchObject({
      name: 'Registration',
      payout_type: 'CPA',
      payout: decimal('1.00'),
      revenue_type: 'RPA',
      revenue: decimal('1.50'),
    });

    // Change 59 pays Offerit affiliate 3 (anna@adsworks.example), who is Offerslook affiliate 210.
    const commission = await h.sync('offerit', { kind: 'commission', offerId: '400', id: '59' });
    expect(commission).toMatchObject({ action: 'create', writes: 1 });
    const payout = h.offerslook.state.store.payouts.get(Number(idOf(commission.targetId)));
    expect(payout).toMatchObject({
      offer_id: offerId,
      affiliate_id: 210,
      event_id: 1,
      current_payout: decimal('5.25'),
    });

    const link = await h.pair.links.find('offerit', { kind: 'offer', id: '400' });
    expect(link?.offerslook.key).toEqual({ kind: 'offer', id: String(offerId) });
    const affiliate = await h.pair.links.find('offerit', { kind: 'affiliate', id: '3' });
    expect(affiliate?.offerslook.key).toEqual({ kind: 'affiliate', id: '210' });
  });

  it('creates an Offerslook offer, its event and an affiliate payout on Offerit with the mapped fields', async () => {
    const offer = await h.sync('offerslook', { kind: 'offer', id: '501' });
    expect(offer).toMatchObject({ action: 'create', writes: 1, target: 'offerit' });
    const offerid = idOf(offer.targetId);
    const created = h.offerit.state.offers.get(offerid);
    expect(created?.active).toBe('1');
    expect(created?.fields).toMatchObject({
      name: 'Summer Sale VPN - US',
      offer_description: 'Annual VPN plan, US traffic only.',
      url: 'https://vpn.example.com/summer?click=%%click_hash%%&aff={aff_id}',
      authorized: ['US'],
      advertiserid: '1', // ADVERTISER_MAP 1:12, read backwards
      advertiser_cost_type: 'conversion',
      advertiser_cost_flat: decimal('6.50'),
      commission_type: 'cpa',
      flat_amount_per_conversion: decimal('4.20'),
      conversion_type: 'image',
      pending_approval_lockout: '86400', // base event approves conversions by hand
    });

    const goal = await h.sync('offerslook', { kind: 'goal', offerId: '501', id: '3' });
    expect(goal).toMatchObject({ action: 'create', writes: 1 });
    expect(
      created?.goals.find((candidate) => candidate.offer_goal_id === idOf(goal.targetId)),
    ).toMatchObject({
      name: 'Upsell',
      commission_type: 'flat',
      amount: decimal('2.00'),
      revenue_type: 'conversion',
      revenue_amount: decimal('3.00'),
    });

    // Payout 1 pays Offerslook affiliate 201 (alice@example.com), who is Offerit affiliate 20.
    const commission = await h.sync('offerslook', { kind: 'commission', offerId: '501', id: '1' });
    expect(commission).toMatchObject({ action: 'create', writes: 1 });
    const change = h.offerit.state.changes.find(
      (candidate) =>
        candidate.offerid === offerid && candidate.changeid === idOf(commission.targetId),
    );
    expect(change).toMatchObject({
      goalid: '0',
      type: 'standard',
      affiliates: { '20': 'alice_archer' },
      payouts: { flat_amount_per_conversion: decimal('4.80') },
    });
  });

  it("never takes an unrelated event of the offer's twin for a goal's twin", async () => {
    const offer = await h.sync('offerit', { kind: 'offer', id: '402' });
    const twin = idOf(offer.targetId);
    // Someone adds an event of their own to the Offerslook offer.
    const own = await h.pair.clients.offerslook.create(
      'goal',
      {
        name: 'Hand-made event',
        payout_type: 'CPA',
        payout: '9.00',
        revenue_type: 'RPA',
        revenue: '12.00',
      },
      { offerId: twin },
    );

    const goal = await h.sync('offerit', { kind: 'goal', offerId: '402', id: '50' });

    expect(goal).toMatchObject({ action: 'create', writes: 1 });
    expect(goal.targetId).not.toBe(`goal:${twin}/${own.key.id}`);
    expect(
      h.offerslook.state.store.events.get(Number(twin))?.get(Number(own.key.id)),
    ).toMatchObject({
      name: 'Hand-made event',
      payout: decimal('9.00'),
    });
  });

  it('writes only the fields that changed', async () => {
    const first = await h.sync('offerit', { kind: 'offer', id: '401' });
    const twin = idOf(first.targetId);
    // Someone edits two fields on Offerit.
    await h.pair.clients.offerit.update(
      { kind: 'offer', id: '401' },
      { name: 'VPN Annual Plan Revshare (2025)', percentage_of_customer_conversion: '37.50' },
    );
    const before = offerslookWrites().length;

    const updated = await h.sync('offerit', { kind: 'offer', id: '401' });

    expect(updated).toMatchObject({ action: 'update', writes: 1 });
    expect(Object.keys(updated.changes).sort()).toEqual(['name', 'percent_payout']);
    const written = offerslookWrites().slice(before);
    expect(written.map((entry) => `${entry.method} ${entry.path}`)).toEqual([
      `PUT /v1/offers/${twin}`,
    ]);
    expect(written[0]!.params).toEqual({
      offer: { name: 'VPN Annual Plan Revshare (2025)', percent_payout: decimal('37.50') },
    });
    expect(h.offerslook.state.store.offers.get(Number(twin))).toMatchObject({
      name: 'VPN Annual Plan Revshare (2025)',
      percent_payout: decimal('37.50'),
      payout_type: 'CPS',
    });
  });

  it('carries edits made on both sides to different fields both ways', async () => {
    const first = await h.sync('offerit', { kind: 'offer', id: '403' });
    const twin = idOf(first.targetId);
    await h.pair.clients.offerslook.update(
      { kind: 'offer', id: twin },
      { name: 'Game installs (renamed on Offerslook)' },
    );
    await h.pair.clients.offerit.update(
      { kind: 'offer', id: '403' },
      { flat_amount_per_click: '0.07' },
    );

    const there = await h.sync('offerit', { kind: 'offer', id: '403' });
    const back = await h.sync('offerslook', { kind: 'offer', id: twin });

    // Our write of the payout must not make the renamed record look like our own echo.
    expect(there).toMatchObject({
      action: 'update',
      changes: { payout: { to: decimal('0.07') } },
    });
    expect(Object.keys(there.changes)).toEqual(['payout']);
    expect(back).toMatchObject({
      action: 'update',
      changes: { name: { to: 'Game installs (renamed on Offerslook)' } },
    });
    // (Offerit's unset `hidden` and `pending_approval_lockout` come back filled in as "0": the
    // reverse route maps Offerslook's 0 defaults, so those two are written too, once.)
    expect(back.changes).not.toHaveProperty('flat_amount_per_click');
    expect(h.offerit.state.offers.get('403')?.fields).toMatchObject({
      name: 'Game installs (renamed on Offerslook)',
      flat_amount_per_click: decimal('0.07'),
    });
    expect(h.offerslook.state.store.offers.get(Number(twin))).toMatchObject({
      name: 'Game installs (renamed on Offerslook)',
      payout: decimal('0.07'),
    });
  });

  it('costs zero writes when nothing changed', async () => {
    await h.sync('offerit', { kind: 'offer', id: '404' });
    await h.sync('offerit', { kind: 'goal', offerId: '404', id: '51' });
    const writesBefore = { offerit: offeritWrites().length, offerslook: offerslookWrites().length };

    const again = [
      await h.sync('offerit', { kind: 'offer', id: '404' }),
      await h.sync('offerit', { kind: 'goal', offerId: '404', id: '51' }),
    ];

    expect(again.map((result) => [result.action, result.writes])).toEqual([
      ['unchanged', 0],
      ['unchanged', 0],
    ]);
    expect({ offerit: offeritWrites().length, offerslook: offerslookWrites().length }).toEqual(
      writesBefore,
    );
  });

  it('suppresses echoes: after A->B, syncing B->A writes nothing', async () => {
    const offer = await h.sync('offerit', { kind: 'offer', id: '406' });
    const twin = idOf(offer.targetId);
    const offeritBefore = offeritWrites().length;

    const back = await h.sync('offerslook', { kind: 'offer', id: twin });

    expect(back).toMatchObject({ action: 'echo', writes: 0, targetId: 'offer:406' });
    expect(offeritWrites().length).toBe(offeritBefore);

    // The other way round: Offerslook offer -> Offerit -> back.
    const paused = await h.sync('offerslook', { kind: 'offer', id: '503' });
    const offerid = idOf(paused.targetId);
    const offerslookBefore = offerslookWrites().length;
    const echoed = await h.sync('offerit', { kind: 'offer', id: offerid });
    expect(echoed).toMatchObject({ action: 'echo', writes: 0, targetId: 'offer:503' });
    expect(offerslookWrites().length).toBe(offerslookBefore);
  });

  it('suppresses echoes of goals and commissions', async () => {
    // Offer 400, its goal 48 and change 59 were created on Offerslook by the first test.
    const goalLink = await h.pair.links.find('offerit', {
      kind: 'goal',
      offerId: '400',
      id: '48',
    });
    const payoutLink = await h.pair.links.find('offerit', {
      kind: 'commission',
      offerId: '400',
      id: '59',
    });
    expect(goalLink && payoutLink).toBeTruthy();
    const before = offeritWrites().length;

    const results = [
      await h.sync('offerslook', goalLink!.offerslook.key),
      await h.sync('offerslook', payoutLink!.offerslook.key),
    ];

    expect(results.map((result) => [result.action, result.writes])).toEqual([
      ['echo', 0],
      ['echo', 0],
    ]);
    expect(offeritWrites().length).toBe(before);
  });

  it("never writes a reconcile page's record that a later sync saw past", async () => {
    // A reconcile page read offer 406 ...
    await h.sync('offerit', { kind: 'offer', id: '406' });
    const pageReadAt = Date.now() - 1;
    const listed = await h.pair.clients.offerit.get({ kind: 'offer', id: '406' });
    // ... then someone renamed it, and a webhook's sync carried the new name across ...
    await h.pair.clients.offerit.update({ kind: 'offer', id: '406' }, { name: 'Renamed later' });
    const live = await h.sync('offerit', { kind: 'offer', id: '406' });
    expect(live).toMatchObject({ action: 'update', changes: { name: { to: 'Renamed later' } } });
    const before = offerslookWrites().length;

    // ... and only then does the page's (older) record reach its sync.
    const late = await runSync(
      {
        source: 'offerit',
        key: { kind: 'offer', id: '406' },
        sourceRecord: listed!,
        sourceReadAt: pageReadAt,
      },
      h.pair.syncDeps,
    );

    // It is read again instead: nothing to write, the newer name stays.
    expect(late).toMatchObject({ action: 'unchanged', writes: 0 });
    expect(offerslookWrites().length).toBe(before);
    const twin = Number(idOf(live.targetId));
    expect(h.offerslook.state.store.offers.get(twin)?.name).toBe('Renamed later');
  });
});
