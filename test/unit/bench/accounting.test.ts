// The benches judge offer-sync against minimums they work out themselves: these rules (and how
// logged requests are counted) are checked here, without running a bench (not a timing test).
import { describe, expect, it } from 'vitest';
import { summarize } from '../../../bench/latency/percentiles.js';
import {
  OPERATIONS,
  mapRecord,
  offeritCreateWrites,
  offeritListRequests,
  offeritUpdateWrites,
  offerslookCreateWrites,
  offerslookListPages,
  offerslookUpdateWrites,
} from '../../../bench/shared/minimum.js';
import { offeritOffer, offerslookOffer } from '../../../bench/shared/network.js';
import { countRequests, operationOf } from '../../../bench/shared/request-counts.js';
import { loadMappings } from '../../../src/mapping/index.js';

const mappings = await loadMappings('mappings');
const forward = mappings.route('offerit', 'offer')!;
const reverse = mappings.route('offerslook', 'offer')!;

describe('bench minimums', () => {
  it('an Offerslook create needs a base-event PATCH only where event 1 differs from its defaults', () => {
    const post = mapRecord(forward, { ...offeritOffer(3), conversion_type: 'post', hidden: '0' });
    expect(offerslookCreateWrites(post)).toEqual([OPERATIONS.post]);
    const image = mapRecord(forward, { ...offeritOffer(3), conversion_type: 'image' });
    expect(offerslookCreateWrites(image)).toEqual([OPERATIONS.post, OPERATIONS.patchBase]);
    const hidden = mapRecord(forward, { ...offeritOffer(3), conversion_type: 'post', hidden: '1' });
    expect(offerslookCreateWrites(hidden)).toEqual([OPERATIONS.post, OPERATIONS.patchBase]);
  });

  it('an Offerslook update needs a PUT for offer fields and a PATCH for base-event fields', () => {
    const before = mapRecord(forward, { ...offeritOffer(3), conversion_type: 'post' });
    const renamed = mapRecord(forward, { ...offeritOffer(3), conversion_type: 'post', name: 'x' });
    const both = mapRecord(forward, { ...offeritOffer(3), conversion_type: 'image', name: 'x' });
    expect(offerslookUpdateWrites(before, renamed)).toEqual([OPERATIONS.put]);
    expect(offerslookUpdateWrites(before, both)).toEqual([OPERATIONS.put, OPERATIONS.patchBase]);
    expect(offerslookUpdateWrites(before, before)).toEqual([]);
  });

  it('an Offerit create of a paused offer needs pause_offer; a status change its own call', () => {
    const active = mapRecord(reverse, { ...offerslookOffer(1), status: 'active' });
    const paused = mapRecord(reverse, { ...offerslookOffer(1), status: 'paused' });
    expect(offeritCreateWrites(active)).toEqual([OPERATIONS.addOffer]);
    expect(offeritCreateWrites(paused)).toEqual([OPERATIONS.addOffer, OPERATIONS.pauseOffer]);
    const renamedPaused = mapRecord(reverse, {
      ...offerslookOffer(1),
      status: 'paused',
      name: 'y',
    });
    expect(offeritUpdateWrites(active, renamedPaused)).toEqual([
      OPERATIONS.editOffer,
      OPERATIONS.pauseOffer,
    ]);
    expect(offeritUpdateWrites(paused, active)).toEqual([OPERATIONS.activateOffer]);
  });

  it('list pages: 100 offers a page; Offerit windows up to the last id + the empty ones, v2 + payouts', () => {
    expect(offerslookListPages(10_000)).toHaveLength(100);
    expect(offeritListRequests(1000, 1000, 'v1')).toHaveLength(13);
    expect(offeritListRequests(1000, 1000, 'v2')).toHaveLength(1013);
  });
});

describe('bench request counts', () => {
  it('folds ids out of paths, per platform', () => {
    expect(
      operationOf('offerslook', { method: 'PATCH', path: '/v1/offers/77/offer_events/1' }),
    ).toBe(OPERATIONS.patchBase);
    expect(
      operationOf('offerslook', { method: 'PATCH', path: '/v1/offers/77/offer_events/3' }),
    ).toBe('PATCH /v1/offers/{id}/offer_events/{event_id}');
    expect(operationOf('offerslook', { method: 'PATCH', path: '/v1/batches/offers/1,2,3' })).toBe(
      'PATCH /v1/batches/offers/{ids}',
    );
    expect(operationOf('offerit', { method: 'GET', path: '/api/offer/get_details' })).toBe(
      OPERATIONS.getDetails,
    );
    const counts = countRequests('offerslook', [
      { method: 'GET', path: '/v1/offers/1/all', status: 200 },
      { method: 'PUT', path: '/v1/offers/1', status: 429 },
    ]);
    expect(counts).toMatchObject({ total: 2, gets: 1, writes: 1, rateLimited: 1 });
  });

  it('latency percentiles by nearest rank; an edit that never arrived is the slowest', () => {
    const values = Array.from({ length: 20 }, (_, index) => (index + 1) * 100);
    expect(summarize(values)).toMatchObject({ count: 20, p50Ms: 1000, p95Ms: 1900, maxMs: 2000 });
    expect(summarize([...values.slice(1), undefined])).toMatchObject({
      missing: 1,
      maxMs: Number.POSITIVE_INFINITY,
    });
  });
});
