// get_commission_changes in v1's and v2's row shapes ("Sub Affiliates" map or top-level labels,
// zero-padded or plain country keys, JSON booleans on goal rows, "CPM Payout", a default row
// with or without the offer's payouts): the client reads one normalised record either way, and
// the adapter's commission records and writes work on it.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfferitPlatform } from '../../../src/platforms/offerit/index.js';
import type { PlatformClient } from '../../../src/platforms/platform-client.js';
import type { OfferitFixtures } from '../../../src/sandbox/offerit/index.js';
import { ANSWERS, startSandbox, type Running } from './sandbox-client.js';

const fixtures: OfferitFixtures = {
  affiliates: [{ loginid: '3', username: 'anna', email: 'anna@example.com' }],
  offers: [
    {
      offerid: '400',
      name: 'Offer',
      url: 'https://x.example/',
      flat_amount_per_conversion: '4.5',
      goals: [{ offer_goal_id: '48', goal_id: '1', name: 'Lead', amount: '1' }],
    },
  ],
  commissionChanges: [
    {
      offerid: '400',
      changeid: '59',
      goalid: '48',
      countries: ['AF', 'AX', 'GB'],
      subaff: 'a',
      subaff5: 'e',
      aff_manager_payout: '1',
      aff_referral_payout: '0',
      cpm_payout: '7',
      flat_amount_per_conversion: '2',
    },
    // Restricted to one affiliate, with no payout set at all.
    { offerid: '400', changeid: '60', loginid: '3' },
    // Amounts a binary float would change: a trailing zero, and more digits than 2^53 holds.
    {
      offerid: '400',
      changeid: '61',
      flat_amount_per_conversion: '7.50',
      percentage_of_customer_conversion: '12345678901234567.89',
    },
  ],
};

describe.each(ANSWERS)('offerit commission changes (%s answers)', (answers) => {
  let running: Running;
  let platform: PlatformClient;
  beforeEach(async () => {
    running = await startSandbox({ fixtures, answers });
    platform = createOfferitPlatform(running.client);
  });
  afterEach(() => running.sandbox.stop());

  it('reads payouts sent as JSON numbers exactly as the platform wrote them', async () => {
    const answer = await fetch(`${running.baseUrl}/offer/get_commission_changes?offerid=400`, {
      headers: running.headers,
    }).then((response) => response.text());
    // The wire holds JSON numbers in their shortest form (no quotes), as the documented sample does.
    expect(answer).toContain(':7.5,');
    expect(answer).toContain(':12345678901234567.89');
    const changes = await running.client.getCommissionChanges({ offerid: 400 });
    const exact = changes.find((change) => change.changeid === '61')!;
    expect(exact.flat_amount_per_conversion).toBe('7.5');
    expect(exact.percentage_of_customer_conversion).toBe('12345678901234567.89');
  });

  it('reads sub-affiliates, countries, goal switches and CPM into one record', async () => {
    const changes = await running.client.getCommissionChanges({ offerid: 400 });
    expect(changes.find((change) => change.changeid === '59')).toEqual({
      offerid: '400',
      changeid: '59',
      goalid: '48',
      type: 'standard',
      start_time: '',
      end_time: '',
      countries: ['AF', 'AX', 'GB'],
      affiliates: {},
      subaff: 'a',
      subaff5: 'e',
      flat_amount_per_conversion: '2',
      cpm_payout: '7',
      // v1 rows carry no goal switches; v2 sends them as JSON booleans.
      ...(answers === 'v2' ? { aff_manager_payout: '1', aff_referral_payout: '0' } : {}),
    });
    // No payout key at all: every payout is "not set", none is 0.
    const bare = changes.find((change) => change.changeid === '60')!;
    expect(bare).toEqual({
      offerid: '400',
      changeid: '60',
      goalid: '0',
      type: 'standard',
      start_time: '',
      end_time: '',
      countries: [],
      affiliates: { '3': 'anna' },
      loginid: '3',
    });
    const own = changes.find((change) => change.changeid === '0' && change.goalid === '0')!;
    expect(own.flat_amount_per_conversion).toBe(answers === 'v2' ? '4.5' : undefined);
  });

  it('creates a goal change with its switches, and keeps them through a payout update', async () => {
    const { key } = await platform.create(
      'commission',
      {
        type: 'standard',
        goalid: '48',
        loginid: '3',
        aff_manager_payout: '0',
        aff_referral_payout: '1',
        flat_amount_per_conversion: '3',
      },
      { offerId: '400' },
    );
    const created = (await platform.get(key))!;
    expect(created).toMatchObject({ goalid: '48', loginid: '3', flat_amount_per_conversion: '3' });
    if (answers === 'v2')
      expect(created).toMatchObject({ aff_manager_payout: '0', aff_referral_payout: '1' });
    running.sandbox.runtime.log.clear();
    await platform.update(key, { flat_amount_per_conversion: '3.5' }, created);
    expect(running.sandbox.runtime.log.entries()).toHaveLength(1);
    expect(await platform.get(key)).toMatchObject({
      ...created,
      flat_amount_per_conversion: '3.5',
    });
    // A switch cannot change through set_commission_change_payouts: refused, not dropped.
    await expect(platform.update(key, { aff_manager_payout: '1' }, created)).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });

  it('lists the changes of the offer (default rows left out), each a valid commission record', async () => {
    const listed = [];
    for await (const change of platform.list('commission', { offerId: '400' })) listed.push(change);
    expect(listed.map((change) => change.changeid)).toEqual(['60', '61', '59']);
  });
});
