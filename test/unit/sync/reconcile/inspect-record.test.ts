// What the shipped mappings say about a record before any request: no-twin guards, values that
// can never map (worded as the sync words them), and the parents it needs linked.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadMappings, type MappingSet } from '../../../../src/mapping/index.js';
import { inspectRecord } from '../../../../src/sync/reconcile/index.js';
import { MappingRejectedError } from '../../../../src/sync/run/index.js';

const NOW = new Date('2025-01-02T03:04:05Z');

describe('inspectRecord with the shipped mappings', () => {
  let mappings: MappingSet;
  beforeAll(async () => {
    mappings = await loadMappings('mappings');
  });

  it('needs nothing for an offer, and its goals need their offer', () => {
    const offer = mappings.route('offerit', 'offer')!;
    expect(
      inspectRecord(
        offer,
        { offerid: '400', name: 'A', url: 'https://x', advertiserid: '1' },
        undefined,
        NOW,
      ),
    ).toEqual({ needs: [] });
    const goal = mappings.route('offerit', 'goal')!;
    const record = {
      offerid: '400',
      offer_goal_id: '48',
      goal_id: '1',
      name: 'G',
      commission_type: 'flat',
      amount: '1',
    };
    expect(inspectRecord(goal, record, '400', NOW)).toEqual({
      needs: [{ kind: 'offer', id: '400' }],
    });
  });

  it('a commission change on a goal needs the offer and that goal, keyed under the offer', () => {
    const route = mappings.route('offerit', 'commission')!;
    const change = {
      offerid: '400',
      changeid: '60',
      goalid: '48',
      type: 'standard',
      start_time: '',
      end_time: '',
      countries: [],
      affiliates: { '4': 'tom' },
      loginid: '4',
      flat_amount_per_conversion: '1.40',
    };
    expect(inspectRecord(route, change, '400', NOW).needs).toEqual([
      { kind: 'offer', id: '400' },
      { kind: 'goal', id: '48', offerId: '400' },
    ]);
  });

  it('reports the no-twin reason of a country-restricted change', () => {
    const route = mappings.route('offerit', 'commission')!;
    const inspection = inspectRecord(
      route,
      {
        offerid: '404',
        changeid: '63',
        goalid: '0',
        type: 'standard',
        start_time: '',
        end_time: '',
        countries: ['US'],
        affiliates: { '4': 'tom' },
        loginid: '4',
      },
      '404',
      NOW,
    );
    expect(inspection).toEqual({
      noTwin: expect.stringMatching(/restricted by country/),
      needs: [],
    });
  });

  it('rejects a value the route cannot map, in the words of the sync', () => {
    const route = mappings.route('offerslook', 'offer')!;
    const record = {
      id: '502',
      name: 'Fitness',
      advertiser_id: '14',
      revenue_type: 'RPA+RPS',
      payout_type: 'CPA',
      status: 'active',
    };
    const inspection = inspectRecord(route, record, undefined, NOW);
    expect(inspection.rejected).toBeDefined();
    const issues = route.apply(record, { now: NOW, resolve: () => '1' }).issues;
    expect(inspection.rejected).toBe(new MappingRejectedError(route.name, issues).message);
  });
});
