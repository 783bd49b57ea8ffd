// The seed pages' own sample requests, sent raw exactly as PHP's http_build_query encodes them
// (spaces as +, brackets as %5B%5D), must work unchanged against the sandbox, in both presets of
// its answers; what they wrote is read back through the adapter (the offer's payouts come from
// its default commission change in v2).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createOfferitPlatform } from '../../../src/platforms/offerit/index.js';
import type { PlatformClient } from '../../../src/platforms/platform-client.js';
import { ANSWERS, amount, raw, startSandbox, type Running } from './sandbox-client.js';

describe.each(ANSWERS)(
  'offerit sandbox answers the seed pages’ sample requests (%s)',
  (answers) => {
    let running: Running;
    let platform: PlatformClient;
    beforeEach(async () => {
      running = await startSandbox({
        answers,
        fixtures: {
          offers: [
            // Older offers keep their own (lower) landing page ids, so new ones still start at 432.
            {
              offerid: '2',
              landing_pageid: '3',
              name: 'Seed 003 offer',
              url: 'http://example.com/2',
            },
            {
              offerid: '251',
              landing_pageid: '280',
              name: 'API TEST Offer',
              url: 'http://example.com/251',
            },
          ],
          affiliates: [{ loginid: '2', username: 'productsupport-aff', email: 'aff2@example.com' }],
        },
      });
      platform = createOfferitPlatform(running.client);
    });
    afterEach(() => running.sandbox.stop());

    it('seed 001 add_offer: numeric commission_type 201, comma list authorized, %% macros kept', async () => {
      const body =
        'name=API+TEST+Offer&url=http%3A%2F%2Fexample.com%2F%3Fid%3D%25%25click_hash%25%25' +
        '&preview_url=http%3A%2F%2Fexample.com%2F&authorized=DE%2CES&advertiserid=1' +
        '&advertiser_cost_type=conversion&advertiser_cost_flat=20&commission_type=201' +
        '&flat_amount_per_conversion=15&flat_amount_per_continuity=5';
      const answer = await raw(running, 'POST', '/offer/add_offer', body);
      expect(answer.status).toBe(200);
      // A fresh network answers with the seed's own ids.
      expect(answer.json).toEqual({
        result: 'Success',
        message: { landing_pageid: '432', offerid: '400' },
      });
      expect(await platform.get({ kind: 'offer', id: '400' })).toMatchObject({
        name: 'API TEST Offer',
        url: 'http://example.com/?id=%%click_hash%%',
        authorized: ['DE', 'ES'],
        commission_type: '201',
        advertiser_cost_type: 'conversion',
        advertiser_cost_flat: '20.00',
        flat_amount_per_conversion: amount('15'),
        flat_amount_per_continuity: amount('5'),
      });
    });

    it('seed 003 add_commission_change: countries[0]=GB,DE inside one array element', async () => {
      const body =
        'offerid=2&loginid=2&type=standard&countries%5B0%5D=GB%2CDE' +
        '&flat_amount_per_conversion=15&flat_amount_per_continuity=5';
      const answer = await raw(running, 'POST', '/offer/add_commission_change', body);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ result: 'Success', message: 'changes_saved', changeid: 59 });
      const rows = await raw(running, 'GET', '/offer/get_commission_changes?offerid=2');
      const change = (
        rows.json as { message: { changes: Record<string, unknown>[] } }
      ).message.changes.find((row) => row['Change Id'] === 59);
      expect(change).toEqual({
        'Change Id': 59,
        'Start Time': 'Never',
        'End Time': 'Never',
        Countries: { '826': 'GB', '276': 'DE' },
        Affiliates: { '2': 'productsupport-aff' },
        'Flat Conversion Payout': 15,
        'Flat Continuity Payout': 5,
      });
    });

    it('seed 003 as its example line writes it (brackets unencoded) works too', async () => {
      const body =
        'loginid=2&offerid=2&type=standard&countries[0]=GB&countries[1]=DE&flat_amount_per_conversion=15';
      const answer = await raw(running, 'POST', '/offer/add_commission_change', body);
      expect(answer.status).toBe(200);
      const [change] = (await running.client.getCommissionChanges({ offerid: 2 })).filter(
        (c) => c.changeid !== '0',
      );
      expect(change).toMatchObject({
        countries: ['DE', 'GB'],
        loginid: '2',
        flat_amount_per_conversion: '15',
      });
    });

    it('seed 004 edit_offer with PATCH and a form body', async () => {
      const body =
        'offerid=251&name=edited+API+TEST+Offer&authorized=GB%2CIT&advertiserid=9' +
        '&advertiser_cost_type=conversion&advertiser_cost_flat=25&commission_type=cps' +
        '&percentage_of_customer_conversion=15&percentage_of_customer_continuity=5';
      const answer = await raw(running, 'PATCH', '/offer/edit_offer', body);
      expect(answer.status).toBe(200);
      expect(answer.json).toEqual({ result: 'Success', message: 'offer_saved' });
      expect(await platform.get({ kind: 'offer', id: '251' })).toMatchObject({
        offerid: '251',
        name: 'edited API TEST Offer',
        authorized: ['GB', 'IT'],
        advertiserid: '9',
        commission_type: 'cps',
        percentage_of_customer_conversion: amount('15'),
        percentage_of_customer_continuity: amount('5'),
      });
    });
  },
);
